/**
 * What is known about companies already named as the new one. Two parts, so that nothing moves the form's buttons
 * while the pointer may be on them: a one-line status under the Customer ID (its space is always kept), and the
 * details (each duplicate with "Use existing company", or why the check failed) below the buttons.
 */
import type { Company } from '@shared/codat/schemas';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { ConnectionChips } from '../ConnectionChips';
import type { Lookup } from './useDuplicateCheck';

export interface DuplicateNoticeProps {
  /** The name Codat would store. */
  name: string;
  lookup: Lookup | null;
  duplicates: Company[] | null;
}

/**
 * The one-line answer: being checked, none, some (listed below the buttons), or the check failed. Always rendered,
 * one line high whatever it says (a long name is cut short on screen, read in full), so that the check starting
 * when the field loses focus (a mousedown on Create) cannot move Create out from under the pointer.
 */
export function DuplicateStatus({
  name,
  lookup,
  duplicates,
  onOpen,
}: DuplicateNoticeProps & { onOpen(company: Company): void }) {
  let content = null;
  let tone: 'none' | 'found' | 'failed' | undefined;
  if (lookup?.state === 'checking') {
    content = (
      <>
        <span className="spinner" aria-hidden="true" /> Checking whether “{lookup.name}” already exists…
      </>
    );
  } else if (lookup?.state === 'failed') {
    tone = 'failed';
    content = <>Could not check whether “{lookup.name}” already exists (see below).</>;
  } else if (duplicates && duplicates.length === 0) {
    tone = 'none';
    content = <>No company is named “{name}” yet.</>;
  } else if (duplicates && duplicates.length > 0) {
    tone = 'found';
    const count = duplicates.length;
    content = (
      <>
        {count === 1 ? 'A company' : `${count} companies`} named “{duplicates[0]?.name}” already{' '}
        {count === 1 ? 'exists' : 'exist'}
        {count === 1 ? '.' : ' (listed below).'}
      </>
    );
  }
  // One existing company: opening it is one click away here too, in the line's reserved space (the list below the
  // buttons may be out of view). The button sits beside the live region, not in it.
  const only = duplicates?.length === 1 && lookup?.state !== 'checking' ? duplicates[0] : undefined;
  return (
    <div className="duplicate-status-row">
      <p className="duplicate-status" data-tone={tone} role="status">
        {content}
      </p>
      {only && (
        <button type="button" className="button button-small" onClick={() => onOpen(only)}>
          Use existing company
        </button>
      )}
    </div>
  );
}

interface DuplicateDetailsProps extends DuplicateNoticeProps {
  warningId: string;
  justFound: boolean;
  onOpen(company: Company): void;
  onRetry(): void;
}

/** Companies that already carry the name, each with a way to open it instead; or why that is not known. */
export function DuplicateDetails(props: DuplicateDetailsProps) {
  const { lookup, duplicates, warningId, justFound, onOpen, onRetry } = props;
  if (lookup?.state === 'failed') {
    return (
      <div className="duplicate-failure">
        <ErrorNotice error={lookup.error} title={`Could not check whether “${lookup.name}” already exists`} />
        <button type="button" className="button button-small" onClick={onRetry}>
          Check again
        </button>
      </div>
    );
  }
  if (!duplicates || duplicates.length === 0) return null;
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
