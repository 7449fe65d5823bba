import './Field.css';
import { useId, type ReactNode } from 'react';

/** What a form control needs to be named, described and marked wrong by its field. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  label: ReactNode;
  /** Help under the control, read with it. */
  hint?: ReactNode;
  hintClassName?: string;
  /**
   * What is wrong with the value, shown under the hint and read with the control, which is marked invalid: one
   * message, or several (a list). Nothing (null, '', []) when the value is fine.
   */
  error?: ReactNode | readonly string[];
  /** Ids of text elsewhere that describes the control too (read before the hint). */
  describedBy?: string;
  className?: string;
  /** The control itself: spread `control` onto it (`<input {...control} />`). */
  children(control: FieldControl): ReactNode;
}

/** A labelled form control with its hint and its error, each tied to the control for screen readers. */
export function Field({ label, hint, hintClassName, error, describedBy, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const errors = isList(error) ? error : null;
  const hasError = errors
    ? errors.length > 0
    : error !== undefined && error !== null && error !== false && error !== '';
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== '';
  const control: FieldControl = {
    id,
    'aria-describedby': [describedBy, hasHint && hintId, hasError && errorId].filter(Boolean).join(' ') || undefined,
    'aria-invalid': hasError || undefined,
  };
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hasHint && (
        <p id={hintId} className={hintClassName ? `field-hint ${hintClassName}` : 'field-hint'}>
          {hint}
        </p>
      )}
      {hasError &&
        (errors ? (
          <ul id={errorId} className="field-errors">
            {errors.map((message) => (
              <li key={message} className="field-error">
                {message}
              </li>
            ))}
          </ul>
        ) : (
          <p id={errorId} className="field-error">
            {error as ReactNode}
          </p>
        ))}
    </div>
  );
}

function isList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}
