/** How main's follow-up watcher stands (for the status bar): read once, then as main reports each check. */
import { useEffect, useState } from 'react';
import type { OperationOutput } from '@shared/contract';
import { linkdesk } from '../api';

export type FollowUpWatch = OperationOutput<'followups.list'>['watch'];

export function useFollowUpWatch(): FollowUpWatch | null {
  const [watch, setWatch] = useState<FollowUpWatch | null>(null);
  useEffect(() => {
    let current = true;
    const read = () =>
      void linkdesk.followups.list().then((answer) => {
        if (current && answer.ok) setWatch(answer.value.watch);
      });
    read();
    const unsubscribers = [
      linkdesk.on('followups.changed', (change) => {
        if (change.watch) setWatch(change.watch);
      }),
      // Another profile's watcher state is not this one's.
      linkdesk.on('profiles.changed', read),
    ];
    return () => {
      current = false;
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, []);
  return watch;
}

const reasonWords: Record<NonNullable<FollowUpWatch['reason']>, string> = {
  rate_limited: 'Codat rate limit',
  quota: 'few Codat requests left today',
  unreachable: 'Codat not reachable',
  refused: 'Codat refused the check',
};

/** "Follow-ups: Codat rate limit — next check 14:05", or null while the watcher can check. */
export function followUpWatchNotice(watch: FollowUpWatch | null): string | null {
  if (!watch?.problem) return null;
  const reason = watch.reason ? reasonWords[watch.reason] : 'could not check';
  const next = watch.nextCheckAt
    ? ` — next check ${new Date(watch.nextCheckAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : '';
  return `Follow-ups: ${reason}${next}`;
}
