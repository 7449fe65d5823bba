/** Desktop notifications with Electron mocked: clicking one opens what it was about, through the renderer's events. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '@main/bridge/events';
import { openNotificationTarget } from '@main/notification-clicks';
import type { EventName } from '@shared/contract';

type Listener = () => void;
const desktop = vi.hoisted(() => ({
  supported: true,
  shown: [] as Array<{ options: { title: string; body: string }; listeners: Map<string, Listener> }>,
}));

vi.mock('electron', () => ({
  Notification: class {
    listeners = new Map<string, Listener>();
    constructor(public options: { title: string; body: string }) {}
    static isSupported() {
      return desktop.supported;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      desktop.shown.push({ options: this.options, listeners: this.listeners });
    }
  },
  safeStorage: {},
  shell: {},
}));

const { createDesktopNotifier } = await import('@main/electron/platform');

const acmeId = '6d1f2a3b-0c4d-4e5f-8a9b-0c1d2e3f4a5b';

function app() {
  const hub = createEventHub();
  const emitted: Array<[EventName, unknown]> = [];
  hub.subscribe((event, payload) => emitted.push([event, payload]));
  const shows: string[] = [];
  const notifier = createDesktopNotifier((target) =>
    openNotificationTarget(target, { hub, show: () => shows.push('show') }),
  );
  return { notifier, emitted, shows };
}

describe('desktop notifications', () => {
  beforeEach(() => {
    desktop.supported = true;
    desktop.shown = [];
  });

  it('clicking one about a company brings the window forward and opens the company', () => {
    const { notifier, emitted, shows } = app();
    expect(notifier.notify('Acme Ltd linked Xero', 'Linkdesk follows the first sync.', { companyId: acmeId })).toBe(
      true,
    );
    expect(desktop.shown.map((item) => item.options.title)).toEqual(['Acme Ltd linked Xero']);
    expect(emitted).toEqual([]);
    desktop.shown[0]!.listeners.get('click')!();
    expect(shows).toEqual(['show']);
    expect(emitted).toEqual([['app.navigate', { companyId: acmeId }]]);
  });

  it('clicking a group opens its page, or Companies where this build has no such page', () => {
    const { notifier, emitted } = app();
    notifier.notify('3 follow-ups', 'Acme linked Xero; …', { page: 'health' });
    notifier.notify('3 follow-ups', 'Acme linked Xero; …', { page: 'no-such-page' });
    desktop.shown.forEach((item) => item.listeners.get('click')!());
    expect(emitted).toEqual([
      ['ui.command', { command: 'navigate', page: 'health' }],
      ['ui.command', { command: 'navigate', page: 'companies' }],
    ]);
  });

  it('a click on one without a target, or with an id the event refuses, only brings the window forward', () => {
    const { notifier, emitted, shows } = app();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    notifier.notify('Copied', '');
    notifier.notify('Evil', '', { companyId: '../../etc' });
    desktop.shown.forEach((item) => item.listeners.get('click')!());
    expect(emitted).toEqual([]);
    expect(shows).toEqual(['show']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[notifications\] could not open/));
    warn.mockRestore();
  });

  it('says it showed nothing where the desktop has no notifications (the page shows its own)', () => {
    desktop.supported = false;
    expect(app().notifier.notify('Acme Ltd linked Xero', '', { companyId: acmeId })).toBe(false);
    expect(desktop.shown).toEqual([]);
  });
});
