/**
 * Watching a connection after hand-over: which errors are new (not those the connection already had),
 * whether it is Linked, and how its first sync is going. Errors are compared as a set rather than by time,
 * because Codat's clock and this computer's need not agree.
 */
import { isKnownPullStatus, type Connection, type DataConnectionError, type DataStatuses } from '../codat/schemas';
import { isPullErrored, isPullInProgress } from '../codat/status';

export function errorKey(error: DataConnectionError): string {
  return [error.erroredOnUtc ?? '', error.statusCode ?? '', error.statusText ?? '', error.errorMessage ?? ''].join('|');
}

export function errorBaseline(connection: Connection): string[] {
  return (connection.dataConnectionErrors ?? []).map(errorKey);
}

export function newErrors(connection: Connection, baseline: readonly string[]): DataConnectionError[] {
  return (connection.dataConnectionErrors ?? []).filter(
    (error) => !baseline.includes(errorKey(error)) && error.status !== 'Resolved',
  );
}

export interface SyncProgress {
  dataType: string;
  status: string;
  /** `unknown`: a status Linkdesk does not know, shown as Codat sent it. */
  state: 'in_progress' | 'complete' | 'failed' | 'not_supported' | 'unknown';
}

export function syncProgress(statuses: DataStatuses): SyncProgress[] {
  return Object.values(statuses)
    .filter((status): status is NonNullable<typeof status> => !!status)
    .map((status) => {
      const current = status.currentStatus;
      const state: SyncProgress['state'] =
        current === undefined || isPullInProgress(current)
          ? 'in_progress'
          : current === 'Complete'
            ? 'complete'
            : current === 'NotSupported' || current === 'Cancelled'
              ? 'not_supported'
              : isPullErrored(current)
                ? 'failed'
                : isKnownPullStatus(current)
                  ? 'in_progress'
                  : 'unknown';
      return { dataType: status.dataType, status: current ?? 'Queued', state };
    })
    .sort((a, b) => a.dataType.localeCompare(b.dataType));
}

/** Finished one way or another. A status Linkdesk does not know may still change, so it is not. */
export function isSyncSettled(item: SyncProgress): boolean {
  return item.state !== 'in_progress' && item.state !== 'unknown';
}

export const watchLimits = { pollMs: 5_000, maxWatchMs: 15 * 60_000 } as const;
