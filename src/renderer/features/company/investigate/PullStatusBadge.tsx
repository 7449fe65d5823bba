import type { Extensible, PullStatus } from '@shared/codat/schemas';
import {
  exactTime,
  pullState,
  pullStateLooks,
  pullStatusExplanation,
  pullStatusLabel,
  relativeTime,
} from './investigate-format';

/** Codat's pull status word with its icon and tone (a spinner while in progress); never colour alone. */
export function PullStatusBadge({ status }: { status: Extensible<PullStatus> | undefined }) {
  const state = pullState(status);
  const { tone, Icon } = pullStateLooks[state];
  return (
    <span
      className="sync-state pull-status"
      data-tone={tone}
      data-state={state}
      title={status ? pullStatusExplanation(status) : 'Codat has no sync of this type yet.'}
    >
      <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
      {status ? pullStatusLabel(status) : 'Never synced'}
    </span>
  );
}

/** A relative time with the exact local time on hover. */
export function When({ iso, now, empty = '—' }: { iso: string | null | undefined; now: number; empty?: string }) {
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
