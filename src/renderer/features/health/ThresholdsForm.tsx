/** When the scan calls something a problem: four numbers, kept by main, applied by the next scan. */
import { memo, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { defaultThresholds, healthThresholdsSchema, type HealthThresholds } from '../../../shared/domain/health';
import type { BridgeError } from '../../../shared/result';
import { linkdesk } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { numberFormat } from './health-format';

type Field = keyof HealthThresholds;

const fields: ReadonlyArray<{ name: Field; label: string; unit: 'hours' | 'days'; hint: string }> = [
  {
    name: 'pendingAuthHours',
    label: 'Pending authorisation after (hours)',
    unit: 'hours',
    hint: 'A connection still waiting for the customer to authorise after this long is flagged.',
  },
  {
    name: 'syncStuckHours',
    label: 'Sync stuck after (hours)',
    unit: 'hours',
    hint: 'A sync still in progress after this long is stuck, or its desktop connector is not running.',
  },
  {
    name: 'staleDays',
    label: 'Stale after (days)',
    unit: 'days',
    hint: 'No successful sync for this long risks the platform token expiring.',
  },
  {
    name: 'closerLookHours',
    label: 'Look closer after (hours)',
    unit: 'hours',
    hint: 'Linked connections not synced for this long get a closer look (one or two more requests each).',
  },
];

/** The allowed range, from the same schema main checks with. */
function rangeOf(name: Field): { min: number; max: number } {
  const schema = healthThresholdsSchema.shape[name];
  return { min: schema.minValue ?? 1, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

function problemWith(name: Field, unit: string, text: string): string | null {
  const trimmed = text.trim();
  const { min, max } = rangeOf(name);
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    return `Enter a number of ${unit}, such as ${numberFormat.format(defaultThresholds[name])}.`;
  }
  if (value < min || value > max) {
    return `Use from ${numberFormat.format(min)} to ${numberFormat.format(max)} ${unit}.`;
  }
  return null;
}

type Texts = Record<Field, string>;
const asTexts = (thresholds: HealthThresholds): Texts => ({
  pendingAuthHours: String(thresholds.pendingAuthHours),
  syncStuckHours: String(thresholds.syncStuckHours),
  staleDays: String(thresholds.staleDays),
  closerLookHours: String(thresholds.closerLookHours),
});

/** Memoised: it has no props, so the scan's progress (re-rendering the panel around it) leaves it alone. */
export const ThresholdsForm = memo(function ThresholdsForm() {
  const baseId = useId();
  const [texts, setTexts] = useState<Texts | null>(null);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const [saved, setSaved] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  const load = async () => {
    setLoadError(null);
    const answer = await linkdesk.health.thresholds();
    if (answer.ok) setTexts(asTexts(answer.value));
    else setLoadError(answer.error);
  };
  useEffect(() => {
    void load();
  }, []);

  const change = (name: Field, unit: string, text: string) => {
    setTexts((current) => (current ? { ...current, [name]: text } : current));
    setSaved(false);
    // A message already shown updates as the user fixes it; a new one waits for Save. (Not on blur: a message
    // appearing then would move the Save button out from under the pointer between press and release.)
    if (errors[name]) setErrors((current) => ({ ...current, [name]: problemWith(name, unit, text) ?? undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!texts || saving) return;
    const found: Partial<Record<Field, string>> = {};
    for (const { name, unit } of fields) {
      const problem = problemWith(name, unit, texts[name]);
      if (problem) found[name] = problem;
    }
    setErrors(found);
    const firstWrong = fields.find(({ name }) => found[name]);
    if (firstWrong) {
      inputs.current[firstWrong.name]?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    const answer = await linkdesk.health.saveThresholds({
      pendingAuthHours: Number(texts.pendingAuthHours),
      syncStuckHours: Number(texts.syncStuckHours),
      staleDays: Number(texts.staleDays),
      closerLookHours: Number(texts.closerLookHours),
    });
    setSaving(false);
    if (answer.ok) {
      setTexts(asTexts(answer.value));
      setSaved(true);
    } else setSaveError(answer.error);
  };

  return (
    <details className="thresholds">
      <summary>Thresholds</summary>
      <div className="thresholds-body">
        <p className="field-hint">
          When the scan calls a connection a problem. Changes apply from the next scan: scan all companies again to see
          them.
        </p>
        {loadError ? (
          <div>
            <ErrorNotice title="Could not read the thresholds" error={loadError} />
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        ) : !texts ? (
          <p className="progress">
            <span className="spinner" aria-hidden="true" /> Reading the thresholds…
          </p>
        ) : (
          <form className="thresholds-form" noValidate onSubmit={(event) => void submit(event)}>
            <div className="thresholds-fields">
              {fields.map(({ name, label, unit, hint }) => {
                const id = `${baseId}-${name}`;
                const { min, max } = rangeOf(name);
                const error = errors[name];
                return (
                  <div className="field" key={name}>
                    <label htmlFor={id}>{label}</label>
                    <input
                      ref={(element) => {
                        inputs.current[name] = element;
                      }}
                      id={id}
                      type="number"
                      inputMode="decimal"
                      min={min}
                      max={max}
                      step="any"
                      value={texts[name]}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                      onChange={(event) => change(name, unit, event.target.value)}
                    />
                    <p id={`${id}-hint`} className="field-hint">
                      {hint}
                    </p>
                    {error && (
                      <p id={`${id}-error`} className="field-error">
                        {error}
                      </p>
                    )}
                  </div>
                );
              })}
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                Save thresholds
              </button>
              <span role="status" className="thresholds-status">
                {saving ? 'Saving…' : saved ? 'Saved. Scan all companies again to apply them.' : ''}
              </span>
            </div>
            {saveError && <ErrorNotice title="Could not save the thresholds" error={saveError} />}
          </form>
        )}
      </div>
    </details>
  );
});
