/**
 * The portfolio scan as the Health page sees it: the latest scan's state (from `health.progress` events and call
 * answers, whichever is newer) and its issues (from `health.results`: at most every ~2 s while it runs, and once
 * more when it ends).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanState } from '@shared/contract';
import type { HealthIssue } from '@shared/domain/health/model';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

/** How often, at most, a running scan's issue list is read again (each read carries every issue so far). */
export const refreshEveryMs = 2000;

export interface ScanResults {
  /** The scan these issues came from, as it was when they were read: their time and completeness. */
  scan: ScanState;
  issues: HealthIssue[];
}

export interface HealthScan {
  /** The latest scan, or null before the first one. */
  scan: ScanState | null;
  results: ScanResults | null;
  /** The first read of the results has not answered yet. */
  loading: boolean;
  loadError: BridgeError | null;
  /** Start or cancel failed. */
  actionError: { title: string; error: BridgeError } | null;
  /** Scan asked for, not yet answered. */
  starting: boolean;
  /** Cancel asked for, the scan not yet stopped. */
  cancelling: boolean;
  start(): void;
  cancel(): void;
  reload(): void;
}

const isRunning = (scan: ScanState) => scan.state === 'running';

/**
 * Events and answers can arrive out of order (a fast rescan's "finished" event before the answer to start
 * that says "running"): a newer scan wins, and a scan never goes back from ended to running or backwards in count.
 */
export function laterScanState(current: ScanState | null, incoming: ScanState): ScanState {
  if (!current) return incoming;
  if (current.scanId !== incoming.scanId) {
    return Date.parse(incoming.startedAt) >= Date.parse(current.startedAt) ? incoming : current;
  }
  if (!isRunning(current)) return isRunning(incoming) ? current : incoming;
  if (isRunning(incoming) && incoming.companiesScanned < current.companiesScanned) return current;
  return incoming;
}

export function useHealthScan(): HealthScan {
  const [scan, setScan] = useState<ScanState | null>(null);
  const [results, setResults] = useState<ScanResults | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<BridgeError | null>(null);
  const [actionError, setActionError] = useState<HealthScan['actionError']>(null);
  const [starting, setStarting] = useState(false);
  /** The scan a cancel was asked for; '' while the scan it is for has not been started yet. */
  const [cancelFor, setCancelFor] = useState<string | null>(null);

  const mounted = useRef(true);
  /** Only the answer to the latest read counts. */
  const readSequence = useRef(0);
  const lastReadAt = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** `scanId:state` of the ended scan whose final results were asked for, so they are read once. */
  const finalReadFor = useRef<string | null>(null);
  /** Starts asked for: a read sent before one may wrongly say "no scan". */
  const starts = useRef(0);

  const readResults = useCallback(async () => {
    const sequence = ++readSequence.current;
    const startsBefore = starts.current;
    lastReadAt.current = Date.now();
    const answer = await linkdesk.health.results();
    if (!mounted.current || sequence !== readSequence.current) return;
    setLoading(false);
    if (!answer.ok) {
      setLoadError(answer.error);
      return;
    }
    setLoadError(null);
    const latest = answer.value;
    if (!latest) {
      // Main has no scan for this profile (none yet, or the profile changed): whatever was shown is not its.
      if (startsBefore === starts.current) {
        setScan(null);
        setResults(null);
      }
      return;
    }
    // An ended scan's results are final: no need to read them again when its end is noticed.
    if (!isRunning(latest.scan)) finalReadFor.current = `${latest.scan.scanId}:${latest.scan.state}`;
    setScan((current) => laterScanState(current, latest.scan));
    setResults((current) =>
      current && current.scan.scanId === latest.scan.scanId && laterScanState(current.scan, latest.scan) !== latest.scan
        ? current
        : { scan: latest.scan, issues: latest.issues },
    );
  }, []);

  const clearRefresh = () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = null;
  };

  useEffect(() => {
    mounted.current = true;
    const unsubscribers = [
      linkdesk.on('health.progress', (state) => setScan((current) => laterScanState(current, state))),
      linkdesk.on('profiles.changed', () => {
        // Another profile's scan is not this one's: start over.
        clearRefresh();
        finalReadFor.current = null;
        setScan(null);
        setResults(null);
        setLoading(true);
        void readResults();
      }),
    ];
    void readResults();
    return () => {
      mounted.current = false;
      clearRefresh();
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, [readResults]);

  // Keep the issues in step with the scan: throttled while it runs, once more when it ends.
  const shownScanId = results?.scan.scanId ?? null;
  const shownIssues = results?.issues.length ?? 0;
  useEffect(() => {
    if (!scan) return;
    if (!isRunning(scan)) {
      clearRefresh();
      const marker = `${scan.scanId}:${scan.state}`;
      if (finalReadFor.current !== marker) {
        finalReadFor.current = marker;
        void readResults();
      }
      return;
    }
    if (shownScanId === scan.scanId && shownIssues === scan.issuesFound) return;
    if (refreshTimer.current) return;
    const wait = Math.max(0, lastReadAt.current + refreshEveryMs - Date.now());
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void readResults();
    }, wait);
  }, [scan, shownScanId, shownIssues, readResults]);

  const cancelScan = useCallback(async (scanId: string) => {
    setCancelFor(scanId);
    const answer = await linkdesk.health.cancelScan({ scanId });
    if (!mounted.current) return;
    if (answer.ok) setScan((current) => laterScanState(current, answer.value));
    else {
      setCancelFor(null);
      setActionError({ title: 'Could not cancel the scan', error: answer.error });
    }
  }, []);

  const cancelWanted = useRef(false);
  const startScan = useCallback(async () => {
    starts.current += 1;
    cancelWanted.current = false;
    setStarting(true);
    setActionError(null);
    setCancelFor(null);
    const answer = await linkdesk.health.startScan();
    if (!mounted.current) return;
    setStarting(false);
    if (!answer.ok) {
      setActionError({ title: 'Could not start the scan', error: answer.error });
      return;
    }
    setScan((current) => laterScanState(current, answer.value));
    // Cancel was pressed before main said which scan it started.
    if (cancelWanted.current && isRunning(answer.value)) void cancelScan(answer.value.scanId);
  }, [cancelScan]);

  const start = useCallback(() => void startScan(), [startScan]);
  const reload = useCallback(() => void readResults(), [readResults]);
  const cancel = useCallback(() => {
    setActionError(null);
    if (starting) {
      cancelWanted.current = true;
      setCancelFor('');
    } else if (scan && isRunning(scan)) void cancelScan(scan.scanId);
  }, [starting, scan, cancelScan]);

  const cancelling = (starting && cancelFor === '') || (scan !== null && isRunning(scan) && cancelFor === scan.scanId);

  return {
    scan,
    results,
    loading,
    loadError,
    actionError,
    starting,
    cancelling,
    start,
    cancel,
    reload,
  };
}
