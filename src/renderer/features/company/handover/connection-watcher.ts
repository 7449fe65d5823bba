/**
 * Watches one connection after its link was handed over: polls it until it is Linked, then polls the
 * company's data status until the first sync has finished. One request at a time, a timeout chain (never
 * an interval), paused while the page is hidden, stopped after `maxWatchMs`, and slowed down when Codat
 * says so. Plain TypeScript so the rules can be read (and tested) without React.
 */
import type { Connection, DataConnectionError, DataStatuses } from '@shared/codat/schemas';
import { errorKey, isSyncSettled, newErrors, syncProgress, watchLimits, type SyncProgress } from '@shared/domain/watch';
import type { BridgeError, Result } from '@shared/result';

export type WatchPhase = 'authorising' | 'syncing' | 'synced';

export type WatchStop = { reason: 'time' } | { reason: 'error'; error: BridgeError };

export interface WatchSnapshot {
  phase: WatchPhase;
  /** Polling has ended until the user asks to check again. */
  stopped: WatchStop | null;
  /** The page is hidden, so nothing is being asked. */
  paused: boolean;
  /** When Codat last answered (the hand-over read counts). */
  lastCheckedAt: number;
  /** Codat asked us to slow down: no request before this time. */
  retryAt: number | null;
  /** The last check failed in a way that retrying may fix. */
  lastError: BridgeError | null;
  linkedAt: number | null;
  /** Errors that appeared after the hand-over (not the ones the connection already had). */
  newErrors: DataConnectionError[];
  /** The first sync, per data type; empty until the data status has been read once. */
  sync: SyncProgress[];
}

export interface ConnectionWatcherOptions {
  getConnection(): Promise<Result<Connection>>;
  dataStatus(): Promise<Result<DataStatuses>>;
  /** `errorBaseline(connection)` when the link was first shown. */
  errorBaseline: readonly string[];
  /**
   * The company may already have synced data (another or an earlier link), so the data status must be read
   * once before the customer authorises, to tell this first sync from older ones.
   */
  needsSyncBaseline: boolean;
  /** When the connection was last read (the hand-over). */
  checkedAt: number;
  onSnapshot(snapshot: WatchSnapshot): void;
  onConnection(connection: Connection): void;
  onLinked(connection: Connection): void;
  /** Data types that finished (complete or failed) since the previous poll, in one batch. */
  onSyncSettled(finished: SyncProgress[]): void;
  /** A new error appeared: the customer's attempt ended, so the link has been used. */
  onNewErrors(errors: DataConnectionError[]): void;
  isHidden(): boolean;
  now?: () => number;
  pollMs?: number;
  maxWatchMs?: number;
}

export interface ConnectionWatcher {
  start(): void;
  stop(): void;
  /** "Check again": another full watch period from now. */
  resume(): void;
  visibilityChanged(): void;
}

/** Failures worth another try at the next poll; anything else stops the watch with the error shown. */
function isTransient(error: BridgeError): boolean {
  if (error.code === 'network' || error.code === 'timeout' || error.code === 'bad_response') return true;
  return error.code === 'codat' && (error.status === undefined || error.status >= 500 || error.status === 408);
}

