/**
 * The inbox's lifecycle rules, pure (time comes in as a number), so they are table-tested on a fake clock.
 * A round (the monitor's, or the Health page's scan) brings the issues it saw; triage (acknowledge, snooze, mute,
 * unmute) is the user's. Resolution needs proof of absence: only a complete round (every company listed and looked
 * at as needed) can resolve an issue, and only one not seen for `resolveAfterHours`. Muted stays muted.
 */
import type { HealthIssue } from '@shared/domain/health/model';
import {
  inboxStates,
  maxInboxHistory,
  type InboxHistoryEntry,
  type InboxIssue,
  type InboxState,
} from '@shared/domain/inbox';

const hourMs = 3_600_000;
const iso = (at: number) => new Date(at).toISOString();

export interface RoundInput {
  profileId: string;
  at: number;
  /** The issues the round saw (a key seen twice counts once: the last wins). */
  seen: readonly HealthIssue[];
  /** Every company was listed and looked at as needed: what it did not see is not there. */
  complete: boolean;
  resolveAfterHours: number;
}

export interface RoundOutcome {
  issues: InboxIssue[];
  /** Issues this round made new (first seen or reopened) that deserve a notification (see `alerts`). */
  alerts: InboxIssue[];
  newIssues: number;
  reopenedIssues: number;
  resolvedIssues: number;
}

/** What the lifecycle needs to know to tell "still there" from "gone" outside a round. */
export interface Presence {
  at: number;
  /** When the last complete round ended (null: none yet). */
  lastCompleteRoundAt: number | null;
  resolveAfterHours: number;
}

/** Triage: when, and who (the OS user). */
export interface Actor {
  at: number;
  by: string;
}

/** Adds a history line; beyond `maxInboxHistory` the oldest lines go, but the `first_seen` line stays. */
export function withHistory(issue: InboxIssue, entry: InboxHistoryEntry): InboxIssue {
  const history = [...issue.history, entry];
  while (history.length > maxInboxHistory) {
    const keepFirst = history[0]?.kind === 'first_seen' ? 1 : 0;
    history.splice(keepFirst, 1);
  }
  return { ...issue, history };
}

function moved(issue: InboxIssue, state: InboxState, entry: InboxHistoryEntry): InboxIssue {
  return withHistory(
    { ...issue, state, changedAt: entry.at, snoozedUntil: state === 'snoozed' ? issue.snoozedUntil : null },
    entry,
  );
}

/**
 * Gone: a complete round after it was last seen did not see it, and it has not been seen for `resolveAfterHours`.
 * Without a complete round since, nothing proves it went away.
 */
export function isGone(issue: InboxIssue, presence: Presence): boolean {
  const lastSeen = Date.parse(issue.lastSeenAt);
  return (
    presence.lastCompleteRoundAt !== null &&
    presence.lastCompleteRoundAt > lastSeen &&
    presence.at - lastSeen >= presence.resolveAfterHours * hourMs
  );
}

/** Notified: new this round (first seen or reopened), a warning or worse. Muted and snoozed never are. */
export function isAlerting(issue: InboxIssue): boolean {
  return issue.state === 'new' && (issue.issue.severity === 'warning' || issue.issue.severity === 'critical');
}

/** A snooze that has ended: back to New if the issue is still there, Resolved if it is gone. */
function endSnooze(issue: InboxIssue, presence: Presence): InboxIssue {
  const ended = moved(issue, 'new', { at: iso(presence.at), kind: 'snooze_ended', by: null });
  return isGone(issue, presence)
    ? moved(ended, 'resolved', { at: iso(presence.at), kind: 'resolved', by: null })
    : ended;
}

const snoozeOver = (issue: InboxIssue, at: number) =>
  issue.state === 'snoozed' && (issue.snoozedUntil === null || Date.parse(issue.snoozedUntil) <= at);

