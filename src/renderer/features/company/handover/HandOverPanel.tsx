import './handover.css';
import { Copy, ExternalLink, Mail, RefreshCw, X } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import type { Connection } from '@shared/codat/schemas';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useNow } from '@renderer/hooks/useNow';
import { formatDateTime } from '@renderer/lib/format';
import { singleKey, withShortcut } from '@renderer/lib/shortcuts';
import { useCommands } from '@renderer/stores/commands';
import { ageInWords } from '@renderer/lib/format';
import { PlatformLogo } from '../connections/PlatformLogo';
import { linkMayBeSpent, type HandOver, type HandOverLink, type LinkUse } from './hand-over';
import { InviteComposer } from './InviteComposer';
import { useConnectionWatch } from './useConnectionWatch';
import { useHandOverActions } from './useHandOverActions';
import { syncNotification, WatchReport } from './WatchReport';

interface HandOverPanelProps {
  companyId: string;
  companyName: string;
  connection: Connection;
  logo: string | null;
  handOver: HandOver;
  /** A fresh link replaced the shown one. */
  onLinkChange(link: HandOverLink): void;
  /** The shown link may have been used (applied to the current link, whatever it is by then). */
  onLinkUsed(usedBy: LinkUse): void;
  onConnection(connection: Connection): void;
  onClose(): void;
  /** With the connection: on the page only when main follows its hand-over (main tells the desktop). */
  notify(title: string, body: string, about?: { connectionId: string }): void;
  /** Bumped when the user asks for this panel again (its card's "Hand over link"). */
  focusRequests: number;
}

/** The hand-over's single-key shortcuts: L copies the link, I starts an invite. */
export const copyLinkShortcut = singleKey('l');
export const inviteShortcut = singleKey('i');

/** Why the link may be spent (a warning, with "Regenerate it"). */
const spentWords: Record<'opened' | 'attempted', string> = {
  opened: 'You opened this link, so its one-time code may be used up.',
  attempted: 'The customer already tried this link.',
};
/** Where the link went, when that spends nothing yet (a plain note: regenerating is there if the customer needs it). */
const handedOutWords: Record<'copied' | 'sent', string> = {
  copied: 'You copied this link. It works for the first person who opens it;',
  sent: 'This link went into an invite. It works for the first person who opens it;',
};

