import { useCallback } from 'react';
import { handOverWatchLimitMs, type HandOver } from '@shared/domain/handovers';
import { linkdesk } from '@renderer/api';
import { useToasts } from './Toasts';

/**
 * Whether main follows this connection's hand-over: then main tells the desktop (once, and only the kinds the
 * user wants), and the company view says it on the page only.
 */
export function followedByMain(handOvers: readonly HandOver[], connectionId: string, now = Date.now()): boolean {
  return handOvers.some(
    (item) =>
      item.connection.id.toLowerCase() === connectionId.toLowerCase() &&
      item.state !== 'superseded' &&
      item.state !== 'gone' &&
      now - Date.parse(item.link.issuedAt) < handOverWatchLimitMs,
  );
}

/** Desktop notifications (linked, first sync done); where the host has none (the browser console), on the page. */
export function useNotifications() {
  const { toasts, push, dismiss } = useToasts();
  const notify = useCallback(
    (title: string, body: string, about?: { connectionId: string }) => {
      void (async () => {
        if (about) {
          const followed = await linkdesk.followups.list();
          if (followed.ok && followedByMain(followed.value.handOvers, about.connectionId)) {
            push({ title, body });
            return;
          }
        }
        const result = await linkdesk.system.notify({ title, body });
        if (!result.ok || !result.value.shown) push({ title, body });
      })();
    },
    [push],
  );
  /** A line on the page only (for what the user just did, such as a copy from the command palette). */
  const say = useCallback((title: string) => push({ title, body: '' }), [push]);
  return { toasts, dismiss, notify, say };
}
