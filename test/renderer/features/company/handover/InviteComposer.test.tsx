/**
 * The invite composer's "may already have been used… regenerate" warning: only where the one-time link may really
 * be spent, never because the invite was just opened in the email app. The link's state is held as the hand-over
 * panel holds it (useHandOver marks it "sent" when the invite leaves the composer); only the bridge is replaced.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { linkdesk } from '@renderer/api';
import type { HandOverLink, LinkUse } from '@renderer/features/company/handover/hand-over';
import { InviteComposer } from '@renderer/features/company/handover/InviteComposer';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: { system: { openExternal: vi.fn() } },
}));

const openExternal = vi.mocked(linkdesk.system.openExternal);
const linkUrl = 'https://link.example/connections/5d2c/start?otp=123456';
const settings = {
  template: { subject: 'Connect {platform} for {customer}', body: 'Hello,\n\n{link}\n\n{sender}' },
  sender: 'Sam',
};

/** The composer with the link state the hand-over panel gives it. */
function Composer({ usedBy = null, issuedAt = Date.now() }: { usedBy?: LinkUse | null; issuedAt?: number }) {
  const [link, setLink] = useState<HandOverLink>({ url: linkUrl, issuedAt, usedBy });
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={opener} type="button">
        Send invite
      </button>
      <InviteComposer
        companyName="Harbour Bakery"
        platformName="Xero"
        settings={settings}
        link={link}
        onUsed={() => setLink((current) => ({ ...current, usedBy: current.usedBy ?? 'sent' }))}
        onRegenerate={async () => ({ ok: true, value: link })}
        onClose={() => {}}
        returnFocusTo={opener}
      />
    </>
  );
}

const warning = /may already have been used/;

beforeEach(() => {
  openExternal.mockReset();
  openExternal.mockImplementation(async ({ url }) => ({ ok: true, value: { opened: true, by: 'system', url } }));
});

describe('the invite composer', () => {
  it('opening the invite in the email app raises no "may already have been used" warning', async () => {
    const user = userEvent.setup();
    render(<Composer />);
    await user.type(screen.getByRole('textbox', { name: 'Recipient email' }), 'customer@example.com');
    await user.click(screen.getByRole('button', { name: 'Open in email app' }));
    expect(await screen.findByText(/^Opened in your email app/)).toBeTruthy();
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(warning)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Regenerate link' })).toBeNull();
  });

  it('copying the invite raises none either', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<Composer />);
    await user.click(screen.getByRole('button', { name: 'Copy invite' }));
    expect(await screen.findByText(/^Invite copied/)).toBeTruthy();
    expect(screen.queryByText(warning)).toBeNull();
  });

  it('warns, and offers to regenerate, when the customer has already tried the link', () => {
    render(<Composer usedBy="attempted" />);
    expect(screen.getByText(warning)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Regenerate link' })).toBeTruthy();
  });

  it('warns when the link was opened here, or is a day old', () => {
    const { unmount } = render(<Composer usedBy="opened" />);
    expect(screen.getByText(warning)).toBeTruthy();
    unmount();
    render(<Composer issuedAt={Date.now() - 24 * 60 * 60 * 1000} />);
    expect(screen.getByText(warning)).toBeTruthy();
  });
});