export function HandOverPanel(props: HandOverPanelProps) {
  const { companyId, companyName, connection, logo, handOver, onLinkChange, onLinkUsed, onConnection, notify } = props;
  const headingId = useId();
  const linkFieldId = useId();
  const copyRef = useRef<HTMLButtonElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const now = useNow(1000);
  const platform = connection.platformName;
  const { busy, message, failure, composer, ...actions } = useHandOverActions({
    companyId,
    connectionId: handOver.connectionId,
    link: handOver.link,
    onConnection,
    onLinkChange,
    onLinkUsed,
  });

  // The account manager's next move is to copy the link: put the keyboard there.
  const { focusRequests } = props;
  useEffect(() => {
    copyRef.current?.scrollIntoView({ block: 'nearest' });
    copyRef.current?.focus();
  }, [focusRequests]);

  const { snapshot, checkAgain } = useConnectionWatch(
    {
      companyId,
      connectionId: handOver.connectionId,
      errorBaseline: handOver.errorBaseline,
      needsSyncBaseline: handOver.needsSyncBaseline,
      startedAt: handOver.startedAt,
    },
    {
      onConnection,
      onLinked: () => notify(`${platform} linked`, companyName, { connectionId: handOver.connectionId }),
      onSyncSettled: (finished) =>
        notify(...syncNotification(platform, companyName, finished), { connectionId: handOver.connectionId }),
      // The customer's attempt ended: whatever link they had is spent.
      onNewErrors: () => onLinkUsed('attempted'),
    },
  );

  const linked = snapshot !== null && snapshot.phase !== 'authorising';
  const { usedBy } = handOver.link;
  const spent = linkMayBeSpent(handOver.link, now);
  const expired = now - handOver.link.issuedAt >= 24 * 60 * 60 * 1000;
  const handedOut = !spent && (usedBy === 'copied' || usedBy === 'sent') ? usedBy : null;
  // Offered once the link has left the console, since only the customer knows whether it still works.
  const offerRegenerate = spent || handedOut !== null;

  const group = 'Hand-over';
  useCommands(
    linked
      ? [{ id: 'hand-over-close', label: 'Close hand-over', group, rank: 90, run: props.onClose }]
      : [
          {
            id: 'copy-link',
            label: 'Copy link',
            group,
            keywords: [platform, 'connection link', 'clipboard'],
            key: 'l',
            run: () => void actions.copy(),
          },
          {
            id: 'send-invite',
            label: 'Send invite',
            group,
            keywords: [platform, 'email', 'mail'],
            key: 'i',
            run: () => void actions.sendInvite(),
          },
          {
            id: 'open-link',
            label: 'Open link',
            group,
            keywords: [platform, 'browser'],
            run: () => void actions.open(),
          },
          ...(offerRegenerate
            ? [
                {
                  id: 'regenerate-link',
                  label: 'Regenerate link',
                  group,
                  keywords: ['fresh', 'new'],
                  run: () => void actions.regenerate(),
                },
              ]
            : []),
          { id: 'hand-over-close', label: 'Close hand-over', group, rank: 90, run: props.onClose },
        ],
  );

  return (
    <section className="card handover" aria-labelledby={headingId}>
      <div className="handover-header">
        <PlatformLogo logo={logo} name={platform} />
        <h2 id={headingId}>Hand over the {platform} link</h2>
        <button
          type="button"
          className="button button-quiet icon-button"
          onClick={props.onClose}
          aria-label="Close hand-over"
        >
          <X aria-hidden="true" size={18} />
        </button>
      </div>
      {/* Once linked, the link has done its job: the outcome takes its place. */}
      {!linked && (
        <>
          <p className="handover-intro">
            Give this link to the customer: it takes them straight to {platform}’s sign-in. It{' '}
            <strong>works once</strong> and for <strong>24 hours</strong>.
          </p>

          <div className="field link-field">
            <label htmlFor={linkFieldId}>Connection link</label>
            <textarea
              id={linkFieldId}
              readOnly
              rows={2}
              value={handOver.link.url}
              onFocus={(event) => event.currentTarget.select()}
              spellCheck={false}
            />
            <p className="field-hint">
              Read from Codat{' '}
              <time
                dateTime={new Date(handOver.link.issuedAt).toISOString()}
                title={formatDateTime(new Date(handOver.link.issuedAt).toISOString())}
              >
                {ageInWords(handOver.link.issuedAt, now)}
              </time>
              .
            </p>
          </div>

          <div className="form-actions">
            <button
              ref={copyRef}
              type="button"
              className="button button-primary"
              onClick={() => void actions.copy()}
              aria-keyshortcuts={copyLinkShortcut.aria}
              title={withShortcut('Copy link', copyLinkShortcut)}
            >
              <Copy aria-hidden="true" size={14} /> Copy link
            </button>
            <ActionButton
              Icon={ExternalLink}
              busy={busy === 'open'}
              onClick={() => void actions.open()}
              disabled={busy === 'open'}
            >
              Open link
            </ActionButton>
            <ActionButton
              Icon={Mail}
              busy={busy === 'invite'}
              ref={sendRef}
              onClick={() => void actions.sendInvite()}
              aria-disabled={busy === 'invite' || undefined}
              aria-busy={busy === 'invite' || undefined}
              aria-keyshortcuts={inviteShortcut.aria}
              title={withShortcut('Send invite', inviteShortcut)}
            >
              Send invite
            </ActionButton>
            {offerRegenerate && (
              <ActionButton
                Icon={RefreshCw}
                busy={busy === 'regenerate'}
                onClick={() => void actions.regenerate()}
                disabled={busy === 'regenerate'}
              >
                Regenerate link
              </ActionButton>
            )}
            {busy === 'invite' && <span className="muted">Getting a fresh link for the invite…</span>}
            {busy === 'regenerate' && <span className="muted">Asking Codat for a working link…</span>}
          </div>
          {/* Below the buttons, so that it never moves them. */}
          {spent && (
            <p className="warning link-stale">
              {expired
                ? 'It is over 24 hours old and has expired.'
                : spentWords[usedBy === 'attempted' ? 'attempted' : 'opened']}{' '}
              Regenerate it before sending it again.
            </p>
          )}
          {handedOut && (
            <p className="muted link-stale">
              {handedOutWords[handedOut]} if the customer says it does not work, regenerate it.
            </p>
          )}
          <p className="action-message" role="status">
            {message}
          </p>
          {failure && <ErrorNotice error={failure.error} title={failure.title} />}
        </>
      )}

      {snapshot && <WatchReport snapshot={snapshot} platform={platform} now={now} onCheckAgain={checkAgain} />}

      {composer && (
        <InviteComposer
          companyName={companyName}
          platformName={platform}
          settings={composer}
          link={handOver.link}
          onUsed={actions.inviteSent}
          onRegenerate={actions.fetchFreshLink}
          onClose={actions.closeComposer}
          returnFocusTo={sendRef}
        />
      )}
    </section>
  );
}
