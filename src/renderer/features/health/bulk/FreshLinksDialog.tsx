/**
 * The fresh links being created and what came of them: progress and Cancel while it runs, then the links (with
 * "Export mail merge CSV" and "Compose invites", one invite after another in the usual composer) and the
 * failures, each with Codat's correlation ID. Loaded only when used.
 */
import { Download, Mail } from 'lucide-react';
import { useRef, useState, type RefObject } from 'react';
import type { BridgeError, Result } from '@shared/result';
import { InviteComposer, type HandOverLink } from '@renderer/app/invite-composer';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Modal } from '@renderer/components/Modal';
import { datedFileName } from '@renderer/lib/csv';
import { downloadCsv } from '@renderer/lib/download';
import { formatDateTime } from '@renderer/lib/format';
import { numberFormat } from '../health-format';
import { mailMergeCsv, type FreshLinkDone } from './fresh-links';
import { useFreshLinkInvites, type InviteSettings } from './useFreshLinkInvites';
import type { FreshLinkRun } from './useFreshLinkRun';

interface FreshLinksDialogProps {
  run: FreshLinkRun;
  onCancel(): void;
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

export default function FreshLinksDialog({ run, onCancel, onClose, returnFocusTo }: FreshLinksDialogProps) {
  /** Which link's invite is next (or open), while composing invites one after another. */
  const [inviting, setInviting] = useState<{ index: number; open: boolean } | null>(null);
  const [settings, setSettings] = useState<InviteSettings | null>(null);
  const invites = useFreshLinkInvites();
  /** Links swapped in by "Regenerate link" in the composer, by connection. */
  const [links, setLinks] = useState<Record<string, HandOverLink>>({});
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const [sent, setSent] = useState(0);
  const nextRef = useRef<HTMLButtonElement>(null);
  const running = run.state === 'running';
  const done = run.done;

  const linkOf = (item: FreshLinkDone): HandOverLink =>
    links[item.target.key] ?? {
      url: item.link.url,
      issuedAt: Date.parse(item.link.handOver.link.issuedAt),
      usedBy: null,
    };

  const openComposer = async (index: number) => {
    setFailure(null);
    if (!settings) {
      const result = await invites.settings();
      if (!result.ok) {
        setFailure(result.error);
        return;
      }
      setSettings(result.value);
    }
    setInviting({ index, open: true });
  };
  const advance = (from: number) => {
    if (from + 1 >= done.length) setInviting(null);
    else setInviting({ index: from + 1, open: false });
  };

  const current = inviting ? done[inviting.index] : undefined;
  if (inviting?.open && current && settings) {
    const item = current;
    const regenerate = async (): Promise<Result<HandOverLink>> => {
      const result = await invites.regenerate(item.target);
      if (result.ok) setLinks((known) => ({ ...known, [item.target.key]: result.value }));
      return result;
    };
    return (
      <InviteComposer
        key={item.target.key}
        companyName={item.link.handOver.company.name}
        platformName={item.link.handOver.connection.platformName}
        settings={settings}
        link={linkOf(item)}
        // Addressed to whoever the last invite for this connection went to, if one did.
        initialRecipient={item.link.lastRecipient ?? ''}
        onUsed={(how, recipient) => {
          setSent((count) => count + 1);
          setLinks((known) => ({ ...known, [item.target.key]: { ...linkOf(item), usedBy: 'sent' } }));
          invites.composed(item.target, how, recipient);
        }}
        onRegenerate={regenerate}
        onClose={() => advance(inviting.index)}
        returnFocusTo={nextRef}
      />
    );
  }

  const title = running
    ? 'Creating fresh links'
    : `${numberFormat.format(done.length)} fresh ${done.length === 1 ? 'link' : 'links'}`;
  return (
    <Modal
      title={title}
      subtitle="Each link works once, for 24 hours."
      onClose={running ? onCancel : onClose}
      closeButton={!running}
      returnFocusTo={returnFocusTo}
      {...(inviting ? { initialFocus: nextRef } : {})}
      className="fresh-links-dialog"
    >
      <div className="modal-body">
        <div className="fresh-links-progress">
          <progress max={run.total} value={run.finished} aria-label="Fresh links created" />
          <p role="status">
            {numberFormat.format(run.finished)} of {numberFormat.format(run.total)}
            {run.state === 'cancelled' && ': cancelled, the links already created stay'}
            {run.state === 'stopped_for_quota' &&
              `: stopped, ${numberFormat.format(run.quotaRemaining ?? 0)} of today’s Codat requests are left for your team`}
            {run.cancelling && ': cancelling, waiting for the links already asked for'}
          </p>
          {running && (
            <button type="button" className="button" onClick={onCancel} aria-disabled={run.cancelling || undefined}>
              Cancel
            </button>
          )}
        </div>
        {run.notStarted.length > 0 && (
          <p className="muted">
            Not asked for: {run.notStarted.map((target) => target.companyName).join(', ')}. They stay selected.
          </p>
        )}

        {!running && done.length > 0 && (
          <>
            <div className="form-actions">
              <button
                type="button"
                className="button"
                onClick={() => downloadCsv(mailMergeCsv(done), datedFileName('fresh-links'))}
              >
                <Download aria-hidden="true" size={14} />
                Export mail merge CSV
              </button>
              <button type="button" className="button button-primary" onClick={() => void openComposer(0)}>
                <Mail aria-hidden="true" size={14} />
                Compose invites
              </button>
            </div>
            {inviting && current && (
              <div className="fresh-links-next" role="group" aria-label="Next invite">
                <p>
                  Invite {inviting.index + 1} of {done.length}: {current.link.handOver.company.name} (
                  {current.link.handOver.connection.platformName})
                </p>
                <button
                  ref={nextRef}
                  type="button"
                  className="button button-primary"
                  onClick={() => void openComposer(inviting.index)}
                >
                  Compose invite {inviting.index + 1} of {done.length}
                </button>
                <button type="button" className="button" onClick={() => advance(inviting.index)}>
                  Skip
                </button>
                <button type="button" className="button" onClick={() => setInviting(null)}>
                  Stop
                </button>
              </div>
            )}
            {sent > 0 && (
              <p className="muted" role="status">
                {numberFormat.format(sent)} {sent === 1 ? 'invite' : 'invites'} sent or copied.
              </p>
            )}
            {failure && <ErrorNotice title="Could not read the invite template." error={failure} />}
            <ul className="fresh-links-list" aria-label="Fresh links created">
              {done.map((item) => (
                <li key={item.target.key}>
                  <span className="fresh-links-company">{item.link.handOver.company.name}</span>
                  <span className="muted"> · {item.link.handOver.connection.platformName}</span>
                  <span className="muted">
                    {' '}
                    · expires <time dateTime={item.link.expiresAt}>{formatDateTime(item.link.expiresAt)}</time>
                  </span>
                  {item.link.lastRecipient && (
                    <span className="muted"> · last invite to {item.link.lastRecipient}</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}

        {run.failed.length > 0 && (
          <section aria-label="Failed" className="fresh-links-failed">
            <h3>{numberFormat.format(run.failed.length)} could not be created; they stay selected to try again</h3>
            {run.failed.map((item) => (
              <ErrorNotice
                key={item.target.key}
                title={`${item.target.companyName} (${item.target.platformName})`}
                error={item.error}
              />
            ))}
          </section>
        )}
      </div>
    </Modal>
  );
}
