import { useEffect, useId, useState, type FormEvent } from 'react';
import { missingPlaceholders } from '@shared/domain/invite';
import { defaultInviteTemplate } from '@shared/settings-defaults';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { useInviteSettings } from './useSettings';

/** The invite email template, with {customer}, {platform}, {link} and {sender}; kept in settings by main. */
export function InviteTemplateEditor() {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [sender, setSender] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const helpId = useId();
  const inviteSettings = useInviteSettings();

  useEffect(() => {
    void inviteSettings.read().then((result) => {
      if (!result.ok) return setFailure(result.error);
      setSubject(result.value.template.subject);
      setBody(result.value.template.body);
      setSender(result.value.sender);
      setLoaded(true);
    });
  }, [inviteSettings]);

  const missing = missingPlaceholders({ subject, body });
  const linkMissing = missing.includes('link');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (linkMissing) return;
    setBusy(true);
    setMessage('');
    const result = await inviteSettings.save({ template: { subject, body }, sender });
    setBusy(false);
    if (result.ok) setMessage('Invite template saved.');
    else setFailure(result.error);
  };

  return (
    <section className="card wide" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite email</h2>
      <p id={helpId} className="field-hint">
        Placeholders: <code>{'{customer}'}</code> the company name, <code>{'{platform}'}</code> the platform,{' '}
        <code>{'{link}'}</code> the one-time connection link, <code>{'{sender}'}</code> your name below. Tell the
        customer the link works once and for 24 hours.
      </p>
      {!loaded && !failure && <p aria-busy="true">Loading the template…</p>}
      {failure && !loaded && <ErrorNotice error={failure} title="The invite template could not be loaded." />}
      {loaded && (
        <form onSubmit={save} noValidate>
          <Field label="Sender name">
            {(control) => (
              <input
                {...control}
                value={sender}
                onChange={(event) => setSender(event.target.value)}
                placeholder="Priya Shah, Harbour Finance"
              />
            )}
          </Field>
          <Field label="Invite subject" describedBy={helpId}>
            {(control) => <input {...control} value={subject} onChange={(event) => setSubject(event.target.value)} />}
          </Field>
          <Field
            label="Invite message"
            describedBy={helpId}
            // A placeholder left out is worth a word; a template without {link} cannot be saved.
            hint={
              linkMissing || missing.length === 0 ? null : `Not used: ${missing.map((name) => `{${name}}`).join(', ')}.`
            }
            hintClassName="warning"
            error={
              linkMissing ? 'The template must contain {link}: without it the customer has nothing to click.' : null
            }
          >
            {(control) => (
              <textarea {...control} value={body} rows={10} onChange={(event) => setBody(event.target.value)} />
            )}
          </Field>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || linkMissing}
              onMouseDown={(event) => event.preventDefault()}
            >
              Save invite template
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSubject(defaultInviteTemplate.subject);
                setBody(defaultInviteTemplate.body);
              }}
            >
              Restore the default
            </button>
            <span className="success-message" role="status">
              {message}
            </span>
          </div>
          {/* Below the buttons, so that it never moves them. */}
          {failure && <ErrorNotice error={failure} title="The invite template could not be saved." />}
        </form>
      )}
    </section>
  );
}
