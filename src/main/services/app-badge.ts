/**
 * The app's badge follows the Inbox's New count: every `inbox.changed` says it, and the badge is set only when it
 * changes (a round that found nothing new leaves it alone).
 */
import type { AppBadge, EventFeed } from '../ports';

/** Returns the way to stop following. */
export function followInboxBadge(events: EventFeed, badge: AppBadge): () => void {
  let shown: number | null = null;
  return events.subscribe((event, payload) => {
    if (event !== 'inbox.changed') return;
    const { newCount } = payload as { newCount: number };
    if (newCount === shown) return;
    shown = newCount;
    try {
      badge.setCount(newCount);
    } catch (error) {
      console.warn(`[monitor] could not set the app's badge: ${String(error)}`);
    }
  });
}
