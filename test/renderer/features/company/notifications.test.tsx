/**
 * The company view's notifications about a link it watches: when main follows that hand-over, main tells the
 * desktop (once) and the view says it on the page only; otherwise the view asks for a desktop notification.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordHandOver, type HandOver } from '@shared/domain/handovers';
import { linkdesk } from '@renderer/api';
import { useNotifications } from '@renderer/features/company/useNotifications';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    followups: { list: vi.fn() },
    system: { notify: vi.fn() },
  },
}));

const connectionId = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
const followed = (state: HandOver['state'] = 'awaiting'): HandOver => ({
  ...recordHandOver(
    [],
    {
      id: 'h1',
      profileId: 'training',
      company: { id: 'c1', name: 'Acme Ltd' },
      connection: { id: connectionId.toUpperCase(), platformKey: 'gbol', platformName: 'Xero' },
      by: 'alice',
      how: 'copied',
      linkIssuedAt: Date.now(),
      errors: [],
    },
    Date.now(),
  ).recorded,
  state,
});

function listing(handOvers: HandOver[]) {
  vi.mocked(linkdesk.followups.list).mockResolvedValue({
    ok: true,
    value: { handOvers, problem: null, watch: { checkedAt: null, problem: null, nextCheckAt: null }, you: 'alice' },
  });
}

beforeEach(() => {
  vi.mocked(linkdesk.system.notify)
    .mockReset()
    .mockResolvedValue({ ok: true, value: { shown: true } });
});

describe('the company view’s notifications', () => {
  it('leaves the desktop to main when main follows the hand-over, and says it on the page', async () => {
    listing([followed()]);
    const { result } = renderHook(() => useNotifications());
    act(() => result.current.notify('Xero linked', 'Acme Ltd', { connectionId }));
    await waitFor(() => expect(result.current.toasts.map((toast) => toast.title)).toEqual(['Xero linked']));
    expect(linkdesk.system.notify).not.toHaveBeenCalled();
  });

  it('asks for a desktop notification when main does not follow that connection', async () => {
    listing([followed('superseded')]);
    const { result } = renderHook(() => useNotifications());
    act(() => result.current.notify('Xero linked', 'Acme Ltd', { connectionId }));
    await waitFor(() =>
      expect(linkdesk.system.notify).toHaveBeenCalledWith({ title: 'Xero linked', body: 'Acme Ltd' }),
    );
    expect(result.current.toasts).toEqual([]);
  });
});
