/**
 * The Follow-ups page and the navigation's badge, as the account manager meets them: hand-overs grouped by what
 * to do next by the page's own clock, a live countdown, filters, "Clear done", and a fresh link into the composer
 * addressed to the last recipient. Only the bridge (`@renderer/api`) is replaced.
 */
import { act, render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperationOutput } from '@shared/contract';
import { linkLifetimeMs, type HandOver } from '@shared/domain/handovers';
import { linkdesk } from '@renderer/api';
import { Navigation } from '@renderer/app/Navigation';
import FollowUpsPage from '@renderer/features/followups/FollowUpsPage';
import { useFollowUpsStore } from '@renderer/features/followups/followups-store';
import { aHandOver } from '@support/hand-overs';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    followups: { list: vi.fn(), clearDone: vi.fn(), record: vi.fn(), checkNow: vi.fn(), freshLink: vi.fn() },
    invites: { composed: vi.fn(), settings: vi.fn() },
    system: { openExternal: vi.fn() },
    // The navigation's Inbox badge reads its count too.
    inbox: { list: vi.fn(async () => ({ ok: false, error: { code: 'internal', message: 'Not in this test.' } })) },
  },
}));

const minute = 60_000;
const hour = 60 * minute;
/** A weekday afternoon, so that "today" has room on both sides. */
const now = new Date(2031, 2, 12, 15, 0, 0).getTime();

let serial = 0;
function handOver(patch: Partial<HandOver> & { name: string; issuedAgo?: number }): HandOver {
  serial += 1;
  const { name, issuedAgo = hour, ...rest } = patch;
  const id = String(serial).padStart(12, '0');
  return aHandOver(now - issuedAgo, {
    company: { id: `00000000-0000-4000-8000-${id}`, name },
    connection: { id: `10000000-0000-4000-8000-${id}`, platformKey: 'gbol', platformName: 'Xero' },
    by: 'sam',
    ...rest,
  });
}

function listOf(handOvers: HandOver[], you = 'sam'): OperationOutput<'followups.list'> {
  return {
    handOvers,
    problem: null,
    watch: {
      checkedAt: new Date(now - minute).toISOString(),
      problem: null,
      nextCheckAt: new Date(now + 2 * minute).toISOString(),
    },
    you,
  };
}

const ago = (ms: number) => new Date(now - ms).toISOString();

/** One of each group, plus one that ended yesterday (kept, not shown). */
const everyKind = () => [
  handOver({ name: 'Waiting Ltd', issuedAgo: 2 * hour }),
  handOver({ name: 'Expiring Ltd', issuedAgo: 23 * hour, how: 'invite', recipient: 'ann@expiring.test' }),
  handOver({ name: 'Lapsed Ltd', issuedAgo: 25 * hour }),
  handOver({ name: 'Expired Ltd', issuedAgo: 30 * hour, state: 'expired', endedAt: ago(6 * hour) }),
  handOver({
    name: 'Cancelled Ltd',
    state: 'cancelled',
    endedAt: ago(10 * minute),
    problem: { statusText: 'The user cancelled the authorisation', errorMessage: 'access_denied' },
  }),
  handOver({
    name: 'Sync Failed Ltd',
    state: 'sync_failed',
    linkedAt: ago(40 * minute),
    endedAt: ago(5 * minute),
    problem: { errorMessage: 'invoices: FetchError' },
  }),
  handOver({ name: 'Syncing Ltd', state: 'linked', linkedAt: ago(3 * minute), how: 'opened', by: 'kim' }),
  handOver({ name: 'Synced Ltd', state: 'synced', linkedAt: ago(2 * hour), endedAt: ago(hour) }),
  handOver({ name: 'Yesterday Ltd', state: 'synced', linkedAt: ago(26 * hour), endedAt: ago(25 * hour) }),
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now });
  useFollowUpsStore.setState({ list: null, error: null, loading: false });
  vi.mocked(linkdesk.followups.list).mockResolvedValue({ ok: true, value: listOf(everyKind()) });
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText: vi.fn(async () => undefined) },
    configurable: true,
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

