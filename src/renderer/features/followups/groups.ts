/**
 * What to do next about each hand-over, by the renderer's clock: a link past its expiry is "expired unused" even
 * before main's next check says so. Small and pure: the navigation's badge uses it from the always-loaded code.
 */
import { expiryReminderMs, type HandOver } from '@shared/domain/handovers';

/**
 * A link that expired, an attempt that failed, or a first sync that failed needs action for a week; after that it
 * leaves the page and the badge (Health's scan still finds the connection, and Link completion still counts it).
 */
export const followUpActionWindowMs = 7 * 24 * 60 * 60 * 1000;

export const followUpGroups = [
  { id: 'expiring', label: 'Expiring soon', needsAction: true },
  { id: 'expired', label: 'Expired unused', needsAction: true },
  { id: 'problem', label: 'Cancelled or failed', needsAction: true },
  { id: 'syncFailing', label: 'Linked, first sync failing', needsAction: true },
  { id: 'waiting', label: 'Waiting for the customer', needsAction: false },
  { id: 'syncing', label: 'Linked, first sync running', needsAction: false },
  { id: 'doneToday', label: 'Done today', needsAction: false },
] as const;

export type FollowUpGroupId = (typeof followUpGroups)[number]['id'];

function sameLocalDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** The group a hand-over belongs in now; null for one that ended before today (kept, not shown). */
export function groupOf(handOver: HandOver, now: number): FollowUpGroupId | null {
  const recent = (group: FollowUpGroupId) => (now - endedAt(handOver) < followUpActionWindowMs ? group : null);
  switch (handOver.state) {
    case 'awaiting': {
      const left = Date.parse(handOver.link.expiresAt) - now;
      if (left <= 0) return recent('expired');
      return left <= expiryReminderMs ? 'expiring' : 'waiting';
    }
    case 'expired':
      return recent('expired');
    case 'cancelled':
    case 'failed':
      return recent('problem');
    case 'sync_failed':
      return recent('syncFailing');
    case 'linked':
      return 'syncing';
    case 'synced':
    case 'superseded':
    case 'gone':
      return sameLocalDay(Date.parse(handOver.endedAt ?? handOver.changedAt ?? handOver.at), now) ? 'doneToday' : null;
    default:
      // A state a newer main knows and this page does not: shown with the ones waiting, never lost.
      return 'waiting';
  }
}

/** When a hand-over's trouble began: its link's expiry, or when it ended. */
function endedAt(handOver: HandOver): number {
  if (handOver.state === 'awaiting' || handOver.state === 'expired') return Date.parse(handOver.link.expiresAt);
  return Date.parse(handOver.endedAt ?? handOver.changedAt ?? handOver.at);
}

/** Hand-overs whose trouble is older than the action window: not shown, said in a line. */
export function olderThanActionWindow(handOvers: readonly HandOver[], now: number): number {
  let count = 0;
  for (const handOver of handOvers) {
    const stale = ['awaiting', 'expired', 'cancelled', 'failed', 'sync_failed'].includes(handOver.state);
    if (stale && groupOf(handOver, now) === null) count += 1;
  }
  return count;
}

const needingAction = new Set<FollowUpGroupId>(followUpGroups.filter((group) => group.needsAction).map((g) => g.id));

/** The navigation badge: expiring soon, expired unused, cancelled or failed, and first syncs that failed. */
export function needsActionCount(handOvers: readonly HandOver[], now: number): number {
  let count = 0;
  for (const handOver of handOvers) {
    const group = groupOf(handOver, now);
    if (group && needingAction.has(group)) count += 1;
  }
  return count;
}

/** Whether a fresh link makes sense: the customer has not linked (yet, or any more). */
export function offersFreshLink(group: FollowUpGroupId): boolean {
  return group === 'expiring' || group === 'expired' || group === 'problem' || group === 'waiting';
}
