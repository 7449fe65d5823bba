/** A round's alerts become one desktop notification that opens the Inbox, or go to the page where main has none. */
import { describe, expect, it, vi } from 'vitest';
import { createEventHub } from '@main/bridge/events';
import { openNotificationTarget } from '@main/notification-clicks';
import type { NotificationTarget } from '@main/ports';
import { createRoundAnnouncer, createRoundNotifier } from '@main/services/round-alerts';
import type { EventName } from '@shared/contract';
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';

function alert(companyName: string, overrides: Partial<InboxIssue> = {}): InboxIssue {
  const at = '2026-11-30T08:00:00.000Z';
  return {
    key: `sync_failing:${companyName}`,
    profileId: 'training',
    issue: {
      key: `sync_failing:${companyName}`,
      category: 'sync_failing',
      severity: 'critical',
      companyId: '00000000-0000-4000-8000-000000000001',
      companyName,
      connectionId: null,
      platformName: 'Xero',
      platformKey: 'gbol',
      since: at,
      summary: 'The last 3 pulls failed.',
      action: { kind: 'refresh_all', text: 'Refresh all data.' },
      evidence: [],
    },
    state: 'new',
    firstSeenAt: at,
    lastSeenAt: at,
    seenCount: 1,
    reopenedCount: 0,
    snoozedUntil: null,
    changedAt: at,
    history: [],
    ...overrides,
  };
}

function desktop(shows = true) {
  const shown: Array<{ title: string; body: string; target?: NotificationTarget }> = [];
  return {
    shown,
    notifier: {
      notify(title: string, body: string, target?: NotificationTarget) {
        if (shows) shown.push({ title, body, ...(target ? { target } : {}) });
        return shows;
      },
    },
  };
}

describe('round alerts in main', () => {
  it('shows one notification per round that opens the Inbox, and tells the page it was shown', () => {
    const { shown, notifier } = desktop();
    const announcer = createRoundAnnouncer({ notifier });
    const notice = announcer.announce({ roundId: 'r1' }, [alert('Acme'), alert('Beta'), alert('Gamma')]);
    expect(shown).toEqual([
      {
        title: '3 new issues',
        body: 'Acme — sync failing; Beta — sync failing; Gamma — sync failing',
        target: { page: 'inbox' },
      },
    ]);
    expect(notice).toMatchObject({ title: '3 new issues', shownByMain: true, target: { page: 'inbox' } });

    // The notice travels to the page with inbox.changed.
    const hub = createEventHub();
    const delivered: unknown[] = [];
    hub.subscribe((_event, payload) => delivered.push(payload));
    hub.emit('inbox.changed', { profileId: 'training', newCount: 3, notice });
    expect(delivered).toEqual([{ profileId: 'training', newCount: 3, notice }]);
  });

  it('says nothing for a round with nothing worth an alert (muted, snoozed, info)', () => {
    const { shown, notifier } = desktop();
    const notice = createRoundAnnouncer({ notifier }).announce({ roundId: 'r2' }, [
      alert('Acme', { state: 'muted' }),
      alert('Beta', { state: 'snoozed' }),
    ]);
    expect(notice).toBeNull();
    expect(shown).toEqual([]);
  });

  it('where main cannot show it (the web host) or the desktop refuses, hands it to the page instead', () => {
    expect(createRoundAnnouncer(desktop(false)).announce({ roundId: 'r3' }, [alert('Acme')])).toMatchObject({
      title: 'Acme: Sync failing',
      shownByMain: false,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken = {
      notify: () => {
        throw new Error('no notification centre');
      },
    };
    expect(createRoundAnnouncer({ notifier: broken }).announce({ roundId: 'r4' }, [alert('Acme')])).toMatchObject({
      shownByMain: false,
    });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[monitor\] could not show a desktop notification/));
    warn.mockRestore();
  });

  it('clicking it brings the window forward and navigates to the Inbox', () => {
    const hub = createEventHub();
    const emitted: Array<[EventName, unknown]> = [];
    hub.subscribe((event, payload) => emitted.push([event, payload]));
    const shows: string[] = [];
    const { shown, notifier } = desktop();
    createRoundAnnouncer({ notifier }).announce({ roundId: 'r5' }, [alert('Acme')]);
    openNotificationTarget(shown[0]!.target!, { hub, show: () => shows.push('show') });
    expect(shows).toEqual(['show']);
    expect(emitted).toEqual([['ui.command', { command: 'navigate', page: 'inbox' }]]);
  });

  it('alerts after the monitor’s own rounds only: a Health page scan is in front of the user already', () => {
    const { notifier } = desktop(false);
    const hub = createEventHub();
    const told: unknown[] = [];
    hub.subscribe((event, payload) => told.push([event, payload]));
    const rounds = createRoundNotifier({ notifier, events: hub });
    const ended = (roundId: string, trigger: MonitorRound['trigger'], alerts: InboxIssue[]) => ({
      profileId: 'training',
      round: { roundId, trigger } as MonitorRound,
      alerts,
      newCount: 4,
    });

    rounds.roundEnded(ended('scan', 'health_scan', [alert('Acme')]));
    rounds.roundEnded(ended('quiet', 'schedule', []));
    expect(told).toEqual([]);

    rounds.roundEnded(ended('scheduled', 'schedule', [alert('Beta')]));
    rounds.roundEnded(ended('asked', 'check_now', [alert('Gamma')]));
    expect(told).toEqual([
      [
        'inbox.changed',
        { profileId: 'training', newCount: 4, notice: expect.objectContaining({ title: 'Beta: Sync failing' }) },
      ],
      [
        'inbox.changed',
        { profileId: 'training', newCount: 4, notice: expect.objectContaining({ title: 'Gamma: Sync failing' }) },
      ],
    ]);
  });
});
