/**
 * The company's data status, kept current while a sync runs: re-read every 5 s only while some type is in
 * progress, the Sync status tab is showing and the window is visible (a timeout chain, stopped on unmount).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataStatuses } from '@shared/codat/schemas';
import { isPullInProgress } from '@shared/codat/status';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { isDataType } from './investigate-format';

export const dataStatusPollMs = 5_000;

export interface DataStatusState {
  statuses: DataStatuses | null;
  /** When the statuses were last read. */
  readAt: number | null;
  loading: boolean;
  error: BridgeError | null;
}

export function anyInProgress(statuses: DataStatuses | null): boolean {
  return Object.values(statuses ?? {}).some(
    (status) => !!status?.currentStatus && isPullInProgress(status.currentStatus),
  );
}

const pageVisible = () => document.visibilityState === 'visible';

export function useDataStatus(companyId: string, active: boolean) {
  const [state, setState] = useState<DataStatusState>({ statuses: null, readAt: null, loading: false, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);
  const activeRef = useRef(active);
  const statusesRef = useRef<DataStatuses | null>(null);
  // Answers that arrive after a newer read started are dropped, so the table never steps backwards.
  const readCount = useRef(0);

  const stopPolling = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const readRef = useRef<() => Promise<void>>(async () => {});

  /** Polls again in 5 s if something is still running and someone is looking. */
  const scheduleNext = useCallback(() => {
    stopPolling();
    if (activeRef.current && pageVisible() && anyInProgress(statusesRef.current)) {
      timer.current = setTimeout(() => void readRef.current(), dataStatusPollMs);
    }
  }, [stopPolling]);

  const read = useCallback(async () => {
    stopPolling();
    const readNumber = ++readCount.current;
    setState((current) => ({ ...current, loading: true }));
    const result = await linkdesk.data.status({ companyId });
    if (!mounted.current || readNumber !== readCount.current) return;
    if (!result.ok) {
      // Keep what was shown; polling stops until the analyst reloads (a failing Codat is not hammered).
      setState((current) => ({ ...current, loading: false, error: result.error }));
      return;
    }
    statusesRef.current = result.value;
    setState({ statuses: result.value, readAt: Date.now(), loading: false, error: null });
    scheduleNext();
  }, [companyId, stopPolling, scheduleNext]);
  useEffect(() => {
    readRef.current = read;
  }, [read]);

  /** A refresh was queued: show it at once, and follow it from now on. */
  const applyLocally = useCallback(
    (update: (statuses: DataStatuses) => DataStatuses) => {
      // A read already on its way predates the refresh: drop it, or it would show the old status and stop polling.
      readCount.current += 1;
      const next = update(statusesRef.current ?? {});
      statusesRef.current = next;
      setState((current) => ({ ...current, statuses: next, loading: false }));
      scheduleNext();
    },
    [scheduleNext],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stopPolling();
    };
  }, [stopPolling]);

  // Read when the tab is shown (fresh each time it is opened); stop following it when it is hidden.
  useEffect(() => {
    activeRef.current = active;
    if (active) void read();
    else stopPolling();
  }, [active, read, stopPolling]);

  // A hidden window does not poll; coming back reads at once if something was still running.
  useEffect(() => {
    const onVisibility = () => {
      if (!pageVisible()) stopPolling();
      else if (activeRef.current && anyInProgress(statusesRef.current)) void read();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [read, stopPolling]);

  return { ...state, reload: read, applyLocally, polling: anyInProgress(state.statuses) && active };
}

/** "Refresh data" and the per-type refreshes: queued at Codat, then followed in the data status as they run. */
export function useDataRefresh(companyId: string, data: ReturnType<typeof useDataStatus>) {
  const [refreshingAll, setRefreshingAll] = useState(false);
  const [queuing, setQueuing] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<{ title: string; error: BridgeError } | null>(null);
  const [message, setMessage] = useState('');

  const refreshAll = async () => {
    setRefreshingAll(true);
    setFailure(null);
    setMessage('');
    const result = await linkdesk.data.refreshAll({ companyId });
    setRefreshingAll(false);
    if (!result.ok) {
      setFailure({ title: 'Could not refresh the data.', error: result.error });
      return;
    }
    setMessage('Codat queued a refresh of every data type set to fetch on first link. Following it here.');
    // The queued types now read as Queued: reading them starts the 5-second follow-up.
    void data.reload();
  };

  const refreshType = async (dataType: string) => {
    if (!isDataType(dataType)) return;
    setQueuing((current) => new Set(current).add(dataType));
    setFailure(null);
    setMessage('');
    const result = await linkdesk.data.refreshDataType({ companyId, dataType });
    setQueuing((current) => {
      const next = new Set(current);
      next.delete(dataType);
      return next;
    });
    if (!result.ok) {
      setFailure({ title: `Could not refresh ${dataType}.`, error: result.error });
      // It may already be running (DatasetAlreadyInProgressException): show where it stands.
      void data.reload();
      return;
    }
    const pull = result.value;
    data.applyLocally((statuses) => ({
      ...statuses,
      [dataType]: { ...(statuses[dataType] ?? { dataType }), currentStatus: pull.status, latestSyncId: pull.id },
    }));
    setMessage(`Codat queued a new ${dataType} sync (${pull.status}). Following it here.`);
  };

  return { refreshingAll, queuing, failure, message, refreshAll, refreshType };
}
