/**
 * The app's badge follows the Inbox's New count: every `inbox.changed` says it, and the badge is set only when it
 * changes (a round that found nothing new leaves it alone).
 */
import type { EventHub } from '../bridge/events';
import type { AppBadge } from '../ports';

export function followInboxBadge(hub: EventHub, badge: AppBadge): () => void {
  let shown: number | null = null;
  return hub.subscribe((event, payload) => {
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
