/**
 * Tells the user what a monitor round found: one notification per round for its alerts (new or reopened issues,
 * warning or worse, neither muted nor snoozed), shown by main where the host has desktop notifications. The
 * notice goes out with `inbox.changed` either way, saying whether main showed it, so the page shows it only where
 * main could not (the browser console) and never twice. Only the monitor's own rounds alert: a Health page scan is
 * in front of the user already.
 */
import type { EventPayload } from '@shared/contract';
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';
import { roundAlertNotice } from '@shared/domain/inbox-alerts';
import type { EventPublisher, Notifier } from '../ports';
import type { EndedRound } from './monitor';

export type AnnouncedInboxNotice = NonNullable<EventPayload<'inbox.changed'>['notice']>;

export interface RoundAnnouncer {
  /** Shows the notice for a round's alerts, if any: what the page is told (with `inbox.changed`). */
  announce(round: Pick<MonitorRound, 'roundId'>, alerts: readonly InboxIssue[]): AnnouncedInboxNotice | null;
}

export function createRoundAnnouncer(options: { notifier: Notifier }): RoundAnnouncer {
  return {
    announce(round, alerts) {
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

export interface RoundNotifierOptions {
  notifier: Notifier;
  /** Where the notice goes to the pages, with the New count (`inbox.changed`). */
  events: EventPublisher;
}

export interface RoundNotifier {
  /** A round ended and was applied to the inbox: the notice of its alerts, if it is one that alerts and has any. */
  roundEnded(ended: EndedRound): void;
}

export function createRoundNotifier(options: RoundNotifierOptions): RoundNotifier {
  const announcer = createRoundAnnouncer(options);
  return {
    roundEnded({ profileId, round, alerts, newCount }) {
      // The Health page's own scan is in front of the user already: only the monitor's rounds alert.
      if (round.trigger === 'health_scan' || alerts.length === 0) return;
      const notice = announcer.announce(round, alerts);
      if (notice) options.events.emit('inbox.changed', { profileId, newCount, notice });
    },
  };
}
