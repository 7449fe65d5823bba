/**
 * The Inbox as customer success meets it: tabs with counts, triage from the keyboard (J/K, A, S with its menu, M,
 * Enter opens the company), Shift+arrow and checkbox selection acting in bulk, an issue's history with its
 * diagnostic report, Check now with its progress and outcome, and the navigation's badge. Only the bridge
 * (`@renderer/api`) is replaced; main's answers are played back through it.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, OperationOutput } from '@shared/contract';
import type { HealthIssue } from '@shared/domain/health/model';
import { inboxStates, type InboxIssue, type InboxState, type MonitorRound } from '@shared/domain/inbox';
import { linkdesk } from '@renderer/api';
import { Navigation } from '@renderer/app/Navigation';
import InboxPage from '@renderer/features/inbox/InboxPage';
import { useInboxStore } from '@renderer/features/inbox/inbox-store';
import { useAppStore } from '@renderer/stores/app-store';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    inbox: { list: vi.fn(), acknowledge: vi.fn(), snooze: vi.fn(), mute: vi.fn(), unmute: vi.fn() },
    monitor: { status: vi.fn(), checkNow: vi.fn(), settings: vi.fn(), saveSettings: vi.fn() },
    diagnosis: { report: vi.fn() },
    followups: { list: vi.fn() },
  },
}));

// jsdom measures nothing; the virtualised list only needs the observer to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
// The page's scroll element gets a viewport, so that the virtualised list renders its rows.
Object.defineProperty(document.documentElement, 'clientHeight', { value: 900, configurable: true });
Object.defineProperty(document.documentElement, 'clientWidth', { value: 1200, configurable: true });

const hour = 60 * 60_000;
/** A weekday afternoon. */
const now = new Date(2031, 2, 12, 15, 0, 0).getTime();
const ago = (ms: number) => new Date(now - ms).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function anIssue(
  n: number,
  name: string,
  patch: Partial<InboxIssue> = {},
  severity: HealthIssue['severity'] = 'warning',
) {
  const key = `auth_expired:${id(100 + n)}`;
  const issue: InboxIssue = {
    key,
    profileId: 'training',
    issue: {
      key,
      category: 'auth_expired' as HealthIssue['category'],
      severity,
      companyId: id(n),
      companyName: name,
      connectionId: id(100 + n),
      platformName: 'Xero',
      platformKey: 'gbol',
      since: ago(5 * hour),
      summary: `${name}'s Xero connection needs to be authorised again`,
      action: { kind: 'send_link' as HealthIssue['action']['kind'], text: 'Send the customer a fresh link' },
      evidence: [{ label: 'Status', value: 'Deauthorized' }],
    },
    state: 'new',
    firstSeenAt: ago(5 * hour),
    lastSeenAt: ago(hour),
    seenCount: 3,
    reopenedCount: 0,
    snoozedUntil: null,
    changedAt: ago(5 * hour),
    history: [{ at: ago(5 * hour), kind: 'first_seen', by: null }],
    ...patch,
  };
  return issue;
}

function listOf(issues: InboxIssue[]): OperationOutput<'inbox.list'> {
  const counts = Object.fromEntries(inboxStates.map((state) => [state, 0])) as Record<InboxState, number>;
  for (const issue of issues) counts[issue.state] += 1;
  return { issues, counts, problem: null };
}

const round = (patch: Partial<MonitorRound> = {}): MonitorRound => ({
  roundId: 'round-1',
  state: 'running',
  trigger: 'check_now',
  startedAt: ago(0),
  finishedAt: null,
  companiesScanned: 0,
  totalCompanies: 40,
  requestsUsed: 1,
  closerLooks: 0,
  newIssues: 0,
  reopenedIssues: 0,
  resolvedIssues: 0,
  problem: null,
  ...patch,
});

const status = (patch: Partial<OperationOutput<'monitor.status'>> = {}): OperationOutput<'monitor.status'> => ({
  enabled: true,
  round: round({ state: 'finished', finishedAt: ago(10 * 60_000), startedAt: ago(11 * 60_000) }),
  budget: { usedToday: 120, limitToday: 500 },
  nextRoundAt: new Date(now + 20 * 60_000).toISOString(),
  ...patch,
});

