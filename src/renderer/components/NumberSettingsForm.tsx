/**
 * A small form of numeric settings kept by main (health thresholds, the branding cache): read, edit, explain
 * each wrong field before anything is sent, focus the first one, save, and say what happened.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BridgeError, Result } from '@shared/result';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';

export interface NumberField<F extends string> {
  name: F;
  label: string;
  hint: string;
  min: number;
  max: number;
}

/** A field's allowed range, read from the same zod schema main checks with. */
export function rangeOf(schema: { minValue: number | null; maxValue: number | null }): { min: number; max: number } {
  return { min: schema.minValue ?? 1, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export interface NumberSettingsFormProps<F extends string, D extends NumberField<F>> {
  fields: ReadonlyArray<D>;
  /** Whole numbers only (a numeric keypad and step 1), or any decimal. */
  whole: boolean;
  load(): Promise<Result<Record<F, number>>>;
  save(values: Record<F, number>): Promise<Result<Record<F, number>>>;
  /** Why this text is not an acceptable value for the field, or null. */
  problemWith(field: D, text: string): string | null;
  words: { loading: string; loadFailed: string; save: string; saved: string; saveFailed: string };
  formClassName?: string;
  fieldsClassName?: string;
  statusClassName?: string;
}

export function NumberSettingsForm<F extends string, D extends NumberField<F>>(props: NumberSettingsFormProps<F, D>) {
  const { fields, whole, words } = props;
  const [texts, setTexts] = useState<Record<F, string> | null>(null);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const [saved, setSaved] = useState(false);
  const inputs = useRef<Partial<Record<F, HTMLInputElement | null>>>({});

  const asTexts = (values: Record<F, number>) =>
    Object.fromEntries(fields.map(({ name }) => [name, String(values[name])])) as Record<F, string>;

  const load = async () => {
    setLoadError(null);
    const answer = await props.load();
    if (answer.ok) setTexts(asTexts(answer.value));
    else setLoadError(answer.error);
  };
  useEffect(() => {
    void load(); // once, when shown
  }, []);

  const change = (field: D, text: string) => {
    setTexts((current) => (current ? { ...current, [field.name]: text } : current));
    setSaved(false);
    // A message already shown updates as the user fixes it; a new one waits for Save. (Not on blur: a message
    // appearing then would move the Save button out from under the pointer between press and release.)
    if (errors[field.name]) {
      setErrors((current) => ({ ...current, [field.name]: props.problemWith(field, text) ?? undefined }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!texts || saving) return;
    const found: Partial<Record<F, string>> = {};
    for (const field of fields) {
      const problem = props.problemWith(field, texts[field.name]);
      if (problem) found[field.name] = problem;
    }
    setErrors(found);
    setSaved(false);
    const firstWrong = fields.find(({ name }) => found[name]);
    if (firstWrong) {
      inputs.current[firstWrong.name]?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    const values = Object.fromEntries(fields.map(({ name }) => [name, Number(texts[name])])) as Record<F, number>;
    const answer = await props.save(values);
    setSaving(false);
    if (answer.ok) {
      setTexts(asTexts(answer.value));
      setSaved(true);
    } else setSaveError(answer.error);
  };

  if (loadError) {
    return (
      <div>
        <ErrorNotice title={words.loadFailed} error={loadError} />
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  if (!texts) {
    return (
      <p className="progress" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> {words.loading}
      </p>
    );
  }
  return (
    <form className={props.formClassName} noValidate onSubmit={(event) => void submit(event)}>
      <div className={props.fieldsClassName}>
        {fields.map((field) => (
          <Field key={field.name} label={field.label} hint={field.hint} error={errors[field.name]}>
            {(control) => (
              <input
                {...control}
                ref={(element) => {
                  inputs.current[field.name] = element;
                }}
                type="number"
                inputMode={whole ? 'numeric' : 'decimal'}
                min={field.min}
                max={field.max}
                step={whole ? 1 : 'any'}
                className={whole ? 'whole-number-input' : undefined}
                value={texts[field.name]}
                onChange={(event) => change(field, event.target.value)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {words.save}
        </button>
        <span role="status" className={props.statusClassName}>
          {saving ? 'Saving…' : saved ? words.saved : ''}
        </span>
      </div>
      {saveError && <ErrorNotice title={words.saveFailed} error={saveError} />}
    </form>
  );
}
