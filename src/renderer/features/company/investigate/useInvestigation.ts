/**
 * What the investigation tabs read from Codat, each only once its tab is shown: the diagnosis, the pull history,
 * a connection's timeline, and one pull operation in full. An answer to an older request (the filter or the
 * connection changed meanwhile) is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PullOperation } from '@shared/codat/schemas';
import type { OperationOutput, TimelineEvent } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

type Health = OperationOutput<'diagnosis.company'>;
type PullDetail = OperationOutput<'data.pull'>;

export type PullLoad =
  { status: 'loading' } | { status: 'ready'; detail: PullDetail } | { status: 'failed'; error: BridgeError };

/** One pull operation, read fresh each time: a row may be minutes old, and only this brings validation results. */
export function usePullOperation(companyId: string, datasetId: string) {
  const [load, setLoad] = useState<PullLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    void linkdesk.data.pull({ companyId, datasetId }).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'ready', detail: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [companyId, datasetId, attempt]);

  return { load, retry: () => setAttempt((count) => count + 1) };
}

/** Linkdesk's reading of the company: one close look when first shown; `check` for a fresh one. */
export function useDiagnosis(companyId: string, active: boolean) {
  const [health, setHealth] = useState<Health | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  const check = useCallback(async () => {
    setLoading(true);
    setError(null);
    const result = await linkdesk.diagnosis.company({ companyId });
    setLoading(false);
    if (result.ok) setHealth(result.value);
    else setError(result.error);
  }, [companyId]);

  // It costs a few Codat requests: only when the tab is first shown.
  const started = useRef(false);
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    void check();
  }, [active, check]);

  return { health, loading, error, check };
}

const pageSize = 50;

interface HistoryState {
  pulls: PullOperation[];
  totalResults: number;
  /** Pulls Codat listed on the pages read that Linkdesk could not read (not shown). */
  unreadable: number;
  /** The last page read. */
  page: number;
}

/** The company's pull operations, newest first, 50 at a time, optionally only the failed ones. */
export function usePullHistory(companyId: string, active: boolean) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [history, setHistory] = useState<HistoryState | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  // A reply to an older request (the filter changed meanwhile) is dropped.
  const requestCount = useRef(0);

  const load = useCallback(
    async (page: number, onlyErrors: boolean) => {
      const request = ++requestCount.current;
      setLoading(page === 1 ? 'first' : 'more');
      setError(null);
      const result = await linkdesk.data.history({ companyId, page, pageSize, errorsOnly: onlyErrors });
      if (request !== requestCount.current) return;
      setLoading(null);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const { results, totalResults, unreadable } = result.value;
      setHistory((current) => ({
        pulls:
          page === 1 || !current
            ? results
            : // Pages can shift while new pulls arrive: never list one twice.
              [...current.pulls, ...results.filter((pull) => !current.pulls.some((seen) => seen.id === pull.id))],
        totalResults,
        unreadable: (page === 1 || !current ? 0 : current.unreadable) + unreadable,
        page,
      }));
    },
    [companyId],
  );

  // Read on first showing; after that the analyst reloads when they want (load-more pages are kept).
  const started = useRef(false);
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    void load(1, errorsOnly);
  }, [active, errorsOnly, load]);

  const changeFilter = (checked: boolean) => {
    setErrorsOnly(checked);
    setHistory(null);
    void load(1, checked);
  };

  return { errorsOnly, history, loading, error, load, changeFilter };
}

export type TimelineLoad =
  | { status: 'loading'; connectionId: string }
  | { status: 'ready'; connectionId: string; events: TimelineEvent[] }
  | { status: 'failed'; connectionId: string; error: BridgeError };

/** One connection's story: read when shown and when another connection is picked, not on every return. */
export function useTimeline(companyId: string, connectionId: string | null, active: boolean) {
  const [load, setLoad] = useState<TimelineLoad | null>(null);
  const requestCount = useRef(0);

  const read = useCallback(
    async (id: string) => {
      const request = ++requestCount.current;
      setLoad({ status: 'loading', connectionId: id });
      const result = await linkdesk.diagnosis.timeline({ companyId, connectionId: id });
      if (request !== requestCount.current) return;
      setLoad(
        result.ok
          ? { status: 'ready', connectionId: id, events: result.value.events }
          : { status: 'failed', connectionId: id, error: result.error },
      );
    },
    [companyId],
  );

  useEffect(() => {
    if (!active || !connectionId || load?.connectionId === connectionId) return;
    void read(connectionId);
  }, [active, connectionId, load?.connectionId, read]);

  return { load, read };
}
