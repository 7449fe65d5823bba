/** History: the company's pull operations, newest first, 50 at a time, optionally only the failed ones. */
import { useId, type MouseEvent } from 'react';
import type { Connection, PullOperation } from '@shared/codat/schemas';
import { EmptyState } from '@renderer/components/EmptyState';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useNow } from '@renderer/hooks/useNow';
import { exactTime, pullDuration } from './investigate-format';
import { PullStatusBadge } from '@renderer/components/status/PullStatusBadge';
import { When } from './When';
import { usePullDialog } from './PullOperationDialog';
import { ReloadButton } from './ReloadButton';
import { TableScroll } from './TableScroll';
import { usePullHistory } from './useInvestigation';

export function HistoryPanel(props: { companyId: string; connections: readonly Connection[]; active: boolean }) {
  const { companyId, connections, active } = props;
  const errorsOnlyId = useId();
  const { errorsOnly, history, loading, error, load, changeFilter } = usePullHistory(companyId, active);
  const { openPull, pullDialog } = usePullDialog(companyId, connections);
  const now = useNow(30_000, active);

  const openFromRow = (event: MouseEvent<HTMLTableRowElement>, pull: PullOperation) => {
    // The row is a larger target for the mouse; the button in it is the keyboard's way in (and gets focus back).
    if ((event.target as HTMLElement).closest('button')) return;
    openPull(pull.id, pull, event.currentTarget.querySelector('button'));
  };

  const pulls = history?.pulls ?? [];
  const more = history !== null && pulls.length + history.unreadable < history.totalResults;

  return (
    <div className="history">
      <div className="panel-toolbar">
        <div className="panel-summary">
          <label className="choice" htmlFor={errorsOnlyId}>
            <input
              id={errorsOnlyId}
              type="checkbox"
              checked={errorsOnly}
              onChange={(event) => changeFilter(event.target.checked)}
            />
            Errors only
          </label>
          {history && (history.totalResults > 0 || history.unreadable > 0) && (
            <p className="muted">
              {history.totalResults > 0 &&
                `Showing ${pulls.length} of ${history.totalResults} ${errorsOnly ? 'failed ' : ''}pull operation${history.totalResults === 1 ? '' : 's'}, newest first`}
              {history.unreadable > 0 &&
                ` (${history.unreadable} could not be read, so ${history.unreadable === 1 ? 'it is' : 'they are'} not shown)`}
            </p>
          )}
        </div>
        <div className="panel-actions">
          <ReloadButton label="Reload history" onClick={() => void load(1, errorsOnly)} disabled={loading !== null} />
        </div>
      </div>
      {error && <ErrorNotice error={error} title="Could not read the pull history from Codat." />}
      {loading === 'first' && !history ? (
        <SkeletonRows rows={5} label="Reading the pull history from Codat…" />
      ) : history && pulls.length === 0 ? (
        <HistoryEmpty errorsOnly={errorsOnly} connections={connections} />
      ) : (
        history && (
          <TableScroll label="Pull operations">
            <table className="investigate-table history-table">
              <caption className="visually-hidden">
                Pull operations{errorsOnly ? ' that failed' : ''}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Data type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Requested</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {pulls.map((pull) => (
                  <tr key={pull.id} className="clickable-row" onClick={(event) => openFromRow(event, pull)}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => openPull(pull.id, pull)}>
                        {pull.dataType}
                        <span className="visually-hidden">, requested {exactTime(pull.requested)}</span>
                      </button>
                    </th>
                    <td>
                      <PullStatusBadge status={pull.status} />
                    </td>
                    <td>
                      <When iso={pull.requested} now={now} />
                    </td>
                    <td>
                      <When iso={pull.completed} now={now} />
                    </td>
                    <td>{pullDuration(pull, now)}</td>
                    <td className="numeric">{pull.progress}%</td>
                    <td className="message-cell">
                      {pull.errorMessage || pull.statusDescription ? (
                        <span className="codat-words">{pull.errorMessage || pull.statusDescription}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )
      )}
      {more && (
        <div className="load-more">
          <button
            type="button"
            className="button"
            onClick={() => void load((history?.page ?? 0) + 1, errorsOnly)}
            disabled={loading !== null}
            aria-busy={loading === 'more' || undefined}
          >
            {loading === 'more' && <span className="spinner" aria-hidden="true" />}
            Load more
          </button>
        </div>
      )}
      {pullDialog}
    </div>
  );
}

/** No pull operations: what would be listed here, and how to get some. */
function HistoryEmpty({ errorsOnly, connections }: { errorsOnly: boolean; connections: readonly Connection[] }) {
  if (errorsOnly) {
    return (
      <EmptyState title="No failed syncs" headingLevel={3}>
        Syncs that end in an error are listed here with Codat’s message, newest first. Clear “Errors only” to see every
        sync.
      </EmptyState>
    );
  }
  const linked = connections.some((connection) => connection.status === 'Linked');
  return (
    <EmptyState title="No syncs yet" headingLevel={3}>
      Each time Codat reads this company’s data (the first sync after linking, a scheduled sync or a refresh) it is
      listed here, newest first, with its status and any error.{' '}
      {linked
        ? 'To start one now, choose Sync status and press Refresh data.'
        : 'Nothing can sync until the customer links a platform: hand them the connection link.'}
    </EmptyState>
  );
}
