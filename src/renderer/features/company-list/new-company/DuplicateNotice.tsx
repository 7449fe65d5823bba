/** What is known about companies already named as the new one: being checked, none, or each with "Use existing company". */
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
  warningId: string;
  justFound: boolean;
  onOpen(company: Company): void;
  onRetry(): void;
}

/** Companies that already carry the name, each with a way to open it instead of creating another. */
export function DuplicateNotice(props: DuplicateNoticeProps) {
  const { name, lookup, duplicates, warningId, justFound, onOpen, onRetry } = props;
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
