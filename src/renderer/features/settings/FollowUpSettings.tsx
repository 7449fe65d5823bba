/** How often main checks handed-over links, and which follow-ups are notified on the desktop. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { FollowUpSettings as Settings } from '@shared/contract';
import type { FollowUpNotify } from '@shared/domain/followup-notices';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { browserNotifications } from '@renderer/lib/browser-notifications';
import { useAppStore } from '@renderer/stores/app-store';
import { useFollowUpSettings } from './useSettings';

const intervals = [1, 2, 5, 10, 15];

const kinds: ReadonlyArray<{ name: keyof FollowUpNotify; label: string }> = [
  { name: 'linked', label: 'A customer linked their software' },
  { name: 'firstSync', label: 'A first sync finished or failed' },
  { name: 'expiringSoon', label: 'A link expires in 2 hours and has not been used' },
  { name: 'expired', label: 'A link expired unused' },
];

export function FollowUpSettings() {
  const headingId = useId();
  const intervalId = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const bridge = useFollowUpSettings();

  const load = async () => {
    setLoadError(null);
    const answer = await bridge.read();
    if (answer.ok) setSettings(answer.value);
    else setLoadError(answer.error);
  };
  useEffect(() => {
    void load(); // once, when shown
  }, []);

  const change = (next: Settings) => {
    setSettings(next);
    setSaved(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings || saving) return;
    setSaving(true);
    setSaveError(null);
    const answer = await bridge.save(settings);
    setSaving(false);
    if (answer.ok) {
      setSettings(answer.value);
      setSaved(true);
    } else setSaveError(answer.error);
  };

  return (
    <section className="card wide" aria-labelledby={headingId}>
      <h2 id={headingId}>Follow-ups</h2>
      <p className="field-hint section-intro">
        While Linkdesk runs it checks every handed-over link with Codat until the customer has linked and the first sync
        has finished, and tells you what happened in a desktop notification (several at once are one notification).
      </p>
      {loadError ? (
        <div>
          <ErrorNotice title="Could not read the follow-up settings." error={loadError} />
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : !settings ? (
        <p className="progress" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Reading the follow-up settings…
        </p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={intervalId}>Check every</label>
            <select
              id={intervalId}
              className="followup-interval"
              value={settings.checkEveryMinutes}
              onChange={(event) => change({ ...settings, checkEveryMinutes: Number(event.target.value) })}
            >
              {[...new Set([...intervals, settings.checkEveryMinutes])]
                .sort((a, b) => a - b)
                .map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes === 1 ? '1 minute' : `${minutes} minutes`}
                  </option>
                ))}
            </select>
            <p className="field-hint">
              While a link still works or a first sync runs. Reminders and expiries are on time whatever this says.
            </p>
          </div>
          <fieldset className="followup-kinds">
            <legend>Notify me when</legend>
            {kinds.map((kind) => (
              <label key={kind.name} className="choice">
                <input
                  type="checkbox"
                  checked={settings.notify[kind.name]}
                  onChange={(event) =>
                    change({ ...settings, notify: { ...settings.notify, [kind.name]: event.target.checked } })
                  }
                />
                {kind.label}
              </label>
            ))}
          </fieldset>
          <BrowserPermission />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              Save follow-up settings
            </button>
            <span role="status" className="success-message">
              {saving ? 'Saving…' : saved ? 'Saved. The next check uses these settings.' : ''}
            </span>
          </div>
          {saveError && <ErrorNotice title="Could not save the follow-up settings." error={saveError} />}
        </form>
      )}
    </section>
  );
}

/**
 * The browser console shows follow-ups with the browser's notifications once the user allows them (a browser
 * asks only on a click); until then, and where they are blocked, on the page.
 */
function BrowserPermission() {
  const host = useAppStore((state) => state.info?.host);
  const [permission, setPermission] = useState(() => browserNotifications()?.permission ?? null);
  if (host !== 'web' || permission === null || permission === 'granted') return null;
  if (permission === 'denied') {
    return (
      <p className="field-hint">
        This browser blocks Linkdesk’s notifications, so follow-ups are shown on the page instead. Allow them in the
        browser’s site settings to see them on the desktop.
      </p>
    );
  }
  return (
    <div className="form-actions followup-permission">
      <button
        type="button"
        className="button"
        onClick={() => void browserNotifications()?.requestPermission().then(setPermission)}
      >
        Turn on desktop notifications
      </button>
      <span className="field-hint">Until then, follow-ups are shown on the page.</span>
    </div>
  );
}