/** Applies what a round saw, then what its completeness proves absent. */
export function applyRound(issues: readonly InboxIssue[], round: RoundInput): RoundOutcome {
  const at = iso(round.at);
  const seen = new Map(round.seen.map((issue) => [issue.key, issue]));
  const outcome: RoundOutcome = { issues: [], alerts: [], newIssues: 0, reopenedIssues: 0, resolvedIssues: 0 };
  const presence: Presence = {
    at: round.at,
    lastCompleteRoundAt: round.complete ? round.at : null,
    resolveAfterHours: round.resolveAfterHours,
  };
  const alert = (issue: InboxIssue) => {
    if (isAlerting(issue)) outcome.alerts.push(issue);
  };

  for (const existing of issues) {
    const found = seen.get(existing.key);
    seen.delete(existing.key);
    let issue = existing;
    if (found) {
      issue = { ...issue, issue: found, lastSeenAt: at, seenCount: issue.seenCount + 1 };
      if (issue.state === 'resolved') {
        issue = moved({ ...issue, reopenedCount: issue.reopenedCount + 1 }, 'new', { at, kind: 'reopened', by: null });
        outcome.reopenedIssues += 1;
        alert(issue);
      } else if (snoozeOver(issue, round.at)) {
        issue = moved(issue, 'new', { at, kind: 'snooze_ended', by: null });
      }
    } else if (issue.state !== 'muted' && issue.state !== 'resolved') {
      if (snoozeOver(issue, round.at)) issue = endSnooze(issue, presence);
      else if (isGone(issue, presence)) issue = moved(issue, 'resolved', { at, kind: 'resolved', by: null });
      if (issue.state === 'resolved') outcome.resolvedIssues += 1;
    }
    outcome.issues.push(issue);
  }

  for (const found of seen.values()) {
    const issue: InboxIssue = {
      key: found.key,
      profileId: round.profileId,
      issue: found,
      state: 'new',
      firstSeenAt: at,
      lastSeenAt: at,
      seenCount: 1,
      reopenedCount: 0,
      snoozedUntil: null,
      changedAt: at,
      history: [{ at, kind: 'first_seen', by: null }],
    };
    outcome.newIssues += 1;
    alert(issue);
    outcome.issues.push(issue);
  }
  return outcome;
}

/** Snoozes that have ended by `presence.at`, applied (New if still there, Resolved if gone). */
export function endSnoozes(
  issues: readonly InboxIssue[],
  presence: Presence,
): { issues: InboxIssue[]; changed: number } {
  let changed = 0;
  const next = issues.map((issue) => {
    if (!snoozeOver(issue, presence.at)) return issue;
    changed += 1;
    return endSnooze(issue, presence);
  });
  return { issues: next, changed };
}

/** The earliest time a snooze ends, if any issue is snoozed. */
export function nextSnoozeEnd(issues: readonly InboxIssue[]): number | null {
  let earliest: number | null = null;
  for (const issue of issues) {
    if (issue.state !== 'snoozed' || issue.snoozedUntil === null) continue;
    const until = Date.parse(issue.snoozedUntil);
    if (earliest === null || until < earliest) earliest = until;
  }
  return earliest;
}

type Triage = (issue: InboxIssue) => InboxIssue | null;

function triage(issues: readonly InboxIssue[], keys: readonly string[], change: Triage) {
  const wanted = new Set(keys);
  let changed = 0;
  const next = issues.map((issue) => {
    if (!wanted.has(issue.key)) return issue;
    const after = change(issue);
    if (!after) return issue;
    changed += 1;
    return after;
  });
  return { issues: next, changed };
}

/** New (or snoozed) → Acknowledged. Resolved and muted issues are left as they are. */
export function acknowledge(issues: readonly InboxIssue[], keys: readonly string[], actor: Actor) {
  return triage(issues, keys, (issue) =>
    issue.state === 'new' || issue.state === 'snoozed'
      ? moved(issue, 'acknowledged', { at: iso(actor.at), kind: 'acknowledged', by: actor.by })
      : null,
  );
}

/** New, acknowledged or snoozed → Snoozed until `until` (a snoozed one gets the new time). */
export function snooze(issues: readonly InboxIssue[], keys: readonly string[], until: number, actor: Actor) {
  return triage(issues, keys, (issue) => {
    if (issue.state !== 'new' && issue.state !== 'acknowledged' && issue.state !== 'snoozed') return null;
    const entry = { at: iso(actor.at), kind: 'snoozed' as const, by: actor.by, until: iso(until) };
    return withHistory({ ...issue, state: 'snoozed', snoozedUntil: iso(until), changedAt: entry.at }, entry);
  });
}

/** Anything not muted → Muted: never notified, whatever happens to it, until unmuted. */
export function mute(issues: readonly InboxIssue[], keys: readonly string[], actor: Actor) {
  return triage(issues, keys, (issue) =>
    issue.state === 'muted' ? null : moved(issue, 'muted', { at: iso(actor.at), kind: 'muted', by: actor.by }),
  );
}

/** Muted → New if still there, Resolved if gone (it does not notify: the user just chose to see it). */
export function unmute(issues: readonly InboxIssue[], keys: readonly string[], actor: Actor, presence: Presence) {
  return triage(issues, keys, (issue) => {
    if (issue.state !== 'muted') return null;
    const unmuted = moved(issue, 'new', { at: iso(actor.at), kind: 'unmuted', by: actor.by });
    return isGone(issue, presence)
      ? moved(unmuted, 'resolved', { at: iso(actor.at), kind: 'resolved', by: null })
      : unmuted;
  });
}

export function countByState(issues: readonly InboxIssue[]): Record<InboxState, number> {
  const counts = Object.fromEntries(inboxStates.map((state) => [state, 0])) as Record<InboxState, number>;
  for (const issue of issues) counts[issue.state] += 1;
  return counts;
}
