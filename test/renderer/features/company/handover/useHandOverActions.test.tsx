/**
 * The hand-over panel's actions tell main about every link that leaves the console (copied, opened, or sent in an
 * invite, with its recipient), so that main follows it up. Only the bridge (`@renderer/api`) is replaced.
 */
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkdesk } from '@renderer/api';
import { useHandOverActions } from '@renderer/features/company/handover/useHandOverActions';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    followups: { record: vi.fn() },
    invites: { composed: vi.fn(), settings: vi.fn() },
    system: { openExternal: vi.fn() },
    connections: { get: vi.fn() },
  },
}));

const companyId = '0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
const connectionId = '1c8d2b3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e';
const link = { url: 'https://link.example/start?otp=123456', issuedAt: Date.now(), usedBy: null };

function renderActions() {
  return renderHook(() =>
    useHandOverActions({
      companyId,
      connectionId,
      link,
      onConnection: () => undefined,
      onLinkChange: () => undefined,
      onLinkUsed: () => undefined,
    }),
  );
}

beforeEach(() => {
  vi.mocked(linkdesk.followups.record).mockResolvedValue({ ok: true, value: {} as never });
  vi.mocked(linkdesk.invites.composed).mockResolvedValue({ ok: true, value: { recorded: true } });
  vi.mocked(linkdesk.system.openExternal).mockResolvedValue({
    ok: true,
    value: { opened: true, by: 'system', url: link.url },
  });
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText: vi.fn(async () => undefined) },
    configurable: true,
  });
});
afterEach(() => vi.clearAllMocks());

describe('the hand-over actions', () => {
  it('has main follow up a copied link', async () => {
    const { result } = renderActions();
    await act(() => result.current.copy());
    expect(linkdesk.followups.record).toHaveBeenCalledWith({ companyId, connectionId, how: 'copied' });
  });

  it('has main follow up an opened link, only once it opened', async () => {
    const { result } = renderActions();
    vi.mocked(linkdesk.system.openExternal).mockResolvedValueOnce({
      ok: false,
      error: { code: 'forbidden', message: 'Refused.' },
    });
    await act(() => result.current.open());
    expect(linkdesk.followups.record).not.toHaveBeenCalled();
    await act(() => result.current.open());
    expect(linkdesk.followups.record).toHaveBeenCalledWith({ companyId, connectionId, how: 'opened' });
  });

  it('tells main who an invite went to, and leaves the recipient out when there was none', () => {
    const { result } = renderActions();
    act(() => result.current.inviteSent('email_app', 'ann@harbour.test'));
    expect(linkdesk.invites.composed).toHaveBeenLastCalledWith({
      companyId,
      connectionId,
      how: 'email_app',
      recipient: 'ann@harbour.test',
    });
    act(() => result.current.inviteSent('copied', ''));
    expect(linkdesk.invites.composed).toHaveBeenLastCalledWith({ companyId, connectionId, how: 'copied' });
  });
});