/** The inbox main holds in this test: triage changes it, as main would. */
let inbox: InboxIssue[];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
function emit<E extends EventName>(event: E, payload: EventPayload<E>) {
  act(() => listeners.get(event)?.forEach((listener) => listener(payload)));
}
function moveTo(state: InboxState) {
  return async ({ keys }: { keys: string[] }) => {
    inbox = inbox.map((issue) => (keys.includes(issue.key) ? { ...issue, state } : issue));
    return { ok: true as const, value: { changed: keys.length } };
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now });
  useInboxStore.setState({ list: null, newCount: 0, stale: false, error: null, loading: false });
  useAppStore.setState({ page: 'inbox', companyId: null, connectionId: null });
  inbox = [
    anIssue(1, 'Acme Ltd', {}, 'critical'),
    anIssue(2, 'Birch Ltd', { lastSeenAt: ago(2 * hour) }),
    anIssue(3, 'Cedar Ltd', {
      reopenedCount: 1,
      lastSeenAt: ago(3 * hour),
      history: [
        { at: ago(5 * hour), kind: 'first_seen', by: null },
        { at: ago(4 * hour), kind: 'acknowledged', by: 'sam' },
        { at: ago(3.5 * hour), kind: 'resolved', by: null },
        { at: ago(3 * hour), kind: 'reopened', by: null },
      ],
    }),
    anIssue(4, 'Dune Ltd', { state: 'acknowledged' }),
    anIssue(5, 'Elm Ltd', { state: 'snoozed', snoozedUntil: new Date(now + hour).toISOString() }),
    anIssue(6, 'Fir Ltd', { state: 'muted' }),
  ];
  vi.mocked(linkdesk.inbox.list).mockImplementation(async () => ({ ok: true, value: listOf(inbox) }));
  vi.mocked(linkdesk.inbox.acknowledge).mockImplementation(moveTo('acknowledged'));
  vi.mocked(linkdesk.inbox.mute).mockImplementation(moveTo('muted'));
  vi.mocked(linkdesk.inbox.unmute).mockImplementation(moveTo('new'));
  vi.mocked(linkdesk.inbox.snooze).mockImplementation(async ({ keys, until }) => {
    inbox = inbox.map((issue) =>
      keys.includes(issue.key) ? { ...issue, state: 'snoozed', snoozedUntil: until } : issue,
    );
    return { ok: true, value: { changed: keys.length } };
  });
  vi.mocked(linkdesk.monitor.status).mockResolvedValue({ ok: true, value: status() });
  listeners.clear();
  vi.mocked(linkdesk.on).mockImplementation(((event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }) as typeof linkdesk.on);
  vi.mocked(linkdesk.followups.list).mockResolvedValue({
    ok: false,
    error: { code: 'internal', message: 'Not in this test.' },
  } as Awaited<ReturnType<typeof linkdesk.followups.list>>);
});
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

const companies = () =>
  Array.from(
    screen.getByRole('group', { name: /^Issues/ }).querySelectorAll('.inbox-company-name'),
    (element) => element.textContent,
  );
const rowLink = (name: string) => screen.getByRole('link', { name: new RegExp(name) });

async function openInbox() {
  const user = userEvent.setup();
  render(<InboxPage />);
  await screen.findByRole('link', { name: /Acme Ltd/ });
  return user;
}

