import { exactTime, relativeTime } from './investigate-format';

/** A relative time with the exact local time on hover (Codat's zone-less times read as UTC). */
export function When({ iso, now, empty = '—' }: { iso: string | null | undefined; now: number; empty?: string }) {
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
