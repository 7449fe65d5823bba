/**
 * Tells the user what a follow-up check found: one notification per check (grouped), only the kinds they want
 * (Settings › Follow-ups), shown by main where the host has desktop notifications. The notice goes out with
 * `followups.changed` either way, saying whether main showed it, so the page shows it only where main could not
 * (the browser console) and never twice. Each event reaches here once: the hand-over rules record what was
 * notified, on disk, before the event is emitted, so a restart does not repeat it.
 */
import type { EventPayload } from '@shared/contract';
import { followUpNotice, type FollowUpNotify } from '@shared/domain/followup-notices';
import type { HandOverEvent } from '@shared/domain/handovers';
import type { Notifier } from '../ports';

export type AnnouncedNotice = NonNullable<EventPayload<'followups.changed'>['notice']>;

export interface FollowUpAnnouncerOptions {
  notifier: Notifier;
  /** The kinds of events the user wants to hear of (Settings › Follow-ups). */
  notify(): FollowUpNotify;
}

export interface FollowUpAnnouncer {
  /** Shows the notice for a check's events, if any: what the page is told. */
  announce(events: readonly HandOverEvent[]): AnnouncedNotice | null;
}

export function createFollowUpAnnouncer(options: FollowUpAnnouncerOptions): FollowUpAnnouncer {
  return {
    announce(events) {
      const notice = followUpNotice(events, options.notify());
      if (!notice) return null;
      let shownByMain = false;
      try {
        shownByMain = options.notifier.notify(notice.title, notice.body, notice.target);
      } catch (error) {
        console.warn(`[followups] could not show a desktop notification: ${String(error)}`);
      }
      return { ...notice, shownByMain };
    },
  };
}
