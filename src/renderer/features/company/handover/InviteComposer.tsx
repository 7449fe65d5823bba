import { Copy, Mail, RefreshCw } from 'lucide-react';
import { useId, useRef, useState, type RefObject } from 'react';
import type { OperationOutput } from '@shared/contract';
import { emailProblem, mailtoUrl, renderInvite } from '@shared/domain/invite';
import type { BridgeError, Result } from '@shared/result';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { useNow } from '@renderer/hooks/useNow';
import { linkMayBeSpent, type HandOverLink } from './hand-over';
import { useOpenExternal } from './useOpenExternal';
import { Modal } from '@renderer/components/Modal';

interface InviteComposerProps {
  companyName: string;
  platformName: string;
  settings: OperationOutput<'invites.settings'>;
  /** The fresh link read right before the composer opened. */
  link: HandOverLink;
  /** The invite left the composer (mail app or clipboard), to this recipient ('' if none): for the link's state, the audit trail and follow-ups. */
  onUsed(how: 'email_app' | 'copied', recipient: string): void;
  onRegenerate(): Promise<Result<HandOverLink>>;
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
  /** Who to address it to at first (the last recipient, when a fresh link follows an earlier invite). */
  initialRecipient?: string;
}

export function InviteComposer(props: InviteComposerProps) {
  const { link, onUsed, onClose, returnFocusTo } = props;
  const bodyId = useId();
  const reasonId = useId();
  const recipientRef = useRef<HTMLInputElement>(null);
  const openExternal = useOpenExternal();
  const now = useNow(30_000);
  const [initial] = useState(() =>
    renderInvite(props.settings.template, {
      customer: props.companyName,
      platform: props.platformName,
      link: link.url,
      sender: props.settings.sender.trim() || 'Your account manager',
    }),
  );
  const [recipient, setRecipient] = useState(props.initialRecipient ?? '');
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body);
  // Say what is wrong with the address only once the user has left the field (or tried to send).
  const [checkAddress, setCheckAddress] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  const [busy, setBusy] = useState<'open' | 'regenerate' | null>(null);

  const problem = emailProblem(recipient);
  const showProblem = checkAddress && problem !== null;
  const canOpen = problem === null;
  // Copying works without a recipient (it is pasted into another mail), but not with a wrong one.
  const canCopy = recipient.trim() === '' || problem === null;
  // Only where the link may really be spent: sending this invite (or copying it) spends nothing by itself.
  const stale = linkMayBeSpent(link, now);
  // An invite without its link is useless; say so rather than block (the user may paste it elsewhere).
  const linkMissing = !body.includes(link.url);

  const openInEmailApp = async () => {
    if (busy) return;
    if (problem) {
      setCheckAddress(true);
      recipientRef.current?.focus();
      return;
    }
    setBusy('open');
    setFailure(null);
    setMessage('');
    const result = await openExternal(mailtoUrl(recipient, { subject, body }));
    setBusy(null);
    if (!result.ok) {
      setFailure({ title: 'Could not open your email app.', error: result.error });
      return;
    }
    onUsed('email_app', recipient.trim());
    setMessage('Opened in your email app: check the message there and press Send.');
  };

  const copyInvite = async () => {
    if (!canCopy) {
      setCheckAddress(true);
      return;
    }
    try {
      await navigator.clipboard.writeText(`Subject: ${subject}\n\n${body}`);
      onUsed('copied', problem === null ? recipient.trim() : '');
      setMessage('Invite copied: paste it into an email to the customer.');
    } catch {
      setMessage('Could not copy: select the message text and press Ctrl+C (Cmd+C on a Mac).');
    }
  };

  const regenerate = async () => {
    if (busy) return;
    setBusy('regenerate');
    setFailure(null);
    setMessage('');
    const previous = link.url;
    const result = await props.onRegenerate();
    setBusy(null);
    if (!result.ok) {
      setFailure({ title: 'Could not get a fresh link from Codat.', error: result.error });
      return;
    }
    const fresh = result.value;
    // The link may have been edited around, so swap it wherever it appears.
    setSubject((text) => text.split(previous).join(fresh.url));
    setBody((text) => text.split(previous).join(fresh.url));
    setMessage(
      fresh.url === previous
        ? 'The link is unchanged: it has not been used yet.'
        : 'The invite now carries a new link.',
    );
  };

  // Why the buttons are disabled; the field itself says what is wrong with the address.
  const disabledReason = canOpen
    ? ''
    : recipient.trim() === ''
      ? 'Enter the recipient’s email address to open the invite in your email app; “Copy invite” works without one.'
      : 'Correct the recipient’s address to open or copy the invite.';

  return (
    <Modal
      title="Invite email"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      initialFocus={recipientRef}
      className="composer"
    >
      <form
        noValidate
        className="modal-body composer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void openInEmailApp();
        }}
      >
        <Field label="Recipient email" error={showProblem ? problem : null}>
          {(control) => (
            <input
              {...control}
              ref={recipientRef}
              type="email"
              value={recipient}
              autoComplete="email"
              spellCheck={false}
              onChange={(event) => setRecipient(event.target.value)}
              onBlur={() => setCheckAddress(true)}
            />
          )}
        </Field>
        <Field label="Subject">
          {(control) => (
            <input {...control} type="text" value={subject} onChange={(event) => setSubject(event.target.value)} />
          )}
        </Field>
        <div className="field">
          <label htmlFor={bodyId}>Message</label>
          <textarea id={bodyId} rows={11} value={body} onChange={(event) => setBody(event.target.value)} />
          <p className="field-hint">
            The link works once and for 24 hours. Customers trust an invite from someone they know: send it from your
            own mailbox.
          </p>
          {linkMissing && <p className="field-hint warning">The message no longer contains the connection link.</p>}
        </div>
        <div className="form-actions">
          <ActionButton
            Icon={Mail}
            busy={busy === 'open'}
            type="submit"
            className="button button-primary"
            // Busy is said, not enforced by disabling: a disabled button drops the keyboard focus to the page.
            disabled={!canOpen}
            aria-disabled={busy === 'open' || undefined}
            aria-busy={busy === 'open' || undefined}
            aria-describedby={disabledReason ? reasonId : undefined}
          >
            Open in email app
          </ActionButton>
          <button
            type="button"
            className="button"
            disabled={!canCopy}
            aria-describedby={!canCopy ? reasonId : undefined}
            onClick={() => void copyInvite()}
          >
            <Copy aria-hidden="true" size={14} /> Copy invite
          </button>
          {stale && (
            <ActionButton
              Icon={RefreshCw}
              busy={busy === 'regenerate'}
              aria-disabled={busy === 'regenerate' || undefined}
              aria-busy={busy === 'regenerate' || undefined}
              onClick={() => void regenerate()}
            >
              Regenerate link
            </ActionButton>
          )}
        </div>
        {disabledReason && (
          <p id={reasonId} className="field-hint">
            {disabledReason}
          </p>
        )}
        {/* Below the buttons, so that it never moves them. */}
        {stale && (
          <p className="warning composer-stale">
            This link may already have been used. If the customer says it does not work, regenerate it and send the
            invite again.
          </p>
        )}
        <p className="action-message" role="status">
          {message}
        </p>
        {failure && <ErrorNotice error={failure.error} title={failure.title} />}
      </form>
    </Modal>
  );
}
