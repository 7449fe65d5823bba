/**
 * The monitor's daily budget: `dailyBudgetPercent` of the day's quota, counted per UTC day as Codat counts it (what was
 * spent is kept in the inbox file, so that a restart does not reset it). A round asks the budget before every request
 * and stops when it says no; the next round then waits for the next UTC day.
 */
import type { MonitorSettings } from '@shared/domain/inbox';
import type { RateLimitInfo } from '../codat/http';
import type { ScanBudget } from './portfolio-scan';
import type { InboxData } from './inbox-store';

const dayMs = 24 * 60 * 60_000;

/**
 * Until Codat has said what the day's quota is (its X-Rate-Limit headers, on the first answer), the budget is taken
 * from the smallest quota Codat gives (1 000 requests a day, a test client's): 50 requests at 5 %.
 */
const assumedDailyQuota = 1_000;

export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
export const nextUtcMidnight = (at: number) => Math.floor(at / dayMs) * dayMs + dayMs;
export const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** Today's budget: `dailyBudgetPercent` of the quota Codat reported (null: not reported yet). */
export function limitToday(settings: MonitorSettings, rateLimit: RateLimitInfo | null): number | null {
  const quota = rateLimit?.limit;
  return quota == null ? null : Math.floor((quota * settings.dailyBudgetPercent) / 100);
}

/** Today's budget, or the assumed quota's share until Codat has said. */
export const budgetLimit = (settings: MonitorSettings, rateLimit: RateLimitInfo | null) =>
  limitToday(settings, rateLimit) ?? Math.floor((assumedDailyQuota * settings.dailyBudgetPercent) / 100);

export const spentToday = (inbox: InboxData, at: number) =>
  inbox.spent?.day === utcDay(at) ? inbox.spent.requests : 0;

/** A closer look needs 2 requests: with less than that left, a round could only list, and would learn little. */
export const budgetSpentOut = (inbox: InboxData, limit: number, at: number) => spentToday(inbox, at) + 2 > limit;

/** Why no more requests today, in the Inbox's words. */
export function budgetSpentMessage(settings: MonitorSettings, rateLimit: RateLimitInfo | null): string {
  const limit = budgetLimit(settings, rateLimit);
  const known = limitToday(settings, rateLimit) !== null;
  return `The monitor's budget for today is spent (${plural(limit, 'request', 'requests')}, ${settings.dailyBudgetPercent} % of ${
    known ? "the day's quota" : `${assumedDailyQuota.toLocaleString('en')} requests, until Codat says what the quota is`
  }); it carries on after 00:00 UTC. Nothing it did not see was resolved.`;
}

/**
 * One round's share of the day's budget: `spentBefore` requests were spent today already, and `limit` (asked at each
 * request: Codat may have said the quota meanwhile) is the day's. `reserved` says what the round took.
 */
export function roundBudget(spentBefore: number, limit: () => number): ScanBudget & { reserved(): number } {
  let reserved = 0;
  return {
    take(requests) {
      if (spentBefore + reserved + requests > limit()) return false;
      reserved += requests;
      return true;
    },
    giveBack(requests) {
      reserved -= requests;
    },
    reserved: () => reserved,
  };
}
