/**
 * What the hand-over panel does with the link: copy it, open it, regenerate it, or put it in an invite. One
 * request at a time, however often a button is pressed; each says what happened, or why it failed.
 */
import { useRef, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { OperationOutput } from '@shared/contract';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { HandOverLink, LinkUse } from './hand-over';
import { useOpenExternal } from './useOpenExternal';

export type InviteSettings = OperationOutput<'invites.settings'>;

interface HandOverTarget {
  companyId: string;
  connectionId: string;
  /** The link shown now. */
  link: HandOverLink;
  onConnection(connection: Connection): void;
  /** A fresh link replaced the shown one. */
  onLinkChange(link: HandOverLink): void;
  onLinkUsed(usedBy: LinkUse): void;
}

export function useHandOverActions(target: HandOverTarget) {
  const { companyId, connectionId, link, onConnection, onLinkChange, onLinkUsed } = target;
  const [busy, setBusy] = useState<'regenerate' | 'open' | 'invite' | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  /** The invite template, read for the composer that is open. */
  const [composer, setComposer] = useState<InviteSettings | null>(null);
  const openExternal = useOpenExternal();

  /** Reading the connection gives a link that works (main always asks Codat). */
  const fetchFreshLink = async (): Promise<Result<HandOverLink>> => {
    const result = await linkdesk.connections.get({ companyId, connectionId });
    if (!result.ok) return result;
    onConnection(result.value);
    const fresh: HandOverLink = { url: result.value.linkUrl, issuedAt: Date.now(), usedBy: null };
    onLinkChange(fresh);
    return { ok: true, value: fresh };
  };
  const readFreshLink = async (): Promise<HandOverLink | null> => {
    const result = await fetchFreshLink();
    if (result.ok) return result.value;
    setFailure({ title: 'Could not get a fresh link from Codat.', error: result.error });
    return null;
  };

  const busyRef = useRef(false);
  /** One request at a time from this panel, however often a button is pressed. */
  const exclusive = (kind: NonNullable<typeof busy>, task: () => Promise<void>) => async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(kind);
    setFailure(null);
    setMessage('');
    try {
      await task();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const regenerate = exclusive('regenerate', async () => {
    const previous = link.url;
    const fresh = await readFreshLink();
    if (fresh) {
      setMessage(
        fresh.url === previous
          ? 'Codat returned the same link as before; it has not been used, so it still works.'
          : 'New link ready. The old one no longer matters.',
      );
    }
  });

  const copy = async () => {
    setFailure(null);
    try {
      await navigator.clipboard.writeText(link.url);
      onLinkUsed('copied');
      // Main follows the link up from now on; a failure to record never blocks the hand-over.
      void linkdesk.followups.record({ companyId, connectionId, how: 'copied' });
      setMessage('Link copied.');
    } catch {
      setMessage('Could not copy: select the link in the field and press Ctrl+C (Cmd+C on a Mac).');
    }
  };

  const open = exclusive('open', async () => {
    const result = await openExternal(link.url);
    if (!result.ok) {
      setFailure({ title: 'Could not open the link.', error: result.error });
      return;
    }
    onLinkUsed('opened');
    void linkdesk.followups.record({ companyId, connectionId, how: 'opened' });
    setMessage('Link opened in your browser.');
  });

  const sendInvite = exclusive('invite', async () => {
    // A fresh link right before composing (never a cached one), and the template, together.
    const [fresh, settings] = await Promise.all([readFreshLink(), linkdesk.invites.settings()]);
    if (!fresh) return;
    if (!settings.ok) {
      setFailure({ title: 'Could not read the invite template.', error: settings.error });
      return;
    }
    setComposer(settings.value);
  });

  /** The invite left the composer: its link may be used from now on; the audit trail and follow-ups record it. */
  const inviteSent = (how: 'email_app' | 'copied', recipient: string) => {
    onLinkUsed('sent');
    // A failure to record never blocks the hand-over.
    void linkdesk.invites.composed({ companyId, connectionId, how, ...(recipient ? { recipient } : {}) });
  };

  return {
    busy,
    message,
    failure,
    composer,
    closeComposer: () => setComposer(null),
    copy,
    open,
    regenerate,
    sendInvite,
    fetchFreshLink,
    inviteSent,
  };
}