describe('the Inbox page', () => {
  it('has a tab per state named by the state alone, with its count as the description', async () => {
    await openInbox();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false', 'false']);
    expect(screen.getByRole('tab', { name: 'New', description: '3 issues' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Acknowledged', description: '1 issue' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Snoozed', description: '1 issue' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Resolved', description: '0 issues' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Muted', description: '1 issue' })).toBeTruthy();
    // The most severe first, then the most recently seen.
    expect(companies()).toEqual(['Acme Ltd', 'Birch Ltd', 'Cedar Ltd']);
    const cedar = rowLink('Cedar Ltd');
    expect(cedar.textContent).toContain('Reopened');
    expect(cedar.textContent).toContain('Send the customer a fresh link');
    expect(within(cedar).getByText('5 hours ago').getAttribute('title')).toMatch(/2031/);
    // Acknowledged and Resolved: their own rows and empty state.
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Resolved' }));
    expect(screen.getByRole('heading', { name: 'Nothing resolved' })).toBeTruthy();
  });

  it('triages from the keyboard: J/K move, A acknowledges and the next row takes the keyboard, M mutes, Enter opens', async () => {
    const user = await openInbox();
    await user.keyboard('j');
    expect(document.activeElement).toBe(rowLink('Acme Ltd'));
    await user.keyboard('j');
    expect(document.activeElement).toBe(rowLink('Birch Ltd'));
    await user.keyboard('k');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rowLink('Birch Ltd'));

    await user.keyboard('a');
    await waitFor(() => expect(companies()).toEqual(['Acme Ltd', 'Cedar Ltd']));
    expect(linkdesk.inbox.acknowledge).toHaveBeenCalledWith({ keys: [inbox[1]!.key] });
    expect(screen.getByText('Acknowledged: Birch Ltd.')).toBeTruthy();
    // The row that took its place has the keyboard.
    await waitFor(() => expect(document.activeElement).toBe(rowLink('Cedar Ltd')));
    expect(screen.getByRole('tab', { name: 'Acknowledged', description: '2 issues' })).toBeTruthy();

    await user.keyboard('m');
    await waitFor(() => expect(companies()).toEqual(['Acme Ltd']));
    expect(linkdesk.inbox.mute).toHaveBeenCalledWith({ keys: [inbox[2]!.key] });
    await waitFor(() => expect(document.activeElement).toBe(rowLink('Acme Ltd')));

    await user.keyboard('{Enter}');
    expect(useAppStore.getState()).toMatchObject({ page: 'companies', companyId: id(1), connectionId: id(101) });
  });

  it('never acts on a letter typed in a field or with a dialog open', async () => {
    const user = await openInbox();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    await user.keyboard('jam');
    field.remove();
    await user.keyboard('j');
    expect(document.activeElement).toBe(rowLink('Acme Ltd'));
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    document.body.append(dialog);
    await user.keyboard('ams');
    dialog.remove();
    expect(linkdesk.inbox.acknowledge).not.toHaveBeenCalled();
    expect(linkdesk.inbox.mute).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('snoozes with S: a menu of times, or a date picked', async () => {
    const user = await openInbox();
    await user.keyboard('j');
    await user.keyboard('s');
    const menu = screen.getByRole('menu', { name: 'Snooze' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['1 hour', 'Until tomorrow 9:00', '1 week', 'Pick a date…']);
    expect(document.activeElement?.textContent).toBe('1 hour');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(companies()).toEqual(['Birch Ltd', 'Cedar Ltd']));
    expect(linkdesk.inbox.snooze).toHaveBeenCalledWith({
      keys: [inbox[0]!.key],
      until: new Date(2031, 2, 13, 9, 0, 0).toISOString(),
    });
    await waitFor(() => expect(document.activeElement).toBe(rowLink('Birch Ltd')));

    // Escape closes the menu and gives the keyboard back to the row.
    await user.keyboard('s');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(rowLink('Birch Ltd'));

    // A date picked: in the past is refused, a time ahead is taken.
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    await user.click(screen.getByRole('menuitem', { name: 'Pick a date…' }));
    const field = screen.getByLabelText('Snooze until');
    expect(document.activeElement).toBe(field);
    await user.clear(field);
    await user.type(field, '2031-03-11T09:00');
    await user.click(screen.getByRole('button', { name: 'Snooze until then' }));
    expect(screen.getByText('Pick a time in the future.')).toBeTruthy();
    await user.clear(field);
    await user.type(field, '2031-03-20T08:30');
    await user.click(screen.getByRole('button', { name: 'Snooze until then' }));
    await waitFor(() => expect(linkdesk.inbox.snooze).toHaveBeenCalledTimes(2));
    expect(vi.mocked(linkdesk.inbox.snooze).mock.calls[1]?.[0]).toEqual({
      keys: [inbox[1]!.key],
      until: new Date(2031, 2, 20, 8, 30).toISOString(),
    });
  });

  it('selects with Shift+arrows and checkboxes, and acts on all selected with the buttons', async () => {
    const user = await openInbox();
    await user.keyboard('j');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(screen.getByRole('checkbox', { name: 'Select Acme Ltd' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Select Birch Ltd' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Select Cedar Ltd' })).toHaveProperty('checked', false);
    expect(screen.getByText('2 selected')).toBeTruthy();
    // Back up again: the range shrinks.
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(screen.getByRole('checkbox', { name: 'Select Birch Ltd' })).toHaveProperty('checked', false);

    await user.click(screen.getByRole('checkbox', { name: 'Select Cedar Ltd' }));
    const acknowledge = screen.getByRole('button', { name: 'Acknowledge' });
    await user.click(acknowledge);
    await waitFor(() => expect(companies()).toEqual(['Birch Ltd']));
    expect(linkdesk.inbox.acknowledge).toHaveBeenCalledWith({ keys: [inbox[0]!.key, inbox[2]!.key] });
    expect(screen.getByText('Acknowledged: 2 issues.')).toBeTruthy();
    // The button stays where it was, with the keyboard.
    expect(document.activeElement).toBe(acknowledge);

    // Select all, then Mute.
    await user.click(screen.getByRole('checkbox', { name: 'Select all' }));
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Nothing new' })).toBeTruthy());
    expect(linkdesk.inbox.mute).toHaveBeenCalledWith({ keys: [inbox[1]!.key] });

    // In Muted, M unmutes (and the button says Unmute).
    await user.click(screen.getByRole('tab', { name: 'Muted' }));
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull();
    await user.keyboard('j');
    await user.keyboard('m');
    await waitFor(() => expect(linkdesk.inbox.unmute).toHaveBeenCalledTimes(1));
  });

  it('opens an issue to its history and copies the company’s diagnostic report', async () => {
    vi.mocked(linkdesk.diagnosis.report).mockResolvedValue({ ok: true, value: { markdown: '# Cedar Ltd' } });
    const user = await openInbox();
    const frame = rowLink('Cedar Ltd').closest('.inbox-row-frame') as HTMLElement;
    await user.click(within(frame).getByRole('button', { name: 'History' }));
    const details = screen.getByRole('region', { name: 'History of Cedar Ltd' });
    expect(within(details).getByRole('list', { name: 'History, newest first' }).textContent).toMatch(
      /Reopened.*Resolved.*Acknowledged by sam.*First seen/,
    );
    expect(details.textContent).toContain('Seen 3 times');
    await user.click(within(details).getByRole('button', { name: 'Copy diagnostic report' }));
    await within(details).findByText('Diagnostic report copied.');
    expect(linkdesk.diagnosis.report).toHaveBeenCalledWith({ companyId: id(3) });
    expect(await navigator.clipboard.readText()).toBe('# Cedar Ltd');
  });

  it('a pause from the tray ends the promise of a next check, and says monitoring is off', async () => {
    await openInbox();
    await screen.findByText(/next check in 20 min/);
    vi.mocked(linkdesk.monitor.status).mockResolvedValue({
      ok: true,
      value: status({ enabled: false, nextRoundAt: null }),
    });
    emit('monitor.settingsChanged', {
      profileId: 'training',
      settings: { enabled: false, everyMinutes: 30, dailyBudgetPercent: 5, resolveAfterHours: 24 },
    });
    await screen.findByText(/Monitoring in the background is off for this profile/);
    expect(screen.queryByText(/next check in/)).toBeNull();
  });

  it('Check now shows the round’s progress, then what it found', async () => {
    vi.mocked(linkdesk.monitor.checkNow).mockResolvedValue({ ok: true, value: round() });
    const user = await openInbox();
    await screen.findByText(/120 of 500 requests/);
    expect(screen.getByText(/next check in 20 min/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    await screen.findByText('Checking: 0 of 40 companies · 1 request used');
    emit('monitor.progress', round({ companiesScanned: 12, requestsUsed: 4 }));
    expect(screen.getByText('Checking: 12 of 40 companies · 4 requests used')).toBeTruthy();
    emit(
      'monitor.progress',
      round({
        state: 'finished',
        finishedAt: ago(0),
        companiesScanned: 40,
        requestsUsed: 7,
        newIssues: 2,
        resolvedIssues: 1,
      }),
    );
    expect(screen.getByText('Check finished: 2 new, 1 resolved (40 companies checked, 7 requests).')).toBeTruthy();

    // A round the budget stopped says why.
    vi.mocked(linkdesk.monitor.checkNow).mockResolvedValue({ ok: true, value: round({ roundId: 'round-2' }) });
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    emit(
      'monitor.progress',
      round({
        roundId: 'round-2',
        state: 'stopped_for_budget',
        companiesScanned: 10,
        requestsUsed: 25,
        problem: 'today’s monitor budget (500 requests) is spent',
      }),
    );
    expect(
      screen.getByText(
        'Check stopped: today’s monitor budget (500 requests) is spent. So far: nothing new (10 companies checked, 25 requests).',
      ),
    ).toBeTruthy();
  });

  it('Check now after an earlier round shows a quick round that ended before main answered', async () => {
    vi.mocked(linkdesk.monitor.checkNow).mockResolvedValue({ ok: true, value: round() });
    const user = await openInbox();
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    emit('monitor.progress', round({ state: 'finished', finishedAt: ago(0), companiesScanned: 40 }));
    await screen.findByText(/^Check finished: nothing new/);
    // The next round is over (its events came) before main answers "Check now".
    let answer: (value: MonitorRound) => void = () => {};
    vi.mocked(linkdesk.monitor.checkNow).mockImplementation(
      () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value }))),
    );
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    const quick = { roundId: 'round-2', companiesScanned: 40, requestsUsed: 2 };
    emit('monitor.progress', round({ ...quick, companiesScanned: 0 }));
    emit('monitor.progress', round({ ...quick, state: 'finished', finishedAt: ago(0), resolvedIssues: 1 }));
    await act(async () => answer(round({ roundId: 'round-2', companiesScanned: 0 })));
    expect(await screen.findByText('Check finished: 1 resolved (40 companies checked, 2 requests).')).toBeTruthy();
  });

  it('says when monitoring is off, with the way to turn it on', async () => {
    vi.mocked(linkdesk.monitor.status).mockResolvedValue({
      ok: true,
      value: status({ enabled: false, nextRoundAt: null }),
    });
    const user = await openInbox();
    await user.click(await screen.findByRole('button', { name: 'Turn it on in Settings' }));
    expect(useAppStore.getState().page).toBe('settings');
  });

  it('shows why the inbox could not be read, with the correlation ID, and tries again', async () => {
    vi.mocked(linkdesk.inbox.list).mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: 'The inbox file could not be read.', correlationId: 'corr-1' },
    } as Awaited<ReturnType<typeof linkdesk.inbox.list>>);
    const user = userEvent.setup();
    render(<InboxPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The inbox file could not be read.');
    expect(alert.textContent).toContain('corr-1');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('link', { name: /Acme Ltd/ });
  });
});

describe('the navigation badge', () => {
  it('keeps the link’s name "Inbox" and says the New count as its description; main’s word updates it', async () => {
    render(<Navigation current="companies" />);
    const link = await screen.findByRole('link', { name: 'Inbox', description: '3 new issues' });
    const badge = link.querySelector('.nav-count');
    expect([badge?.textContent, badge?.getAttribute('aria-hidden')]).toEqual(['3', 'true']);
    emit('inbox.changed', { profileId: 'training', newCount: 1 });
    expect(screen.getByRole('link', { name: 'Inbox', description: '1 new issue' })).toBeTruthy();
    // The page is closed: the list is not read again for a number.
    expect(linkdesk.inbox.list).toHaveBeenCalledTimes(1);
  });
});