export function createConnectionWatcher(options: ConnectionWatcherOptions): ConnectionWatcher {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? watchLimits.pollMs;
  const maxWatchMs = options.maxWatchMs ?? watchLimits.maxWatchMs;

  let snapshot: WatchSnapshot = {
    phase: 'authorising',
    stopped: null,
    paused: false,
    lastCheckedAt: options.checkedAt,
    retryAt: null,
    lastError: null,
    linkedAt: null,
    newErrors: [],
    sync: [],
  };
  let deadline = now() + maxWatchMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let disposed = false;
  let baselinePending = options.needsSyncBaseline;
  /** latestSyncId per data type before the hand-over; null when it could not be read (then show every type). */
  let syncBaseline: Record<string, string | undefined> | null = {};
  const reportedFinished = new Set<string>();

  const update = (patch: Partial<WatchSnapshot>) => {
    snapshot = { ...snapshot, ...patch };
    options.onSnapshot(snapshot);
  };

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  function schedule(delayMs: number) {
    clearTimer();
    // A request in flight schedules the next one itself when it answers: never two at once.
    if (disposed || inFlight || snapshot.stopped || snapshot.phase === 'synced') return;
    if (options.isHidden()) {
      if (!snapshot.paused) update({ paused: true });
      return;
    }
    if (snapshot.paused) update({ paused: false });
    timer = setTimeout(
      () => {
        timer = null;
        void check();
      },
      Math.max(0, delayMs),
    );
  }

  /** Back from hidden: keep the cadence rather than firing at once, and honour any wait Codat asked for. */
  function delayFromNow(): number {
    const sinceLast = now() - snapshot.lastCheckedAt;
    return Math.max(0, pollMs - sinceLast, (snapshot.retryAt ?? 0) - now());
  }

  async function check() {
    if (disposed || inFlight) return;
    if (options.isHidden()) return schedule(0);
    if (now() >= deadline) return update({ stopped: { reason: 'time' }, paused: false });
    inFlight = true;
    let nextDelay = pollMs;
    try {
      if (baselinePending) nextDelay = await readSyncBaseline();
      else if (snapshot.phase === 'authorising') nextDelay = await checkConnection();
      else nextDelay = await checkSync();
    } finally {
      inFlight = false;
    }
    if (!disposed) schedule(nextDelay);
  }

  function failed(error: BridgeError): number {
    if (error.code === 'rate_limited') {
      const wait = Math.max(error.retryAfterMs ?? pollMs * 2, pollMs);
      update({ lastError: error, retryAt: now() + wait });
      return wait;
    }
    if (isTransient(error)) {
      update({ lastError: error, retryAt: null });
      return pollMs;
    }
    update({ lastError: null, retryAt: null, stopped: { reason: 'error', error } });
    return pollMs;
  }

  async function readSyncBaseline(): Promise<number> {
    const result = await options.dataStatus();
    if (disposed) return pollMs;
    if (!result.ok && result.error.code === 'rate_limited') return failed(result.error);
    baselinePending = false;
    syncBaseline = result.ok
      ? Object.fromEntries(
          Object.values(result.value)
            .filter((status) => !!status)
            .map((status) => [status.dataType, status.latestSyncId]),
        )
      : null;
    if (snapshot.lastError) update({ lastError: null, retryAt: null });
    return pollMs;
  }

  async function checkConnection(): Promise<number> {
    const result = await options.getConnection();
    if (disposed) return pollMs;
    if (!result.ok) return failed(result.error);
    const connection = result.value;
    const checkedAt = now();
    options.onConnection(connection);
    const fresh = newErrors(connection, options.errorBaseline);
    const known = new Set(snapshot.newErrors.map(errorKey));
    const appeared = fresh.filter((error) => !known.has(errorKey(error)));
    const patch: Partial<WatchSnapshot> = {
      lastCheckedAt: checkedAt,
      lastError: null,
      retryAt: null,
      newErrors: fresh,
    };
    if (connection.status === 'Linked') {
      // The first sync gets a watch period of its own.
      deadline = checkedAt + maxWatchMs;
      update({ ...patch, phase: 'syncing', linkedAt: checkedAt });
      options.onLinked(connection);
      return 0;
    }
    update(patch);
    if (appeared.length > 0) options.onNewErrors(appeared);
    return pollMs;
  }

  async function checkSync(): Promise<number> {
    const result = await options.dataStatus();
    if (disposed) return pollMs;
    if (!result.ok) return failed(result.error);
    const progress = syncProgress(firstSyncOnly(result.value, syncBaseline));
    const finished = progress.filter(
      (item) => (item.state === 'complete' || item.state === 'failed') && !reportedFinished.has(item.dataType),
    );
    finished.forEach((item) => reportedFinished.add(item.dataType));
    const done = progress.length > 0 && progress.every(isSyncSettled);
    update({
      sync: progress,
      lastCheckedAt: now(),
      lastError: null,
      retryAt: null,
      phase: done ? 'synced' : 'syncing',
    });
    if (finished.length > 0) options.onSyncSettled(finished);
    return pollMs;
  }

  return {
    start() {
      options.onSnapshot(snapshot);
      schedule(baselinePending ? 0 : pollMs);
    },
    stop() {
      disposed = true;
      clearTimer();
    },
    resume() {
      if (disposed) return;
      deadline = now() + maxWatchMs;
      update({ stopped: null, lastError: null });
      schedule(Math.max(0, (snapshot.retryAt ?? 0) - now()));
    },
    visibilityChanged() {
      if (disposed) return;
      if (options.isHidden()) {
        clearTimer();
        if (!snapshot.stopped && snapshot.phase !== 'synced' && !snapshot.paused) update({ paused: true });
        return;
      }
      schedule(delayFromNow());
    },
  };
}

/** Only the data types whose latest pull is newer than what the company had when the link was handed over. */
function firstSyncOnly(statuses: DataStatuses, baseline: Record<string, string | undefined> | null): DataStatuses {
  // A type that was never synced carries no sync id, and is not part of this sync either.
  return Object.fromEntries(
    Object.entries(statuses).filter(
      ([, status]) =>
        !!status?.latestSyncId && (baseline === null || status.latestSyncId !== baseline[status.dataType]),
    ),
  );
}
