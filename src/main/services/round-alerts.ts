/**
 * Tells the user what a monitor round found: one notification per round for its alerts (new or reopened issues,
 * warning or worse, neither muted nor snoozed), shown by main where the host has desktop notifications. The
 * notice goes out with `inbox.changed` either way, saying whether main showed it, so the page shows it only where
 * main could not (the browser console) and never twice.
 */
import type { EventPayload } from '@shared/contract';
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';
import { roundAlertNotice } from '@shared/domain/inbox-alerts';
import type { Notifier } from '../ports';

export type AnnouncedInboxNotice = NonNullable<EventPayload<'inbox.changed'>['notice']>;

export function createRoundAnnouncer(options: { notifier: Notifier }) {
  return {
    /** Shows the notice for a round's alerts, if any: what the page is told (with `inbox.changed`). */
    announce(round: Pick<MonitorRound, 'roundId'>, alerts: readonly InboxIssue[]): AnnouncedInboxNotice | null {
      const notice = roundAlertNotice(round.roundId, alerts);
      if (!notice) return null;
      let shownByMain = false;
      try {
        shownByMain = options.notifier.notify(notice.title, notice.body, notice.target);
      } catch (error) {
        console.warn(`[monitor] could not show a desktop notification: ${String(error)}`);
      }
      return { ...notice, shownByMain };
    },
  };
}

export type RoundAnnouncer = ReturnType<typeof createRoundAnnouncer>;
