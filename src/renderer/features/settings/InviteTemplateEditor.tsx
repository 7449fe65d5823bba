import { useEffect, useId, useState, type FormEvent } from 'react';
import { defaultInviteTemplate, missingPlaceholders } from '@shared/domain/invite';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { ErrorNotice } from '@renderer/components/ErrorNotice';

/** The invite email template, with {customer}, {platform}, {link} and {sender}; kept in settings by main. */
export function InviteTemplateEditor() {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [sender, setSender] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { subject: useId(), body: useId(), sender: useId(), help: useId() };

  useEffect(() => {
    void linkdesk.invites.settings().then((result) => {
      if (!result.ok) return setFailure(result.error);
      setSubject(result.value.template.subject);
      setBody(result.value.template.body);
      setSender(result.value.sender);
      setLoaded(true);
    });
  }, []);

  const missing = missingPlaceholders({ subject, body });
  const linkMissing = missing.includes('link');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (linkMissing) return;
    setBusy(true);
    setMessage('');
    const result = await linkdesk.invites.saveSettings({ template: { subject, body }, sender });
    setBusy(false);
    if (result.ok) setMessage('Invite template saved.');
    else setFailure(result.error);
  };

  return (
    <section className="card wide" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite email</h2>
      <p id={ids.help} className="field-hint">
        Placeholders: <code>{'{customer}'}</code> the company name, <code>{'{platform}'}</code> the platform,{' '}
        <code>{'{link}'}</code> the one-time connection link, <code>{'{sender}'}</code> your name below. Tell the
        customer the link works once and for 24 hours.
      </p>
      {!loaded && !failure && <p aria-busy="true">Loading the template…</p>}
      {failure && <ErrorNotice error={failure} title="The invite template could not be loaded or saved." />}
      {loaded && (
        <form onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor={ids.sender}>Sender name</label>
            <input
              id={ids.sender}
              value={sender}
              onChange={(event) => setSender(event.target.value)}
              placeholder="Priya Shah, Harbour Finance"
            />
          </div>
          <div className="field">
            <label htmlFor={ids.subject}>Invite subject</label>
            <input
              id={ids.subject}
              value={subject}
              onChange={(event) => setSubject(event.target.value)}
              aria-describedby={ids.help}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.body}>Invite message</label>
            <textarea
              id={ids.body}
              value={body}
              rows={10}
              onChange={(event) => setBody(event.target.value)}
              aria-invalid={linkMissing}
              aria-describedby={`${ids.help}${missing.length ? ` ${ids.body}-missing` : ''}`}
            />
            {missing.length > 0 && (
              <p id={`${ids.body}-missing`} className={linkMissing ? 'field-error' : 'field-hint warning'}>
                {linkMissing
                  ? 'The template must contain {link}: without it the customer has nothing to click.'
                  : `Not used: ${missing.map((name) => `{${name}}`).join(', ')}.`}
              </p>
            )}
          </div>
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
        </form>
      )}
    </section>
  );
}
