import { CircleCheck, Copy, ExternalLink, Mail, RefreshCw, TriangleAlert, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { OperationOutput } from '@shared/contract';
import { linkMayBeStale } from '@shared/domain/connections';
import type { SyncProgress } from '@shared/domain/watch';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useNow } from '@renderer/hooks/useNow';
import { formatDateTime } from '@renderer/lib/format';
import {
  ageInWords,
  connectionErrorDetail,
  connectionErrorSummary,
  dataTypeLabel,
  waitInWords,
} from '../company-format';
import type { WatchSnapshot } from './connection-watcher';
import { FirstSync, syncStateWords } from './FirstSync';
import type { HandOver, HandOverLink, LinkUse } from './hand-over';
import { InviteComposer } from './InviteComposer';
import { PlatformLogo } from '../connections/PlatformLogo';
import { useConnectionWatch } from './useConnectionWatch';

type InviteSettings = OperationOutput<'invites.settings'>;

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
  notify(title: string, body: string): void;
  /** Bumped when the user asks for this panel again (its card's "Hand over link"). */
  focusRequests: number;
}

const useWords: Record<LinkUse, string> = {
  opened: 'You opened this link, so its one-time code may be used up.',
  copied: 'You copied this link; once the customer opens it, it cannot be used again.',
  sent: 'This link went into an invite; once the customer opens it, it cannot be used again.',
  attempted: 'The customer already tried this link.',
};

export function HandOverPanel(props: HandOverPanelProps) {
  const { companyId, companyName, connection, logo, handOver, onLinkChange, onLinkUsed, onConnection, notify } = props;
  const headingId = useId();
  const linkFieldId = useId();
  const copyRef = useRef<HTMLButtonElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const now = useNow(1000);
  const platform = connection.platformName;
  const [busy, setBusy] = useState<'regenerate' | 'open' | 'invite' | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  const [composer, setComposer] = useState<InviteSettings | null>(null);

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
      onLinked: () => notify(`${platform} linked`, companyName),
      onSyncSettled: (finished) => notify(...syncNotification(platform, companyName, finished)),
      // The customer's attempt ended: whatever link they had is spent.
      onNewErrors: () => onLinkUsed('attempted'),
    },
  );

  const linked = snapshot !== null && snapshot.phase !== 'authorising';
  const stale = linkMayBeStale(handOver.link.issuedAt, now, handOver.link.usedBy !== null);
  const expired = now - handOver.link.issuedAt >= 24 * 60 * 60 * 1000;

  /** Reading the connection gives a link that works (main always asks Codat). */
  const fetchFreshLink = async (): Promise<Result<HandOverLink>> => {
    const result = await linkdesk.connections.get({ companyId, connectionId: handOver.connectionId });
    if (!result.ok) return result;
    onConnection(result.value);
    const link: HandOverLink = { url: result.value.linkUrl, issuedAt: Date.now(), usedBy: null };
    onLinkChange(link);
    return { ok: true, value: link };
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
    const previous = handOver.link.url;
    const link = await readFreshLink();
    if (link) {
      setMessage(
        link.url === previous
          ? 'Codat returned the same link as before; it has not been used, so it still works.'
          : 'New link ready. The old one no longer matters.',
      );
    }
  });

  const copy = async () => {
    setFailure(null);
    try {
      await navigator.clipboard.writeText(handOver.link.url);
      onLinkUsed('copied');
      setMessage('Link copied.');
    } catch {
      setMessage('Could not copy: select the link in the field and press Ctrl+C (Cmd+C on a Mac).');
    }
  };

  const open = exclusive('open', async () => {
    const result = await linkdesk.system.openExternal({ url: handOver.link.url });
    if (!result.ok) {
      setFailure({ title: 'Could not open the link.', error: result.error });
      return;
    }
    // In the browser host the page opens it itself, in a new tab.
    if (result.value.by === 'browser') window.open(result.value.url, '_blank', 'noopener,noreferrer');
    onLinkUsed('opened');
    setMessage('Link opened in your browser.');
  });

  const sendInvite = exclusive('invite', async () => {
    // A fresh link right before composing (never a cached one), and the template, together.
    const [link, settings] = await Promise.all([readFreshLink(), linkdesk.invites.settings()]);
    if (!link) return;
    if (!settings.ok) {
      setFailure({ title: 'Could not read the invite template.', error: settings.error });
      return;
    }
    setComposer(settings.value);
  });

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
              .{' '}
              {stale && (
                <span className="warning">
                  {expired ? 'It is over 24 hours old and has expired.' : useWords[handOver.link.usedBy ?? 'opened']}{' '}
                  Regenerate it before sending it again.
                </span>
              )}
            </p>
          </div>

          <div className="form-actions">
            <button ref={copyRef} type="button" className="button button-primary" onClick={() => void copy()}>
              <Copy aria-hidden="true" size={14} /> Copy link
            </button>
            <button type="button" className="button" onClick={() => void open()} disabled={busy === 'open'}>
              {busy === 'open' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <ExternalLink aria-hidden="true" size={14} />
              )}
              Open link
            </button>
            <button
              ref={sendRef}
              type="button"
              className="button"
              onClick={() => void sendInvite()}
              aria-disabled={busy === 'invite' || undefined}
              aria-busy={busy === 'invite' || undefined}
            >
              {busy === 'invite' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <Mail aria-hidden="true" size={14} />
              )}
              Send invite
            </button>
            {stale && (
              <button
                type="button"
                className="button"
                onClick={() => void regenerate()}
                disabled={busy === 'regenerate'}
              >
                {busy === 'regenerate' ? (
                  <span className="spinner" aria-hidden="true" />
                ) : (
                  <RefreshCw aria-hidden="true" size={14} />
                )}
                Regenerate link
              </button>
            )}
            {busy === 'invite' && <span className="muted">Getting a fresh link for the invite…</span>}
            {busy === 'regenerate' && <span className="muted">Asking Codat for a working link…</span>}
          </div>
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
          onUsed={(how) => {
            onLinkUsed('sent');
            // Recorded in the audit trail; a failure to record never blocks the hand-over.
            void linkdesk.invites.composed({ companyId, connectionId: connection.id, how });
          }}
          onRegenerate={fetchFreshLink}
          onClose={() => setComposer(null)}
          returnFocusTo={sendRef}
        />
      )}
    </section>
  );
}

