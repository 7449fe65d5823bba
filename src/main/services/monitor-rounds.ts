/**
 * The rules of a monitor round, apart from the service that runs them (monitor.ts): its record and what the Inbox says
 * of it, why a round must wait before it asks Codat anything, when the next is due, and what a round's outcome teaches
 * the scheduler (its back-off and Codat's waits).
 */
import { randomUUID } from 'node:crypto';
import type { ScanState } from '@shared/contract';
import type { MonitorRound, MonitorSettings } from '@shared/domain/inbox';
import { isQuotaLow, rateLimitAt } from '@shared/domain/quota';
import type { RateLimitInfo } from '../codat/http';
import type { ScanOutcome } from './health-scan';
import type { InboxData } from './inbox-store';
import { budgetLimit, budgetSpentMessage, budgetSpentOut, nextUtcMidnight, plural, utcDay } from './monitor-budget';
import type { Scheduler } from './scheduler';

const minuteMs = 60_000;

/** After failures, rounds wait up to this long. */
const maxRoundBackoffMs = 4 * 60 * minuteMs;

/** What a round's timing depends on besides the inbox and the settings. */
export interface RoundTiming {
  at: number;
  scheduler: Scheduler;
  /** What Codat last said of the quota (its limit sets the budget; what was left, until the reset it named). */
  rateLimit: RateLimitInfo | null;
}

export const profileChanged = 'The round was stopped (the profile changed).';
/** Codat's messages end with a full stop or without one: either way, one. */
const asSentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
export const iso = (at: number) => new Date(at).toISOString();

export function newRound(trigger: MonitorRound['trigger'], at: number): MonitorRound {
  return {
    roundId: randomUUID(),
    state: 'running',
    trigger,
    startedAt: iso(at),
    finishedAt: null,
    companiesScanned: 0,
    totalCompanies: null,
    requestsUsed: 0,
    closerLooks: 0,
    newIssues: 0,
    reopenedIssues: 0,
    resolvedIssues: 0,
    problem: null,
  };
}

export const fromScan = (scan: ScanState) => ({
  companiesScanned: scan.companiesScanned,
  totalCompanies: scan.totalCompanies,
  requestsUsed: scan.requestsUsed,
  closerLooks: scan.closerLooks,
});

/** How a round that scanned ended. */
export function endState(outcome: ScanOutcome): MonitorRound['state'] {
  if (outcome.stoppedForBudget) return 'stopped_for_budget';
  if (outcome.scan.state === 'paused_for_quota') return 'paused_for_quota';
  return outcome.scan.state === 'running' ? 'failed' : outcome.scan.state;
}

/** What the Inbox says of a round that scanned, by how it ended. */
export function problemOf(round: MonitorRound, outcome: ScanOutcome, budgetSpent: () => string): string | null {
  const where =
    round.totalCompanies !== null
      ? `after ${plural(round.companiesScanned, 'company', 'companies')} of ${round.totalCompanies.toLocaleString('en')}`
      : 'before listing any company';
  switch (round.state) {
    case 'stopped_for_budget':
      return `${budgetSpent()} It stopped ${where}.`;
    case 'paused_for_quota':
      return `It stopped ${where} to keep the day's remaining Codat requests for your own work. Nothing it did not see was resolved.`;
    case 'failed':
      return `The round failed ${where}: ${asSentence(outcome.scan.error ?? 'Codat could not be asked')} It will try again.`;
    case 'cancelled':
      return profileChanged;
    default:
      return outcome.scan.unreadable
        ? `${plural(outcome.scan.unreadable, 'company', 'companies')} Codat listed could not be read, so nothing was resolved this round.`
        : null;
  }
}

/** A Health page scan as a round of the inbox's: the Inbox shows it as the last round. */
export function healthScanRound(outcome: ScanOutcome): MonitorRound {
  return {
    ...newRound('health_scan', Date.parse(outcome.scan.startedAt)),
    ...fromScan(outcome.scan),
    state: outcome.scan.state === 'running' ? 'failed' : outcome.scan.state,
    finishedAt: outcome.scan.finishedAt,
    problem: outcome.scan.error ?? null,
  };
}

/** Nothing is asked of Codat before the quota resets (when Codat did not say when, 00:00 UTC). */
function waitForQuotaReset({ at, scheduler, rateLimit }: RoundTiming) {
  const resetAt = rateLimitAt(rateLimit, at)?.resetAt;
  const reset = resetAt ? Date.parse(resetAt) : NaN;
  scheduler.waitUntil(Number.isFinite(reset) && reset > at ? reset : nextUtcMidnight(at));
}

/** Why a round must not start now, as a finished round that made no request (null: it may start). */
export function mustWait(
  round: MonitorRound,
  inbox: InboxData,
  settings: MonitorSettings,
  timing: RoundTiming,
): MonitorRound | null {
  const { at, scheduler, rateLimit } = timing;
  const stop = (state: MonitorRound['state'], problem: string): MonitorRound => ({
    ...round,
    state,
    problem,
    finishedAt: iso(at),
  });
  // The quota first: a wait it set (a round it stopped) is said as what it is, not as Codat's Retry-After.
  const quota = rateLimitAt(rateLimit, at);
  if (isQuotaLow(quota)) {
    waitForQuotaReset(timing);
    return stop(
      'paused_for_quota',
      `Only ${plural(quota?.remaining ?? 0, 'Codat request is', 'Codat requests are')} left today, kept for your own work; the monitor checks again when the quota resets.`,
    );
  }
  const waitUntil = scheduler.waitingUntil();
  if (at < waitUntil) {
    return stop('paused_for_quota', `Codat asked Linkdesk to wait; the monitor checks again at ${iso(waitUntil)}.`);
  }
  if (budgetSpentOut(inbox, budgetLimit(settings, rateLimit), at)) {
    return stop('stopped_for_budget', budgetSpentMessage(settings, rateLimit));
  }
  return null;
}

/** The back-off and the waits a round of the active profile teaches the scheduler. */
export function learnFromRound(round: MonitorRound, outcome: ScanOutcome, timing: RoundTiming): void {
  if (round.state === 'finished') timing.scheduler.succeeded();
  if (round.state === 'paused_for_quota') waitForQuotaReset(timing);
  if (round.state !== 'failed') return;
  timing.scheduler.failed(outcome.failure);
  console.warn(`[monitor] ${round.problem}`);
}

/**
 * When the next round is due: "Check every" after the last one started, later after failures, Codat's waits, the
 * start-up delay (`notBefore`) or a budget spent today.
 */
export function nextRoundAt(
  inbox: InboxData,
  settings: MonitorSettings,
  notBefore: number,
  { at, scheduler, rateLimit }: RoundTiming,
): number {
  const every = settings.everyMinutes * minuteMs;
  const last = inbox.lastRound;
  const due = Math.max(
    last ? Date.parse(last.startedAt) + every : at,
    at + scheduler.backoffMs(every, maxRoundBackoffMs),
    scheduler.waitingUntil(),
    notBefore,
  );
  const spentOut =
    (last?.state === 'stopped_for_budget' && utcDay(Date.parse(last.startedAt)) === utcDay(at)) ||
    budgetSpentOut(inbox, budgetLimit(settings, rateLimit), at);
  return Math.max(due, spentOut ? nextUtcMidnight(at) : at);
}
