/** The Inbox in words and order: each tab's rows, snooze times, a round's outcome, an issue's history. Pure. */
import { severityRank } from '@shared/domain/health/model';
import type { InboxHistoryEntry, InboxIssue, InboxState, MonitorRound } from '@shared/domain/inbox';
import { formatDateTime } from '@renderer/lib/format';

/**
 * A tab's issues: the most severe first, then the most recent news first (last seen; for Resolved and Muted,
 * when they got there). Snoozed: the soonest back first.
 */
export function issuesOfTab(issues: readonly InboxIssue[], tab: InboxState): InboxIssue[] {
  const keyed = issues
    .filter((issue) => issue.state === tab)
    .map((issue) => ({
      issue,
      rank: severityRank[issue.issue.severity],
      news: Date.parse(tab === 'resolved' || tab === 'muted' ? issue.changedAt : issue.lastSeenAt),
      back: issue.snoozedUntil ? Date.parse(issue.snoozedUntil) : Number.POSITIVE_INFINITY,
    }));
  keyed.sort((a, b) =>
    tab === 'snoozed'
      ? a.back - b.back || a.rank - b.rank
      : a.rank - b.rank || b.news - a.news || a.issue.key.localeCompare(b.issue.key),
  );
  return keyed.map((entry) => entry.issue);
}

export interface SnoozeChoice {
  label: string;
  until: Date;
}

/** "1 hour", "Until tomorrow 9:00" (local time), "1 week", from `now`. */
export function snoozeChoices(now: number): SnoozeChoice[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: '1 hour', until: new Date(now + 60 * 60_000) },
    { label: 'Until tomorrow 9:00', until: tomorrow },
    { label: '1 week', until: new Date(now + 7 * 24 * 60 * 60_000) },
  ];
}

/** A `datetime-local` input's value for a time (local, to the minute). */
export function localInputValue(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** Why a picked snooze time cannot be used, or null. Main accepts times up to a year ahead. */
export function snoozeTimeProblem(value: string, now: number): string | null {
  if (!value) return 'Enter a date and time.';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return 'Enter a date and time, for example tomorrow at 09:00.';
  if (time <= now) return 'Pick a time in the future.';
  if (time > now + 365 * 24 * 60 * 60_000) return 'Pick a time within a year.';
  return null;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What a round found, or why it stopped: "2 new, 1 resolved", "Nothing new", "Stopped: …". */
export function roundOutcome(round: MonitorRound): string {
  const found = [
    round.newIssues > 0 ? `${round.newIssues} new` : '',
    round.reopenedIssues > 0 ? `${round.reopenedIssues} reopened` : '',
    round.resolvedIssues > 0 ? `${round.resolvedIssues} resolved` : '',
  ].filter(Boolean);
  const findings = found.length > 0 ? found.join(', ') : 'nothing new';
  const scanned = `${plural(round.companiesScanned, 'company', 'companies')} checked, ${plural(round.requestsUsed, 'request')}`;
  switch (round.state) {
    case 'running':
      return '';
    case 'finished':
      return `Check finished: ${findings} (${scanned}).`;
    case 'stopped_for_budget':
      return `Check stopped: ${round.problem ?? 'today’s monitor budget is spent'}. So far: ${findings} (${scanned}).`;
    case 'paused_for_quota':
      return `Check paused: ${round.problem ?? 'Codat’s quota for today is down to its reserve'}. So far: ${findings} (${scanned}).`;
    case 'cancelled':
      return `Check cancelled. So far: ${findings} (${scanned}).`;
    case 'failed':
      return `Check failed: ${round.problem ?? 'the monitor could not finish'}.`;
  }
}

/** "Checked 12 of 40 companies · 15 requests" while a round runs. */
export function roundProgress(round: MonitorRound): string {
  const of = round.totalCompanies === null ? '' : ` of ${round.totalCompanies}`;
  return `Checking: ${round.companiesScanned}${of} companies · ${plural(round.requestsUsed, 'request')} used`;
}

/** One line of an issue's history in words: "Acknowledged by sam", "Snoozed by sam until 3 Mar 2031, 09:00". */
export function historyWords(entry: InboxHistoryEntry): string {
  const by = entry.by ? ` by ${entry.by}` : '';
  switch (entry.kind) {
    case 'first_seen':
      return 'First seen';
    case 'acknowledged':
      return `Acknowledged${by}`;
    case 'snoozed':
      return `Snoozed${by}${entry.until ? ` until ${formatDateTime(entry.until)}` : ''}`;
    case 'snooze_ended':
      return 'Snooze ended: still there, New again';
    case 'muted':
      return `Muted${by}`;
    case 'unmuted':
      return `Unmuted${by}`;
    case 'resolved':
      return 'Resolved: not seen any more';
    case 'reopened':
      return 'Reopened: seen again after it was resolved';
  }
}

/** A tab's count, said as the tab's description. */
export const countWords = (count: number) => plural(count, 'issue');
