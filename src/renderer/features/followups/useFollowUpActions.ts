/**
 * A row's actions: "Send fresh link" (the connection's current link, read in one request, into the invite
 * composer addressed to the last recipient) and "Copy link". One request at a time from the page; each says what
 * happened, or why it failed. Main records the new hand-over, which replaces the old one.
 */
import { useRef, useState } from 'react';
import type { HandOver } from '@shared/domain/handovers';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { HandOverLink } from '../company/handover/hand-over';
import type { InviteSettings } from '../company/handover/useHandOverActions';

export interface FreshLinkComposer {
  handOver: HandOver;
  link: HandOverLink;
  settings: InviteSettings;
}

export function useFollowUpActions() {
  const [busy, setBusy] = useState<{ handOverId: string; kind: 'send' | 'copy' } | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  const [composer, setComposer] = useState<FreshLinkComposer | null>(null);
  const busyRef = useRef(false);

  const readLink = async (handOver: HandOver) => {
    const result = await linkdesk.connections.get({
      companyId: handOver.company.id,
      connectionId: handOver.connection.id,
    });
    if (!result.ok) {
      setFailure({ title: `Could not get a fresh link for ${handOver.company.name} from Codat.`, error: result.error });
      return null;
    }
    return { url: result.value.linkUrl, issuedAt: Date.now(), usedBy: null } satisfies HandOverLink;
  };

  const exclusive = (handOver: HandOver, kind: 'send' | 'copy', task: () => Promise<void>) => async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy({ handOverId: handOver.id, kind });
    setFailure(null);
    setMessage('');
    try {
      await task();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const sendFreshLink = (handOver: HandOver) =>
    exclusive(handOver, 'send', async () => {
      const [link, settings] = await Promise.all([readLink(handOver), linkdesk.invites.settings()]);
      if (!link) return;
      if (!settings.ok) {
        setFailure({ title: 'Could not read the invite template.', error: settings.error });
        return;
      }
      setComposer({ handOver, link, settings: settings.value });
    })();

  const copyLink = (handOver: HandOver) =>
    exclusive(handOver, 'copy', async () => {
      const link = await readLink(handOver);
      if (!link) return;
      try {
        await navigator.clipboard.writeText(link.url);
      } catch {
        setMessage('Could not copy: open the company and copy the link from its hand-over panel.');
        return;
      }
      // A failure to record never blocks the hand-over.
      void linkdesk.followups.record({
        companyId: handOver.company.id,
        connectionId: handOver.connection.id,
        how: 'copied',
      });
      setMessage(`Link for ${handOver.company.name} copied.`);
    })();

  /** The invite left the composer: main records the hand-over (the audit trail too). */
  const inviteSent = (handOver: HandOver, how: 'email_app' | 'copied', recipient: string) => {
    void linkdesk.invites.composed({
      companyId: handOver.company.id,
      connectionId: handOver.connection.id,
      how,
      ...(recipient ? { recipient } : {}),
    });
  };

  /** "Regenerate link" in the composer: the connection's current link again. */
  const regenerate = async (handOver: HandOver) => {
    const result = await linkdesk.connections.get({
      companyId: handOver.company.id,
      connectionId: handOver.connection.id,
    });
    if (!result.ok) return result;
    return { ok: true as const, value: { url: result.value.linkUrl, issuedAt: Date.now(), usedBy: null } };
  };

  return {
    busy,
    message,
    failure,
    composer,
    closeComposer: () => setComposer(null),
    sendFreshLink,
    copyLink,
    inviteSent,
    regenerate,
  };
}
