/**
 * Creating a company with the customer on the phone: show exactly what Codat will store, warn about
 * companies that already have that name (offering to open one instead), and send one request per click.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { previewCompanyName } from '@shared/codat/names';
import type { Company } from '@shared/codat/schemas';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import type { SearchAnswer } from '../useCompanySearch';
import { DuplicateDetails, DuplicateStatus } from './DuplicateNotice';
import { NamePreview, namePreviewClass } from './NamePreview';
import { maxTagKeyLength, maxTagValueLength, maxTags, parseTags } from './tags';
import { useCreateCompany } from './useCreateCompany';
import { useDuplicateCheck } from './useDuplicateCheck';

interface NewCompanyFormProps {
  initialCustomerId: string;
  /** The search results on screen: reused for the duplicate check when they were for the same text. */
  searchAnswer: SearchAnswer | null;
  onOpen(company: Company): void;
  onClose(): void;
  /** Lets the page move focus here when "New company" (or Ctrl/Cmd+N) is pressed again. */
  customerIdRef: RefObject<HTMLInputElement | null>;
}

export function NewCompanyForm({
  initialCustomerId,
  searchAnswer,
  onOpen,
  onClose,
  customerIdRef,
}: NewCompanyFormProps) {
  const id = useId();
  const [customerId, setCustomerId] = useState(initialCustomerId);
  const [description, setDescription] = useState('');
  const [tagsText, setTagsText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  /** Duplicates found only when Create was pressed: the user must see them and press again. */
  const [duplicatesJustFound, setDuplicatesJustFound] = useState(false);
  /** Counts creates that stopped (failed, or duplicates appeared): focus returns to the re-enabled button. */
  const [stops, setStops] = useState(0);
  const submitRef = useRef<HTMLButtonElement>(null);
  const tagsRef = useRef<HTMLTextAreaElement>(null);

  const preview = previewCompanyName(customerId);
  const parsedTags = useMemo(() => parseTags(tagsText), [tagsText]);
  const duplicateCheck = useDuplicateCheck(customerId, searchAnswer);
  const { duplicates } = duplicateCheck;
  const creation = useCreateCompany(onOpen);
  const { creating } = creation;
  const customerIdProblem =
    customerId.trim() === ''
      ? 'Enter the customer ID: it becomes the company name in Codat.'
      : preview.name === ''
        ? 'Nothing would be left: Codat removes every one of these characters. Use letters or digits.'
        : null;

  useEffect(() => {
    customerIdRef.current?.focus();
  }, [customerIdRef]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creation.isInFlight()) return; // one click, one request
    setSubmitted(true);
    if (customerIdProblem) {
      customerIdRef.current?.focus();
      return;
    }
    if (parsedTags.errors.length > 0) {
      tagsRef.current?.focus();
      return;
    }
    const tags = parsedTags.count > 0 ? parsedTags.tags : undefined;
    const outcome = await creation.create({ customerId, description, ...(tags ? { tags } : {}) }, duplicateCheck);
    if (outcome === 'created') return;
    // The check failed (and says so), found companies the user has not seen yet, or Codat refused the create.
    if (outcome !== 'failed') setDuplicatesJustFound(outcome === 'duplicates');
    setStops((count) => count + 1);
  };

  // The button was disabled while in flight, which dropped its focus: give it back once it is enabled.
  useEffect(() => {
    if (stops > 0) submitRef.current?.focus();
  }, [stops]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !creating) {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  const hasDuplicates = duplicates !== null && duplicates.length > 0;
  const ids = { heading: `${id}-heading`, duplicateWarning: `${id}-duplicate-warning` };

  return (
    <form
      className="card new-company-form"
      aria-labelledby={ids.heading}
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <h2 id={ids.heading}>New company</h2>

      <Field
        label="Customer ID"
        hint={<NamePreview typed={customerId} name={preview.name} removed={preview.removed} />}
        hintClassName={namePreviewClass(customerId, preview.removed)}
        error={submitted ? customerIdProblem : null}
      >
        {(control) => (
          <input
            {...control}
            ref={customerIdRef}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={customerId}
            onChange={(event) => {
              setCustomerId(event.target.value);
              setDuplicatesJustFound(false);
            }}
            onBlur={duplicateCheck.lookUpIfNeeded}
          />
        )}
      </Field>

      <DuplicateStatus name={preview.name} lookup={duplicateCheck.lookup} duplicates={duplicates} onOpen={onOpen} />

      <Field label="Description" hint="Optional. Shown to your team in Codat, never to the customer.">
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            maxLength={1000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>

      <Field
        label="Tags"
        hint={
          <>
            Optional. One tag per line as key=value. Up to {maxTags} tags; keys 1–{maxTagKeyLength} characters, values
            up to {maxTagValueLength}.
          </>
        }
        error={parsedTags.errors}
      >
        {(control) => (
          <textarea
            {...control}
            ref={tagsRef}
            rows={Math.min(10, Math.max(3, tagsText.split('\n').length + 1))}
            spellCheck={false}
            value={tagsText}
            onChange={(event) => setTagsText(event.target.value)}
            placeholder={'region=uk\nteam=invoice-finance'}
          />
        )}
      </Field>

      {/* Everything that appears after a press goes below the buttons, so it never moves them. */}
      <div className="form-actions">
        <button
          ref={submitRef}
          type="submit"
          // With a duplicate on screen, opening the existing company is the main action, not this.
          className={hasDuplicates ? 'button' : 'button button-primary'}
          disabled={creating}
          aria-describedby={hasDuplicates ? ids.duplicateWarning : undefined}
        >
          {/* As wide as its longer label whichever it shows, so Cancel does not move when duplicates appear. */}
          <span className="stable-label" data-reserve="Create company anyway">
            <span>{hasDuplicates ? 'Create company anyway' : 'Create company'}</span>
          </span>
        </button>
        <button type="button" className="button" onClick={onClose} disabled={creating}>
          Cancel
        </button>
        <span className="progress" role="status">
          {creating && (
            <>
              <span className="spinner" aria-hidden="true" />
              {duplicates === null ? 'Checking the name…' : `Creating “${preview.name}” in Codat…`}
            </>
          )}
        </span>
      </div>

      {creation.error && <ErrorNotice error={creation.error} title={`Could not create “${preview.name}”`} />}

      <DuplicateDetails
        name={preview.name}
        lookup={duplicateCheck.lookup}
        duplicates={duplicates}
        warningId={ids.duplicateWarning}
        justFound={duplicatesJustFound}
        onOpen={onOpen}
        onRetry={() => void duplicateCheck.lookUp()}
      />
    </form>
  );
}
