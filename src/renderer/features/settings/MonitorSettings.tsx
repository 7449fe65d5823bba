/**
 * Settings › Monitor: whether the active profile's portfolio is watched in the background, how often, how much of
 * the day's Codat quota it may spend, and when an issue no longer seen counts as resolved. Per profile.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { monitorIntervals, monitorSettingsSchema, type MonitorSettings as Settings } from '@shared/domain/inbox';
import type { BridgeError } from '@shared/result';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { rangeOf } from '@renderer/components/NumberSettingsForm';
import { useMonitorSettings } from './useSettings';

const intervalWords: Record<(typeof monitorIntervals)[number], string> = {
  15: '15 min',
  30: '30 min',
  60: '1 hour',
  240: '4 hours',
};

/** The form's text fields as typed, checked on save. */
interface Draft {
  enabled: boolean;
  everyMinutes: Settings['everyMinutes'];
  dailyBudgetPercent: string;
  resolveAfterHours: string;
}

const draftOf = (settings: Settings): Draft => ({
  enabled: settings.enabled,
  everyMinutes: settings.everyMinutes,
  dailyBudgetPercent: String(settings.dailyBudgetPercent),
  resolveAfterHours: String(settings.resolveAfterHours),
});

// The bounds are the contract's, the same schema main checks a save with: the form cannot drift from main.
const budgetSchema = monitorSettingsSchema.shape.dailyBudgetPercent;
const resolveSchema = monitorSettingsSchema.shape.resolveAfterHours;
const budgetRange = rangeOf(budgetSchema);
const resolveRange = rangeOf(resolveSchema);
const inDays = (hours: number) => (hours % 24 === 0 ? ` (${hours / 24} days)` : '');

/** The number typed: a decimal comma reads as a point, and an empty field is no number (not zero). */
const numberIn = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

function problemsOf(draft: Draft): { budget: string | null; resolve: string | null } {
  return {
    budget: budgetSchema.safeParse(numberIn(draft.dailyBudgetPercent)).success
      ? null
      : `Enter a share between ${budgetRange.min} and ${budgetRange.max} (% of the day’s quota).`,
    resolve: resolveSchema.safeParse(numberIn(draft.resolveAfterHours)).success
      ? null
      : `Enter whole hours between ${resolveRange.min} and ${resolveRange.max}${inDays(resolveRange.max)}.`,
  };
}

export function MonitorSettings() {
  const headingId = useId();
  const ids = { every: useId(), budget: useId(), resolve: useId() };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const bridge = useMonitorSettings();

  const load = async () => {
    setLoadError(null);
    const answer = await bridge.read();
    if (answer.ok) setDraft(draftOf(answer.value));
    else setLoadError(answer.error);
  };
  /**
   * Saved elsewhere (the tray paused or resumed monitoring): show the switch as main has it, and keep whatever the user
   * has typed in the other fields.
   */
  const followSaved = async () => {
    const answer = await bridge.read();
    if (!answer.ok) return;
    setDraft((current) => (current ? { ...current, enabled: answer.value.enabled } : draftOf(answer.value)));
  };
  useEffect(() => {
    void load();
    const offProfile = bridge.onProfileChange(() => {
      setDraft(null);
      setSaved(false);
      setShowProblems(false);
      void load();
    });
    const offSaved = bridge.onSaved(() => void followSaved());
    return () => {
      offProfile();
      offSaved();
    };
  }, []);

  const change = (patch: Partial<Draft>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setSaved(false);
  };
  const problems = draft ? problemsOf(draft) : { budget: null, resolve: null };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || saving) return;
    if (problems.budget || problems.resolve) {
      setShowProblems(true);
      document.getElementById(problems.budget ? ids.budget : ids.resolve)?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    const answer = await bridge.save({
      enabled: draft.enabled,
      everyMinutes: draft.everyMinutes,
      dailyBudgetPercent: numberIn(draft.dailyBudgetPercent),
      resolveAfterHours: numberIn(draft.resolveAfterHours),
    });
    setSaving(false);
    if (answer.ok) {
      setDraft(draftOf(answer.value));
      setShowProblems(false);
      setSaved(true);
    } else setSaveError(answer.error);
  };

  const budgetProblem = showProblems ? problems.budget : null;
  const resolveProblem = showProblems ? problems.resolve : null;
  return (
    <section className="card wide" aria-labelledby={headingId}>
      <h2 id={headingId}>Monitor</h2>
      <p className="field-hint section-intro">
        While Linkdesk runs it can check the whole portfolio in the background and keep what it finds in the Inbox.
        These settings are the active profile’s own; monitoring is off by default for Production profiles until you turn
        it on here.
      </p>
      {loadError ? (
        <div>
          <ErrorNotice title="Could not read the monitor settings." error={loadError} />
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : !draft ? (
        <p className="progress" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Reading the monitor settings…
        </p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(event) => change({ enabled: event.target.checked })}
            />
            Monitor in the background
          </label>
          <div className="field">
            <label htmlFor={ids.every}>Check every</label>
            <select
              id={ids.every}
              className="followup-interval"
              value={draft.everyMinutes}
              onChange={(event) => change({ everyMinutes: Number(event.target.value) as Draft['everyMinutes'] })}
            >
              {monitorIntervals.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {intervalWords[minutes]}
                </option>
              ))}
            </select>
            <p className="field-hint">A round lists the companies and looks closer only where something changed.</p>
          </div>
          <div className="field">
            <label htmlFor={ids.budget}>Daily budget (% of the day’s quota)</label>
            <input
              id={ids.budget}
              type="text"
              inputMode="decimal"
              className="whole-number-input"
              value={draft.dailyBudgetPercent}
              onChange={(event) => change({ dailyBudgetPercent: event.target.value })}
              aria-invalid={budgetProblem !== null || undefined}
              aria-describedby={`${ids.budget}-hint`}
            />
            <p id={`${ids.budget}-hint`} className={budgetProblem ? 'field-error' : 'field-hint'}>
              {budgetProblem ??
                'Never exceeded: when it is spent, the round stops and says so, and the next day starts afresh.'}
            </p>
          </div>
          <div className="field">
            <label htmlFor={ids.resolve}>Resolve after (hours)</label>
            <input
              id={ids.resolve}
              type="text"
              inputMode="numeric"
              className="whole-number-input"
              value={draft.resolveAfterHours}
              onChange={(event) => change({ resolveAfterHours: event.target.value })}
              aria-invalid={resolveProblem !== null || undefined}
              aria-describedby={`${ids.resolve}-hint`}
            />
            <p id={`${ids.resolve}-hint`} className={resolveProblem ? 'field-error' : 'field-hint'}>
              {resolveProblem ?? 'An issue not seen for this long is resolved; it comes back as New if seen again.'}
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              Save monitor settings
            </button>
            <span role="status" className="success-message">
              {saving ? 'Saving…' : saved ? 'Saved. The next round uses these settings.' : ''}
            </span>
          </div>
          {saveError && <ErrorNotice title="Could not save the monitor settings." error={saveError} />}
        </form>
      )}
    </section>
  );
}