const groupHeadings = () => screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
const rowsOf = (group: string) =>
  within(screen.getByRole('region', { name: group }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('the Follow-ups page', () => {
  it('groups hand-overs by what to do next, in that order, and leaves out what ended before today', async () => {
    render(<FollowUpsPage />);
    await screen.findByRole('region', { name: 'Expiring soon' });
    expect(groupHeadings()).toEqual([
      'Expiring soon 1',
      'Expired unused 2',
      'Cancelled or failed 1',
      'Linked, first sync failing 1',
      'Waiting for the customer 1',
      'Linked, first sync running 1',
      'Done today 1',
    ]);
    // The completion funnel below them, loaded when the page is.
    await screen.findByRole('region', { name: 'Link completion' });
    // A link past its day is expired by the page's clock, before main's next check says so.
    expect(rowsOf('Expired unused')).toEqual(['Lapsed Ltd', 'Expired Ltd']);
    expect(rowsOf('Done today')).toEqual(['Synced Ltd']);
    expect(screen.queryByText('Yesterday Ltd')).toBeNull();

    const expiring = screen.getByRole('row', { name: /Expiring Ltd/ });
    expect(expiring.textContent).toContain('Invite to ann@expiring.test by sam');
    expect(expiring.textContent).toContain('1 hr 0 min left');
    const cancelled = screen.getByRole('row', { name: /Cancelled Ltd/ });
    expect(cancelled.textContent).toContain('Codat: The user cancelled the authorisation: access_denied');
    expect(screen.getByRole('row', { name: /Syncing Ltd/ }).textContent).toContain('Opened by kim');
    expect(screen.getByRole('link', { name: 'Expiring Ltd' }).getAttribute('href')).toMatch(
      /^#\/companies\/00000000-0000-4000-8000-\d{12}$/,
    );
    // Fresh links only where the customer has not linked.
    expect(within(screen.getByRole('region', { name: 'Linked, first sync running' })).queryAllByRole('button')).toEqual(
      [],
    );
    expect(
      within(screen.getByRole('row', { name: /Waiting Ltd/ }))
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Send fresh link', 'Copy link']);
    expect(document.querySelector('.followups-watch p')?.textContent).toBe(
      'Checked with Codat 1 min ago · next check in 2 min',
    );
  });

  it('counts down the time left, and moves a link to "Expiring soon" when it has 2 hours left', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now });
    vi.mocked(linkdesk.followups.list).mockResolvedValue({
      ok: true,
      value: listOf([handOver({ name: 'Countdown Ltd', issuedAgo: 21 * hour + 59 * minute + 30_000 })]),
    });
    render(<FollowUpsPage />);
    await act(async () => {});
    const row = () => screen.getByRole('row', { name: /Countdown Ltd/ });
    expect(rowsOf('Waiting for the customer')).toEqual(['Countdown Ltd']);
    expect(row().textContent).toContain('2 hr 0 min left');
    // The keyboard on the row's button stays on it when the row moves to another group.
    act(() => within(row()).getByRole('button', { name: 'Copy link' }).focus());
    await act(async () => vi.advanceTimersByTime(31_000));
    expect(row().textContent).toContain('1 hr 59 min left');
    expect(rowsOf('Expiring soon')).toEqual(['Countdown Ltd']);
    expect(document.activeElement).toBe(within(row()).getByRole('button', { name: 'Copy link' }));
    await act(async () => vi.advanceTimersByTime(59 * minute + 59_000));
    expect(row().textContent).toContain('1 hr 0 min left');
    await act(async () => vi.advanceTimersByTime(1000));
    expect(row().textContent).toContain('59 min 59 sec left');
    await act(async () => vi.advanceTimersByTime(1000));
    expect(row().textContent).toContain('59 min 58 sec left');
  });

  it('filters by who handed the link over, by platform and by state', async () => {
    const user = userEvent.setup();
    vi.mocked(linkdesk.followups.list).mockResolvedValue({
      ok: true,
      value: listOf([
        handOver({ name: 'Mine Ltd' }),
        handOver({ name: 'Kims Ltd', by: 'kim' }),
        handOver({
          name: 'Sage Ltd',
          connection: { id: '20000000-0000-4000-8000-000000000001', platformKey: 'sage', platformName: 'Sage' },
          state: 'expired',
        }),
      ]),
    });
    render(<FollowUpsPage />);
    await screen.findByRole('region', { name: 'Waiting for the customer' });
    const filters = screen.getByRole('search', { name: 'Filter follow-ups' });
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Handed over by' }), 'Me (sam)');
    expect(rowsOf('Waiting for the customer')).toEqual(['Mine Ltd']);
    await user.selectOptions(
      within(filters).getByRole('combobox', { name: 'Handed over by' }),
      'Everyone on this computer',
    );
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Platform' }), 'Sage');
    expect(screen.queryByRole('region', { name: 'Waiting for the customer' })).toBeNull();
    expect(rowsOf('Expired unused')).toEqual(['Sage Ltd']);
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Platform' }), 'All platforms');
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'State' }), 'Waiting for the customer');
    expect(rowsOf('Waiting for the customer')).toEqual(['Mine Ltd', 'Kims Ltd']);
    expect(screen.queryByRole('region', { name: 'Expired unused' })).toBeNull();
  });

  it('clears the done ones through main and says how many, keeping the keyboard on the button', async () => {
    const user = userEvent.setup();
    vi.mocked(linkdesk.followups.clearDone).mockResolvedValue({ ok: true, value: { cleared: 2 } });
    render(<FollowUpsPage />);
    const clear = await screen.findByRole('button', { name: 'Clear done' });
    await user.click(clear);
    expect(linkdesk.followups.clearDone).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Cleared 2 hand-overs that had ended.');
    expect(document.activeElement).toBe(clear);
  });

  it('checks with Codat at once on "Check now", and says when it did', async () => {
    const user = userEvent.setup();
    render(<FollowUpsPage />);
    const checkNow = await screen.findByRole('button', { name: 'Check now' });
    vi.mocked(linkdesk.followups.checkNow).mockResolvedValue({ ok: true, value: { checked: 7, problem: null } });
    vi.mocked(linkdesk.followups.list).mockResolvedValue({
      ok: true,
      value: { ...listOf(everyKind()), watch: { checkedAt: ago(0), problem: null, nextCheckAt: null } },
    });
    await user.click(checkNow);
    expect(linkdesk.followups.checkNow).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(document.querySelector('.followups-watch p')?.textContent).toMatch(/^Checked with Codat just now/),
    );
    expect(document.activeElement).toBe(checkNow);
  });

  it('sends a fresh link: one fresh link from main (recorded, audited), the composer addressed to the last recipient, main told', async () => {
    const user = userEvent.setup();
    const expiring = handOver({ name: 'Fresh Ltd', issuedAgo: 23 * hour, how: 'invite', recipient: 'ann@fresh.test' });
    vi.mocked(linkdesk.followups.list).mockResolvedValue({ ok: true, value: listOf([expiring]) });
    vi.mocked(linkdesk.followups.freshLink).mockResolvedValue({
      ok: true,
      value: {
        url: 'https://link.example/start?otp=654321',
        expiresAt: new Date(now + linkLifetimeMs).toISOString(),
        lastRecipient: 'ann@fresh.test',
      } as never,
    });
    vi.mocked(linkdesk.invites.settings).mockResolvedValue({
      ok: true,
      value: {
        template: { subject: 'Connect {platform} for {customer}', body: 'Hello, {link}' },
        sender: 'Sam',
      } as never,
    });
    vi.mocked(linkdesk.system.openExternal).mockResolvedValue({
      ok: true,
      value: { opened: true, by: 'system', url: '' },
    });
    vi.mocked(linkdesk.invites.composed).mockResolvedValue({ ok: true, value: { recorded: true } });
    render(<FollowUpsPage />);
    const row = await screen.findByRole('row', { name: /Fresh Ltd/ });
    const send = within(row).getByRole('button', { name: 'Send fresh link', description: 'Fresh Ltd' });
    await user.click(send);
    const composer = await screen.findByRole('dialog', { name: 'Invite email' });
    expect(linkdesk.followups.freshLink).toHaveBeenCalledTimes(1);
    expect(linkdesk.followups.freshLink).toHaveBeenCalledWith({
      companyId: expiring.company.id,
      connectionId: expiring.connection.id,
    });
    expect((within(composer).getByRole('textbox', { name: 'Recipient email' }) as HTMLInputElement).value).toBe(
      'ann@fresh.test',
    );
    expect((within(composer).getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toContain(
      'https://link.example/start?otp=654321',
    );
    await user.click(within(composer).getByRole('button', { name: 'Open in email app' }));
    expect(linkdesk.invites.composed).toHaveBeenCalledWith({
      companyId: expiring.company.id,
      connectionId: expiring.connection.id,
      how: 'email_app',
      recipient: 'ann@fresh.test',
    });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(
      within(screen.getByRole('row', { name: /Fresh Ltd/ })).getByRole('button', { name: 'Send fresh link' }),
    );
  });

  it('copies the current link and has main follow it up', async () => {
    const user = userEvent.setup();
    vi.mocked(linkdesk.followups.freshLink).mockResolvedValue({
      ok: true,
      value: { url: 'https://link.example/start?otp=111111', expiresAt: new Date(now).toISOString() } as never,
    });
    vi.mocked(linkdesk.followups.record).mockResolvedValue({ ok: true, value: {} as never });
    render(<FollowUpsPage />);
    // After userEvent's setup, which brings a clipboard of its own.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const row = await screen.findByRole('row', { name: /Lapsed Ltd/ });
    await user.click(within(row).getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith('https://link.example/start?otp=111111');
    expect(linkdesk.followups.record).toHaveBeenCalledWith({
      companyId: expect.stringMatching(/^00000000-/),
      connectionId: expect.stringMatching(/^10000000-/),
      how: 'copied',
    });
    expect(screen.getByRole('status').textContent).toBe('Link for Lapsed Ltd copied.');
  });

  it('says how to make a first follow-up when there is none, and why it could not read them', async () => {
    vi.mocked(linkdesk.followups.list).mockResolvedValueOnce({ ok: true, value: listOf([]) });
    const { unmount } = render(<FollowUpsPage />);
    const empty = await screen.findByRole('region', { name: 'No follow-ups yet' });
    expect(empty.textContent).toContain('Hand over link');
    unmount();

    useFollowUpsStore.setState({ list: null, error: null, loading: false });
    vi.mocked(linkdesk.followups.list).mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: 'The follow-ups could not be read.', correlationId: 'corr-123' } as never,
    });
    render(<FollowUpsPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('corr-123');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('the navigation badge', () => {
  it('keeps the link named "Follow-ups" and says how many need action as its description', async () => {
    render(<Navigation current="companies" />);
    // Expiring, 2 expired, cancelled, first sync failed: waiting, syncing and done are not counted.
    const link = await screen.findByRole('link', { name: 'Follow-ups', description: '5 need action' });
    const badge = link.querySelector('.nav-count');
    expect([badge?.textContent, badge?.getAttribute('aria-hidden')]).toEqual(['5', 'true']);
  });

  it('leaves out trouble older than a week, says so, and does not count it', async () => {
    const day = 24 * hour;
    vi.mocked(linkdesk.followups.list).mockResolvedValue({
      ok: true,
      value: listOf([
        handOver({ name: 'Lapsed Ltd', issuedAgo: 2 * day }),
        handOver({ name: 'Long Gone Ltd', issuedAgo: 9 * day, state: 'expired', endedAt: ago(8 * day) }),
        handOver({ name: 'Old Failure Ltd', state: 'failed', issuedAgo: 10 * day, endedAt: ago(10 * day) }),
      ]),
    });
    const { unmount } = render(<FollowUpsPage />);
    expect(await screen.findByRole('region', { name: 'Expired unused' })).toBeTruthy();
    expect(rowsOf('Expired unused')).toEqual(['Lapsed Ltd']);
    expect(screen.queryByRole('region', { name: 'Cancelled or failed' })).toBeNull();
    expect(screen.getByText(/^2 older follow-ups/).textContent).toContain('more than a week ago');
    unmount();
    render(<Navigation current="companies" />);
    expect(await screen.findByRole('link', { name: 'Follow-ups', description: '1 needs action' })).toBeTruthy();
  });
});