function WatchReport(props: { snapshot: WatchSnapshot; platform: string; now: number; onCheckAgain(): void }) {
  const { snapshot, platform, now } = props;
  const linked = snapshot.phase !== 'authorising';
  return (
    <div className="watch" data-phase={snapshot.phase}>
      <div className="watch-status" role="status" aria-label="Watch">
        {linked ? (
          <p className="watch-linked">
            <CircleCheck aria-hidden="true" size={22} strokeWidth={2.4} />
            <span>
              <strong>Linked</strong>
              <span className="muted">
                {' '}
                The customer authorised {platform}
                {snapshot.linkedAt !== null && ` at ${formatDateTime(new Date(snapshot.linkedAt).toISOString())}`}.
                {snapshot.phase === 'syncing' ? ' Codat is reading their data now.' : ' The first sync has finished.'}
              </span>
            </span>
          </p>
        ) : (
          <p className="watch-waiting">
            {!snapshot.stopped && !snapshot.paused && <span className="spinner" aria-hidden="true" />}
            <span>
              {snapshot.stopped?.reason === 'time'
                ? 'Stopped checking after 15 minutes without an answer from the customer.'
                : snapshot.stopped
                  ? 'Stopped checking: Codat refused the last check.'
                  : 'Waiting for the customer to authorise…'}{' '}
              <span className="muted" aria-hidden="true">
                (checked {ageInWords(snapshot.lastCheckedAt, now)})
              </span>
            </span>
          </p>
        )}
        {snapshot.paused && (
          <p className="muted">Paused while Linkdesk is hidden; checking resumes when you come back.</p>
        )}
        {snapshot.retryAt !== null && snapshot.retryAt > now && (
          <p className="warning">
            Codat asked Linkdesk to slow down, so the next check is in {waitInWords(snapshot.retryAt, now)}.
          </p>
        )}
        {snapshot.lastError && snapshot.lastError.code !== 'rate_limited' && (
          <p className="warning">
            The last check failed ({snapshot.lastError.message}); trying again in a few seconds.
          </p>
        )}
      </div>
      {snapshot.stopped?.reason === 'error' && (
        <ErrorNotice error={snapshot.stopped.error} title="Linkdesk stopped watching this connection." />
      )}
      {snapshot.stopped && (
        <p className="watch-again">
          {snapshot.phase === 'syncing' && snapshot.stopped.reason === 'time' && (
            <span className="muted">The first sync had not finished after 15 minutes. </span>
          )}
          <button type="button" className="button" onClick={props.onCheckAgain}>
            <RefreshCw aria-hidden="true" size={14} /> Check again
          </button>
        </p>
      )}

      <div role="alert" className="attempt-errors-region">
        {snapshot.newErrors.length > 0 && (
          <div className="attempt-errors">
            <h3>
              <TriangleAlert aria-hidden="true" size={16} /> Since you handed over the link
            </h3>
            <ul>
              {snapshot.newErrors.map((error, index) => (
                <li key={`${error.erroredOnUtc ?? ''}-${index}`}>
                  <strong>{connectionErrorSummary(error)}</strong>
                  <span className="muted">{connectionErrorDetail(error, now)}</span>
                </li>
              ))}
            </ul>
            <p>
              That link is used up. If the customer wants to try again, regenerate the link and send it again; Linkdesk
              keeps watching.
            </p>
          </div>
        )}
      </div>

      {linked && <FirstSync progress={snapshot.sync} finished={snapshot.phase === 'synced'} />}
    </div>
  );
}

/** One notification for every data type that finished in the same poll. */
function syncNotification(platform: string, companyName: string, finished: SyncProgress[]): [string, string] {
  const [only] = finished;
  const title =
    finished.length === 1 && only
      ? `${platform}: ${dataTypeLabel(only.dataType)} ${syncStateWords[only.state].toLowerCase()}`
      : `${platform}: ${finished.length} data types finished`;
  const list = finished
    .map((item) => `${dataTypeLabel(item.dataType)} ${syncStateWords[item.state].toLowerCase()}`)
    .join(', ');
  return [title.slice(0, 200), `${companyName}: ${list}`.slice(0, 1000)];
}
