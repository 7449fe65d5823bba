/**
 * Follow-up notifications in the renderer: shown only where main could not show them (the browser console),
 * with the browser's notifications once allowed, else on the page; and the status bar's notice when the watcher
 * cannot check. Only the bridge (`@renderer/api`) is replaced.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, EventPayload } from '@shared/contract';
import { linkdesk } from '@renderer/api';
import { ReminderToasts } from '@renderer/app/ReminderToasts';
import { StatusBar } from '@renderer/app/StatusBar';
import { useAppStore } from '@renderer/stores/app-store';

type Listener = (payload: unknown) => void;
const listeners = vi.hoisted(() => new Map<string, Set<(payload: unknown) => void>>());

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
    followups: { list: vi.fn() },
  },
}));

const acmeId = '6d1f2a3b-0c4d-4e5f-8a9b-0c1d2e3f4a5b';
const quietWatch = { checkedAt: null, problem: null, reason: null, nextCheckAt: null };

function emit(payload: EventPayload<'followups.changed'>) {
  act(() => listeners.get('followups.changed')?.forEach((listener: Listener) => listener(payload)));
}
const notice = (shownByMain: boolean) => ({
  title: 'The link for Acme Ltd expired unused: send a fresh link',
  body: 'Xero links work for 24 hours after Codat issues them.',
  target: { companyId: acmeId },
  tag: 'followups:h1:expired:1',
  shownByMain,
});

beforeEach(() => {
  listeners.clear();
  vi.mocked(linkdesk.followups.list).mockResolvedValue({
    ok: true,
    value: { handOvers: [], problem: null, watch: quietWatch, you: 'alice' },
  });
  useAppStore.setState({ info: { host: 'web', version: '1.0.0' } as AppInfo, page: 'settings', companyId: null });
});
afterEach(() => vi.unstubAllGlobals());

describe('follow-up notifications on the page', () => {
  it('shows one main could not show, and opens its company on request', async () => {
    const user = userEvent.setup();
    render(<ReminderToasts />);
    emit({ profileId: 'training', events: [], notice: notice(false) });
    const region = screen.getByRole('status', { name: 'Reminders and alerts' });
    expect(region.textContent).toContain('The link for Acme Ltd expired unused: send a fresh link');
    await user.click(screen.getByRole('button', { name: 'Open company' }));
    expect(useAppStore.getState()).toMatchObject({ page: 'companies', companyId: acmeId });
    expect(region.textContent).toBe('');
  });

  it('shows a monitor round’s alert main could not show, and opens the Inbox on request', async () => {
    const user = userEvent.setup();
    render(<ReminderToasts />);
    act(() =>
      listeners.get('inbox.changed')?.forEach((listener: Listener) =>
        listener({
          profileId: 'training',
          newCount: 2,
          notice: {
            title: '2 new issues',
            body: 'Acme Ltd — deauthorised; Beta Ltd — sync failing',
            target: { page: 'inbox' },
            tag: 'inbox:round-1',
            shownByMain: false,
          },
        }),
      ),
    );
    expect(screen.getByRole('status', { name: 'Reminders and alerts' }).textContent).toContain('2 new issues');
    await user.click(screen.getByRole('button', { name: 'Open Inbox' }));
    expect(useAppStore.getState().page).toBe('inbox');
  });

  it('shows nothing main already showed on the desktop', () => {
    render(<ReminderToasts />);
    emit({ profileId: 'training', events: [], notice: notice(true) });
    emit({ profileId: 'training', events: [] });
    expect(screen.getByRole('status', { name: 'Reminders and alerts' }).textContent).toBe('');
  });

  it('uses the browser’s notifications once allowed; clicking one focuses the tab and opens the company', () => {
    const shown: Array<{ title: string; options: NotificationOptions; onclick: (() => void) | null; close(): void }> =
      [];
    vi.stubGlobal(
      'Notification',
      Object.assign(
        class {
          onclick: (() => void) | null = null;
          close = vi.fn();
          constructor(
            public title: string,
            public options: NotificationOptions,
          ) {
            shown.push(this);
          }
        },
        { permission: 'granted' },
      ),
    );
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    render(<ReminderToasts />);
    emit({ profileId: 'training', events: [], notice: notice(false) });
    expect(shown.map((item) => [item.title, item.options.tag])).toEqual([
      ['The link for Acme Ltd expired unused: send a fresh link', 'followups:h1:expired:1'],
    ]);
    expect(screen.getByRole('status', { name: 'Reminders and alerts' }).textContent).toBe('');
    act(() => shown[0]!.onclick!());
    expect(focus).toHaveBeenCalled();
    expect(useAppStore.getState()).toMatchObject({ page: 'companies', companyId: acmeId });
  });
});

describe('the status bar’s follow-up notice', () => {
  it('says when the watcher cannot check and when it checks next, until it can again', async () => {
    render(<StatusBar />);
    await act(async () => undefined);
    expect(screen.queryByText(/^Follow-ups:/)).toBeNull();
    const nextCheckAt = new Date(2026, 5, 1, 14, 5).toISOString();
    emit({
      profileId: 'training',
      events: [],
      watch: {
        checkedAt: null,
        problem: 'Follow-ups could not ask Codat (Rate limit).',
        reason: 'rate_limited',
        nextCheckAt,
      },
    });
    const expected = `Follow-ups: Codat rate limit — next check ${new Date(nextCheckAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    expect(screen.getByText(expected)).toBeTruthy();
    emit({ profileId: 'training', events: [], watch: quietWatch });
    expect(screen.queryByText(/^Follow-ups:/)).toBeNull();
  });

  it('shows the problem main had before the page opened', async () => {
    vi.mocked(linkdesk.followups.list).mockResolvedValue({
      ok: true,
      value: {
        handOvers: [],
        problem: null,
        watch: {
          checkedAt: null,
          problem: 'Follow-ups could not ask Codat (offline).',
          reason: 'unreachable',
          nextCheckAt: null,
        },
        you: 'alice',
      },
    });
    render(<StatusBar />);
    expect(await screen.findByText('Follow-ups: Codat not reachable')).toBeTruthy();
  });
});
