/**
 * An issue opened: how often and when it was seen, its history (state changes and who made them, newest first), the
 * evidence behind it, and "Copy diagnostic report" for its company (read from Codat on request).
 */
import { ClipboardCopy } from 'lucide-react';
import { Fragment, useId } from 'react';
import type { InboxIssue } from '@shared/domain/inbox';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime } from '@renderer/lib/format';
import { historyWords } from './inbox-format';
import { useIssueReport } from './useIssueReport';

export function IssueDetails({ item, id }: { item: InboxIssue; id: string }) {
  const headingId = useId();
  const report = useIssueReport(item.issue.companyId);
  const history = [...item.history].reverse();
  const times = item.seenCount === 1 ? 'once' : `${item.seenCount} times`;
  return (
    <section id={id} className="inbox-details" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        History of {item.issue.companyName}
      </h3>
      <p>
        Seen {times}: first {formatDateTime(item.firstSeenAt)}, last {formatDateTime(item.lastSeenAt)}.
        {item.reopenedCount > 0 &&
          ` Came back ${item.reopenedCount === 1 ? 'once' : `${item.reopenedCount} times`} after it was resolved.`}
      </p>
      <ol className="inbox-history" aria-label="History, newest first">
        {history.map((entry, index) => (
          <li key={`${entry.at}-${entry.kind}-${index}`}>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> <span>{historyWords(entry)}</span>
          </li>
        ))}
      </ol>
      {item.issue.evidence.length > 0 && (
        <dl className="facts facts-compact inbox-evidence">
          {item.issue.evidence.map((fact) => (
            <Fragment key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      <div className="form-actions">
        <ActionButton
          Icon={ClipboardCopy}
          busy={report.busy}
          aria-disabled={report.busy || undefined}
          onClick={() => void report.copy()}
          title="Reads the company’s connections, data status and recent pulls from Codat, as Markdown for a support ticket"
        >
          Copy diagnostic report
        </ActionButton>
        <span role="status" className="success-message">
          {report.busy ? 'Reading from Codat…' : report.message}
        </span>
      </div>
      {report.error && (
        <ErrorNotice
          error={report.error}
          title={`Could not build the diagnostic report for ${item.issue.companyName}.`}
        />
      )}
      {report.shown !== null && (
        <textarea
          className="inbox-report"
          readOnly
          rows={10}
          value={report.shown}
          aria-label={`Diagnostic report for ${item.issue.companyName}`}
        />
      )}
    </section>
  );
}
