/**
 * Creating a company with the customer on the phone: show exactly what Codat will store, warn about
 * companies that already have that name (offering to open one instead), and send one request per click.
 */
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { previewCompanyName } from '@shared/codat/names';
import { neutraliseQueryText } from '@shared/codat/query';
import type { Company } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { ConnectionChips } from '../ConnectionChips';
import { maxTagKeyLength, maxTagValueLength, maxTags, parseTags } from './tags';
import type { SearchAnswer } from '../useCompanySearch';

/** How long typing must pause before asking Codat whether the name is taken. */
const lookupDebounceMs = 400;

type Lookup =
  | { state: 'checking'; name: string }
  | { state: 'done'; name: string; matches: Company[] }
  | { state: 'failed'; name: string; error: BridgeError };

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
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<BridgeError | null>(null);
  /** Duplicates found only when Create was pressed: the user must see them and press again. */
  const [duplicatesJustFound, setDuplicatesJustFound] = useState(false);
  const inFlight = useRef(false);
  const latestLookup = useRef(0);
  const pendingLookup = useRef<{ name: string; promise: Promise<Company[] | null> } | null>(null);
  /** Set when a create stops (failed, or duplicates appeared): focus returns to the re-enabled button. */
  const focusSubmitWhenDone = useRef(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  const tagsRef = useRef<HTMLTextAreaElement>(null);

  const preview = previewCompanyName(customerId);
  const nameKey = preview.name.toLowerCase();
  const parsedTags = useMemo(() => parseTags(tagsText), [tagsText]);
  const customerIdProblem =
    customerId.trim() === ''
      ? 'Enter the customer ID: it becomes the company name in Codat.'
      : preview.name === ''
        ? 'Nothing would be left: Codat removes every one of these characters. Use letters or digits.'
        : null;

  const fromSearch = useMemo(() => duplicatesFromSearch(searchAnswer, customerId), [searchAnswer, customerId]);
  const currentLookup = lookup && lookup.name.toLowerCase() === nameKey ? lookup : null;
  const duplicates: Company[] | null = fromSearch ?? (currentLookup?.state === 'done' ? currentLookup.matches : null);

  /**
   * Asks Codat for companies with exactly the name it would store. The latest name wins; a second ask for
   * the same name (blur, then Create) shares the request in flight. Null when it failed or was superseded.
   */
  const lookUp = useCallback((typed: string): Promise<Company[] | null> => {
    const name = previewCompanyName(typed).name;
    if (!name) return Promise.resolve([]);
    if (pendingLookup.current?.name === name) return pendingLookup.current.promise;
    const request = ++latestLookup.current;
    setLookup({ state: 'checking', name });
    const promise = linkdesk.companies.findByName({ name: typed.trim() }).then((result) => {
      if (pendingLookup.current?.promise === promise) pendingLookup.current = null;
      if (request !== latestLookup.current) return null;
      if (!result.ok) {
        setLookup({ state: 'failed', name, error: result.error });
        return null;
      }
      setLookup({ state: 'done', name, matches: result.value.matches });
      return result.value.matches;
    });
    pendingLookup.current = { name, promise };
    return promise;
  }, []);

  // Debounced check while typing; skipped when the results on screen already answer it.
  const needsLookup = nameKey !== '' && fromSearch === null && currentLookup === null;
  useEffect(() => {
    if (!needsLookup) return;
    const timer = setTimeout(() => void lookUp(customerId), lookupDebounceMs);
    return () => clearTimeout(timer);
  }, [needsLookup, customerId, lookUp]);

  useEffect(() => {
    customerIdRef.current?.focus();
  }, [customerIdRef]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return; // one click, one request
    setSubmitted(true);
    if (customerIdProblem) {
      customerIdRef.current?.focus();
      return;
    }
    if (parsedTags.errors.length > 0) {
      tagsRef.current?.focus();
      return;
    }
    inFlight.current = true;
    setCreating(true);
    setCreateError(null);
    try {
      let known = duplicates;
      if (known === null) {
        known = await lookUp(customerId);
        if (known === null || known.length > 0) {
          // The check failed (and says so), or found companies the user has not seen yet.
          setDuplicatesJustFound(known !== null);
          focusSubmitWhenDone.current = true;
          return;
        }
      }
      const tags = parsedTags.count > 0 ? parsedTags.tags : undefined;
      const result = await linkdesk.companies.create({
        customerId: customerId.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(tags ? { tags } : {}),
      });
      if (result.ok) {
        onOpen(result.value);
        return;
      }
      setCreateError(result.error);
      focusSubmitWhenDone.current = true;
    } finally {
      inFlight.current = false;
      setCreating(false);
    }
  };

  // The button was disabled while in flight, which dropped its focus: give it back once it is enabled.
  useEffect(() => {
    if (creating || !focusSubmitWhenDone.current) return;
    focusSubmitWhenDone.current = false;
    submitRef.current?.focus();
  }, [creating]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !creating) {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  const showTagErrors = parsedTags.errors.length > 0;
  const hasDuplicates = duplicates !== null && duplicates.length > 0;
  const ids = {
    heading: `${id}-heading`,
    customerId: `${id}-customer-id`,
    preview: `${id}-preview`,
    customerIdError: `${id}-customer-id-error`,
    description: `${id}-description`,
    descriptionHint: `${id}-description-hint`,
    tags: `${id}-tags`,
    tagsHint: `${id}-tags-hint`,
    tagsErrors: `${id}-tags-errors`,
    duplicateWarning: `${id}-duplicate-warning`,
  };

  return (
    <form
      className="card new-company-form"
      aria-labelledby={ids.heading}
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <h2 id={ids.heading}>New company</h2>

      <div className="field">
        <label htmlFor={ids.customerId}>Customer ID</label>
        <input
          ref={customerIdRef}
          id={ids.customerId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          value={customerId}
          onChange={(event) => {
            setCustomerId(event.target.value);
            setDuplicatesJustFound(false);
          }}
          onBlur={() => {
            if (needsLookup) void lookUp(customerId);
          }}
          aria-invalid={submitted && customerIdProblem !== null}
          aria-describedby={[ids.preview, submitted && customerIdProblem ? ids.customerIdError : null]
            .filter(Boolean)
            .join(' ')}
        />
        <NamePreview id={ids.preview} typed={customerId} name={preview.name} removed={preview.removed} />
        {submitted && customerIdProblem && (
          <p id={ids.customerIdError} className="field-error">
            {customerIdProblem}
          </p>
        )}
      </div>

      <DuplicateCheck
        name={preview.name}
        lookup={fromSearch ? null : currentLookup}
        duplicates={duplicates}
        warningId={ids.duplicateWarning}
        justFound={duplicatesJustFound}
        onOpen={onOpen}
        onRetry={() => void lookUp(customerId)}
      />

      <div className="field">
        <label htmlFor={ids.description}>Description</label>
        <input
          id={ids.description}
          type="text"
          autoComplete="off"
          maxLength={1000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-describedby={ids.descriptionHint}
        />
        <p id={ids.descriptionHint} className="field-hint">
          Optional. Shown to your team in Codat, never to the customer.
        </p>
      </div>

      <div className="field">
        <label htmlFor={ids.tags}>Tags</label>
        <textarea
          ref={tagsRef}
          id={ids.tags}
          rows={Math.min(10, Math.max(3, tagsText.split('\n').length + 1))}
          spellCheck={false}
          value={tagsText}
          onChange={(event) => setTagsText(event.target.value)}
          placeholder={'region=uk\nteam=invoice-finance'}
          aria-invalid={showTagErrors}
          aria-describedby={[ids.tagsHint, showTagErrors ? ids.tagsErrors : null].filter(Boolean).join(' ')}
        />
        <p id={ids.tagsHint} className="field-hint">
          Optional. One tag per line as key=value. Up to {maxTags} tags; keys 1–{maxTagKeyLength} characters, values up
          to {maxTagValueLength}.
        </p>
        {showTagErrors && (
          <ul id={ids.tagsErrors} className="tag-errors">
            {parsedTags.errors.map((problem) => (
              <li key={problem} className="field-error">
                {problem}
              </li>
            ))}
          </ul>
        )}
      </div>

      {createError && <ErrorNotice error={createError} title={`Could not create “${preview.name}”`} />}

      <div className="form-actions">
        <button
          ref={submitRef}
          type="submit"
          // With a duplicate on screen, opening the existing company is the main action, not this.
          className={hasDuplicates ? 'button' : 'button button-primary'}
          disabled={creating}
          aria-label="Create company"
          aria-describedby={hasDuplicates ? ids.duplicateWarning : undefined}
        >
          {hasDuplicates ? 'Create company anyway' : 'Create company'}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={creating}>
          Cancel
        </button>
        {creating && (
          <span className="progress" role="status">
            <span className="spinner" aria-hidden="true" />
            {duplicates === null ? 'Checking the name…' : `Creating “${preview.name}” in Codat…`}
          </span>
        )}
      </div>
    </form>
  );
}

/** "Codat will store: ACME Test (removes ( ))", so nobody is surprised by the name later. */
function NamePreview({ id, typed, name, removed }: { id: string; typed: string; name: string; removed: string[] }) {
  if (typed.trim() === '') {
    return (
      <p id={id} className="field-hint">
        Codat stores it as the company name. Letters, digits, spaces and - &apos; , &amp; @ . ? ! are kept.
      </p>
    );
  }
  if (removed.length === 0) {
    return (
      <p id={id} className="field-hint name-preview">
        Codat will store it as typed.
      </p>
    );
  }
  return (
    <p id={id} className="field-hint name-preview changed">
      Codat will store: <strong className="stored-name">{name || '(nothing)'}</strong>{' '}
      <span className="removed-characters">
        (removes{' '}
        {removed.map((character, index) => (
          <span key={character}>
            {index > 0 && ' '}
            <code>{character}</code>
          </span>
        ))}
        )
      </span>
    </p>
  );
}

/**
 * What the search on screen already says about the name Codat would store: the companies with that name,
 * none, or null when it cannot tell (then Codat is asked). The search looked for names *containing* the
 * text, so finding no match proves there is none only when the text reached Codat unchanged (nothing
 * stripped, nothing neutralised) and every page of the answer is loaded.
 */
function duplicatesFromSearch(answer: SearchAnswer | null, typed: string): Company[] | null {
  const text = typed.trim();
  if (!answer || answer.byId || answer.text !== text) return null;
  const { name, removed } = previewCompanyName(typed);
  if (!name) return null;
  const matches = answer.companies.filter((company) => company.name.toLowerCase() === name.toLowerCase());
  if (matches.length > 0) return matches;
  const complete = answer.companies.length >= answer.totalResults;
  const searchedAsStored = removed.length === 0 && name === text && neutraliseQueryText(text) === text;
  return complete && searchedAsStored ? [] : null;
}

interface DuplicateCheckProps {
  /** The name Codat would store. */
  name: string;
  lookup: Lookup | null;
  duplicates: Company[] | null;
  warningId: string;
  justFound: boolean;
  onOpen(company: Company): void;
  onRetry(): void;
}

/** Companies that already carry the name, each with a way to open it instead of creating another. */
function DuplicateCheck({ name, lookup, duplicates, warningId, justFound, onOpen, onRetry }: DuplicateCheckProps) {
  if (lookup?.state === 'checking') {
    return (
      <p className="progress duplicate-status" role="status">
        <span className="spinner" aria-hidden="true" /> Checking whether “{lookup.name}” already exists…
      </p>
    );
  }
  if (lookup?.state === 'failed') {
    return (
      <div className="duplicate-status">
        <ErrorNotice error={lookup.error} title={`Could not check whether “${lookup.name}” already exists`} />
        <button type="button" className="button button-small" onClick={onRetry}>
          Check again
        </button>
      </div>
    );
  }
  if (!duplicates) return null;
  if (duplicates.length === 0) {
    return (
      <p className="duplicate-status no-duplicates" role="status">
        No company is named “{name}” yet.
      </p>
    );
  }
  const [first] = duplicates;
  const count = duplicates.length;
  return (
    <section className="duplicates" aria-labelledby={warningId}>
      <p id={warningId} className="duplicate-warning" role={justFound ? 'alert' : undefined}>
        {count === 1 ? 'A company' : `${count} companies`} named “{first?.name}” already{' '}
        {count === 1 ? 'exists' : 'exist'}. Open {count === 1 ? 'it' : 'one'} instead, or create another company with
        the same name.
      </p>
      <ul className="duplicate-list">
        {duplicates.map((company) => (
          <li key={company.id} className="duplicate" aria-label={company.name}>
            <div className="duplicate-facts">
              <span className="duplicate-name">{company.name}</span>
              <span className="muted">
                {company.created ? (
                  <>
                    created{' '}
                    <time dateTime={company.created} title={formatDateTime(company.created)}>
                      {formatRelative(company.created)}
                    </time>
                  </>
                ) : (
                  'created: not known'
                )}{' '}
                · <code className="company-id">{company.id}</code>
              </span>
              <ConnectionChips company={company} />
            </div>
            <button type="button" className="button button-primary" onClick={() => onOpen(company)}>
              Use existing company
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
