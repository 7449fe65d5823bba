import { useId, useState, type FormEvent } from 'react';
import { profileInputSchema, type ProfileSummary } from '@shared/contract';
import { addressNeedsNewKey } from '@shared/domain/profiles';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { useProfilesStore } from '@renderer/stores/profiles-store';

type FieldName = 'name' | 'baseUrl' | 'apiKey' | 'storage';

interface Props {
  /** The profile being edited; a new one when absent. */
  editing?: ProfileSummary;
  secretLevel: 'os_keychain' | 'weak' | 'session_only';
  onDone(message: string): void;
  onCancel(): void;
}

/** Add or edit a profile. Fields are explained before submit; a refused key loses nothing typed. */
export function ProfileForm({ editing, secretLevel, onDone, onCancel }: Props) {
  const save = useProfilesStore((state) => state.save);
  const [name, setName] = useState(editing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? 'https://api.codat.io');
  const [environment, setEnvironment] = useState<'test' | 'production'>(
    editing?.environment === 'production' ? 'production' : 'test',
  );
  const [apiKey, setApiKey] = useState('');
  const [storage, setStorage] = useState<'weak' | 'session_only' | ''>(
    secretLevel === 'session_only' ? 'session_only' : '',
  );
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const ids = { name: useId(), env: useId(), storage: useId() };

  const addressMoved = !!editing && addressNeedsNewKey(editing.baseUrl, baseUrl);
  const needsKey = !editing || editing.keyStatus !== 'ready' || addressMoved;
  const needsStorage = secretLevel !== 'os_keychain' && apiKey.trim() !== '';
  const input = {
    ...(editing ? { id: editing.id } : {}),
    name,
    baseUrl,
    environment,
    ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
    ...(needsStorage && storage ? { storage } : {}),
  };
  const parsed = profileInputSchema.safeParse(input);
  const errors: Partial<Record<FieldName, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FieldName;
      errors[field] ??= issue.message;
    }
  }
  if (needsKey && !apiKey.trim())
    errors.apiKey ??= addressMoved
      ? 'Enter the API key for the new address.'
      : editing
        ? 'Enter the key again: the stored one cannot be used.'
        : 'Paste the API key from the Codat Portal.';
  if (needsStorage && !storage) errors.storage = 'Choose how Linkdesk should keep this key.';
  const shown = (field: FieldName) => (touched[field] || submitted ? errors[field] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0 || !parsed.success) return;
    setBusy(true);
    setFailure(null);
    const result = await save(parsed.data);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    setApiKey('');
    onDone(editing ? `Saved ${result.value.name}.` : `Added ${result.value.name}; Codat accepted its key.`);
  };

  const touch = (field: FieldName) => setTouched((state) => ({ ...state, [field]: true }));

  return (
    <form className="card profile-form" onSubmit={submit} noValidate aria-labelledby={`${ids.name}-heading`}>
      <h3 id={`${ids.name}-heading`}>{editing ? `Edit ${editing.name}` : 'New profile'}</h3>
      <Field label="Profile name" error={shown('name')}>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => touch('name')}
            placeholder="Production"
            autoFocus
          />
        )}
      </Field>
      <Field label="Base URL" error={shown('baseUrl')}>
        {(control) => (
          <input
            {...control}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            onBlur={() => touch('baseUrl')}
            inputMode="url"
            spellCheck={false}
          />
        )}
      </Field>
      <fieldset className="field">
        <legend>Environment</legend>
        <label className="choice">
          <input type="radio" name={ids.env} checked={environment === 'test'} onChange={() => setEnvironment('test')} />{' '}
          Test client
        </label>
        <label className="choice">
          <input
            type="radio"
            name={ids.env}
            checked={environment === 'production'}
            onChange={() => setEnvironment('production')}
          />{' '}
          Production
        </label>
        {environment === 'production' && (
          <p className="field-hint warning">
            Production profiles act on real customers’ connections. The status bar shows them in red.
          </p>
        )}
      </fieldset>
      <Field
        label="API key"
        hint={
          addressMoved
            ? 'The address now points to another host: enter the API key for it. A stored key is never sent to another host.'
            : editing && !needsKey
              ? `Leave empty to keep the current key (${editing.keyHint ?? 'stored'}).`
              : 'The raw key or the ready-made “Basic …” header from the Codat Portal. Linkdesk checks it with Codat before keeping it.'
        }
        error={shown('apiKey')}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            onBlur={() => touch('apiKey')}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      {needsStorage && (
        <fieldset className="field" aria-describedby={shown('storage') ? `${ids.storage}-error` : undefined}>
          <legend>How to keep the key</legend>
          <p className="field-hint">
            {secretLevel === 'weak'
              ? 'No keyring protects stored keys on this computer.'
              : 'This computer cannot encrypt stored keys.'}
          </p>
          <label className="choice">
            <input
              type="radio"
              name={ids.storage}
              checked={storage === 'session_only'}
              onChange={() => setStorage('session_only')}
            />{' '}
            For this session only (asked again next time)
          </label>
          {secretLevel === 'weak' && (
            <label className="choice">
              <input type="radio" name={ids.storage} checked={storage === 'weak'} onChange={() => setStorage('weak')} />{' '}
              Stored with weak protection (readable by anything running as your user)
            </label>
          )}
          {shown('storage') && (
            <p id={`${ids.storage}-error`} className="field-error">
              {shown('storage')}
            </p>
          )}
        </fieldset>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={busy}
          aria-describedby={busy ? `${ids.name}-busy` : undefined}
          // Keep focus where it is on press: a blur here would show field errors and move this button
          // out from under the pointer before the click lands.
          onMouseDown={(event) => event.preventDefault()}
        >
          Save profile
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        {busy && (
          <span id={`${ids.name}-busy`} className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Checking the key with Codat…
          </span>
        )}
      </div>
      {/* Below the buttons, so that it never moves them. */}
      {failure && <ErrorNotice error={failure} title="The profile was not saved." />}
    </form>
  );
}
