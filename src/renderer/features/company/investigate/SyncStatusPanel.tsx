/** Sync status: per data type, where it stands now, when it last worked, its latest pull, and refreshes. */
import { RefreshCw } from 'lucide-react';
import { useEffect, useEffectEvent } from 'react';
import type { Connection, DataStatus } from '@shared/codat/schemas';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useNow } from '@renderer/hooks/useNow';
import { dataTypeLabel } from '../company-format';
import { pullState, type PullState } from '@renderer/components/status/pull-status';
import { isDataType } from './investigate-format';
import { PullStatusBadge } from '@renderer/components/status/PullStatusBadge';
import { When } from './When';
import { usePullDialog } from './PullOperationDialog';
import { ReloadButton } from './ReloadButton';
import { TableScroll } from './TableScroll';
import { dataStatusPollMs, useDataRefresh, useDataStatus } from './useDataStatus';

interface SyncStatusPanelProps {
  companyId: string;
  connections: readonly Connection[];
  /** The tab is showing: read, and follow running syncs, only then. */
  active: boolean;
  /** Bumped by "Refresh data" from the command palette: refresh as the button would. */
  refreshRequests?: number;
}

const summaryOrder: Array<[PullState, string]> = [
  ['failed', 'failing'],
  ['unknown', 'in a status Linkdesk does not know'],
  ['in_progress', 'in progress'],
  ['complete', 'complete'],
  ['not_supported', 'not supported'],
  ['cancelled', 'cancelled'],
  ['never', 'never synced'],
];

export function SyncStatusPanel({ companyId, connections, active, refreshRequests = 0 }: SyncStatusPanelProps) {
  const data = useDataStatus(companyId, active);
  const { openPull, pullDialog } = usePullDialog(companyId, connections);
  const { refreshingAll, queuing, failure, message, refreshAll, refreshType } = useDataRefresh(companyId, data);
  const refreshAsked = useEffectEvent(() => void refreshAll());
  useEffect(() => {
    if (refreshRequests > 0) refreshAsked();
  }, [refreshRequests]);
  const now = useNow(15_000, active);

  const rows = Object.values(data.statuses ?? {})
    .filter((status): status is DataStatus => !!status)
    .sort((a, b) => a.dataType.localeCompare(b.dataType));
  const counts = new Map<PullState, number>();
  for (const row of rows) counts.set(pullState(row.currentStatus), (counts.get(pullState(row.currentStatus)) ?? 0) + 1);
  const summary = summaryOrder
    .filter(([state]) => counts.get(state))
    .map(([state, word]) => `${counts.get(state)} ${word}`)
    .join(', ');

  return (
    <div className="sync-status">
      <div className="panel-toolbar">
        <div className="panel-summary">
          {data.statuses && (
            <p>
              {rows.length === 0 ? 'No data types yet' : `${rows.length} data types: ${summary}`}
              {data.readAt && (
                <span className="muted">
                  {' '}
                  · read <When iso={new Date(data.readAt).toISOString()} now={Math.max(now, data.readAt)} />
                </span>
              )}
            </p>
          )}
          {data.polling && (
            <p className="live-note">
              <span className="spinner" aria-hidden="true" /> A sync is running: updating every{' '}
              {dataStatusPollMs / 1000} s
            </p>
          )}
        </div>
        <div className="panel-actions">
          <ReloadButton label="Reload sync status" onClick={() => void data.reload()} disabled={data.loading} />
          <ActionButton
            Icon={RefreshCw}
            busy={refreshingAll}
            className="button button-primary"
            onClick={() => void refreshAll()}
            disabled={refreshingAll}
            aria-busy={refreshingAll || undefined}
          >
            Refresh data
          </ActionButton>
        </div>
      </div>
      <p className="action-message" role="status">
        {message}
      </p>
      {failure && <ErrorNotice error={failure.error} title={failure.title} />}
      {data.error && (
        <ErrorNotice
          error={data.error}
          title={
            data.statuses
              ? 'Could not update the sync status; showing the last one read.'
              : 'Could not read the sync status.'
          }
        />
      )}

      {!data.statuses && !data.error ? (
        <SkeletonRows rows={5} label="Reading the sync status from Codat…" />
      ) : data.statuses && rows.length === 0 ? (
        <p className="panel-empty">Codat has no data status for this company yet: nothing has synced.</p>
      ) : (
        data.statuses && (
          <TableScroll label="Sync status per data type">
            <table className="investigate-table">
              <caption className="visually-hidden">Sync status per data type</caption>
              <thead>
                <tr>
                  <th scope="col">Data type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last successful sync</th>
                  <th scope="col">Latest sync</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const running = pullState(row.currentStatus) === 'in_progress';
                  const busy = queuing.has(row.dataType);
                  return (
                    <tr key={row.dataType} data-state={pullState(row.currentStatus)}>
                      <th scope="row">
                        {dataTypeLabel(row.dataType)} <code className="muted">{row.dataType}</code>
                      </th>
                      <td>
                        <PullStatusBadge status={row.currentStatus} />
                      </td>
                      <td>
                        <When iso={row.lastSuccessfulSync} now={now} empty="Never" />
                      </td>
                      <td>
                        {row.latestSyncId ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={(event) => openPull(row.latestSyncId as string, null, event.currentTarget)}
                          >
                            <span className="visually-hidden">Latest {row.dataType} sync, dataset </span>
                            <code>{row.latestSyncId.slice(0, 8)}</code>
                          </button>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td className="cell-action">
                        {isDataType(row.dataType) && (
                          <ActionButton
                            Icon={RefreshCw}
                            busy={busy}
                            iconSize={12}
                            className="button button-small"
                            onClick={() => void refreshType(row.dataType)}
                            disabled={running || busy}
                            aria-busy={busy || undefined}
                            title={running ? 'A sync of this type is already running.' : undefined}
                          >
                            Refresh<span className="visually-hidden"> {row.dataType}</span>
                          </ActionButton>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )
      )}
      {pullDialog}
    </div>
  );
}
