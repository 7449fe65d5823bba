/** Follow-ups in words: who handed a link over and how, what became of it, and how long its link has left. */
import type { HandOver } from '@shared/domain/handovers';
import { formatRelative } from '@renderer/lib/format';

const hours = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'hour', unitDisplay: 'short' });
const minutes = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', unitDisplay: 'short' });

/** "21 hr 4 min left"; in the last hour, to the second: "42 min 7 sec left". */
export function timeLeftWords(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h > 0) return `${hours.format(h)} ${minutes.format(m)} left`;
  return `${minutes.format(m)} ${seconds.format(total % 60)} left`;
}

/** "Copied by sam", "Invite to ann@example.com by sam". */
export function handedOverWords(handOver: Pick<HandOver, 'how' | 'by' | 'recipient'>): string {
  const by = handOver.by || 'someone';
  switch (handOver.how) {
    case 'copied':
      return `Copied by ${by}`;
    case 'opened':
      return `Opened by ${by}`;
    case 'invite':
      return handOver.recipient ? `Invite to ${handOver.recipient} by ${by}` : `Invite by ${by}`;
    case 'fresh_link':
      return `Fresh link created by ${by}`;
    default:
      return `Handed over by ${by}`;
  }
}

/** What ended it, and when: "Expired 3 hours ago", "First sync finished 5 minutes ago". */
export function endedWords(handOver: HandOver, now: number): string {
  const ago = (iso: string | null) => formatRelative(iso ?? handOver.changedAt ?? handOver.at, now);
  switch (handOver.state) {
    case 'awaiting':
    case 'expired':
      return `Expired ${ago(handOver.link.expiresAt)}`;
    case 'cancelled':
      return `Cancelled ${ago(handOver.endedAt)}`;
    case 'failed':
      return `Failed ${ago(handOver.endedAt)}`;
    case 'linked':
      return `Linked ${ago(handOver.linkedAt)}`;
    case 'sync_failed':
      return `First sync failed ${ago(handOver.endedAt)}`;
    case 'synced':
      return `First sync finished ${ago(handOver.endedAt)}`;
    case 'superseded':
      return `Replaced by a fresh link ${ago(handOver.endedAt)}`;
    case 'gone':
      return `No longer in Codat ${ago(handOver.endedAt)}`;
    default:
      return `Codat says ${handOver.codatStatus ?? 'something new'} (${ago(handOver.changedAt)})`;
  }
}

/** Codat's own words about what went wrong, as it sent them. */
export function codatWords(handOver: Pick<HandOver, 'problem'>): string | null {
  const problem = handOver.problem;
  if (!problem) return null;
  const text = [problem.statusText, problem.errorMessage].filter(Boolean).join(': ');
  return text || problem.statusCode || null;
}
