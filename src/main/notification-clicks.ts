/**
 * A desktop notification was clicked: the window comes forward and opens what it was about, through the events
 * the renderer already follows (`app.navigate` for a company, `ui.command` for a page). No electron here.
 */
import { pageIds, type PageId } from '@shared/pages';
import type { EventHub } from './bridge/events';
import type { NotificationTarget } from './ports';

/** A page this build has, or Companies. */
function knownPage(page: string): PageId {
  return (pageIds as readonly string[]).includes(page) ? (page as PageId) : 'companies';
}

export function openNotificationTarget(target: NotificationTarget, app: { hub: EventHub; show(): void }): void {
  app.show();
  try {
    if ('companyId' in target) app.hub.emit('app.navigate', { companyId: target.companyId });
    else app.hub.emit('ui.command', { command: 'navigate', page: knownPage(target.page) });
  } catch (error) {
    // A company id Codat sent that the event refuses: the window is forward, and nothing else happens.
    console.warn(`[notifications] could not open what a notification was about: ${String(error)}`);
  }
}
