/**
 * The portfolio scan, as the Health page and the monitor's rounds start it: one at a time, cancellable, with its
 * progress told as it goes and its outcome once it has ended. How it walks the portfolio (list pages, closer looks,
 * the budget) is portfolio-scan.ts's. It stops by itself before it eats into the day's quota.
 */
import { randomUUID } from 'node:crypto';
import type { ScanState } from '@shared/contract';
import type { HealthIssue, HealthThresholds } from '@shared/domain/health/model';
import { isQuotaLow, quotaReserve, rateLimitAt } from '@shared/domain/quota';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import type { RateLimitInfo } from '../codat/http';
import type { ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';
import {
  createCloserLookCache,
  scanPages,
  throttled,
  type CloserLookCache,
  type ScanBudget,
  type ScanRun,
} from './portfolio-scan';

export interface HealthScanOptions {
  api(): Promise<CodatApi>;
  offlineConnectors(): Promise<ReadonlySet<string>>;
  thresholds(): HealthThresholds;
  rateLimit(): RateLimitInfo | null;
  onProgress(state: ScanState): void;
  now?: () => number;
  /** Companies per list page (Codat allows up to 5000; the spec's response schema caps pageSize at 2000). */
  pageSize?: number;
  /** Closer looks in flight at once. */
  concurrency?: number;
  /** Minimum gap between progress events. */
  progressEveryMs?: number;
  /** Closer looks shared with another scan (the monitor's and the Health page's), so that neither pays twice. */
  looks?: CloserLookCache;
  /** Whose scan it is (the active profile when it starts), passed on with its outcome. */
  profileId?(): string;
  /** Told once per scan, when it has ended, what it saw (the Health page's scans feed the issues inbox). */
  onFinished?(outcome: ScanOutcome): void;
  /**
   * Where a scan service that follows profile switches itself (the Health page's) hears of them: a switch stops its
   * scan and forgets its closer looks. The monitor's scanner has none: the monitor clears it.
   */
  lifetime?: { profileSwitches: ProfileSwitches; disposables: Disposables };
}

export interface ScanOutcome {
  scan: ScanState;
  issues: HealthIssue[];
  profileId: string | null;
  /**
   * Every company was listed and looked at as needed: an issue it did not find is not there. False when it
   * stopped early (budget, quota, failure, cancelled), skipped a closer look, or Codat listed unreadable companies.
   */
  complete: boolean;
  /** It stopped because its budget was spent (the ScanState then says `paused_for_quota`). */
  stoppedForBudget: boolean;
  /** What stopped it, when it failed. */
  failure: unknown;
}

// The reserve is shared with bulk fresh links (the renderer stops on it too).
export { quotaReserve };

export interface HealthScanService {
  /** Starts a scan (a scan already running is returned as it is), within `budget` if one is given. */
  start(limits?: { budget?: ScanBudget }): ScanState;
  cancel(scanId: string): ScanState;
  /** The current scan and what it found so far (null: none has run). */
  results(): { scan: ScanState; issues: HealthIssue[] } | null;
  /** Resolves when the current scan has ended, with what it saw (null: there is none). */
  settled(): Promise<ScanOutcome | null>;
  /** Stops the current scan and forgets every closer look (another profile's companies come next). */
  clear(): void;
}

interface Scan {
  state: ScanState;
  issues: HealthIssue[];
  controller: AbortController;
  done: Promise<ScanOutcome>;
  budget: ScanBudget | null;
  profileId: string | null;
}

function newScanState(at: number, rateLimitRemaining: number | null): ScanState {
  return {
    scanId: randomUUID(),
    state: 'running' as const,
    startedAt: new Date(at).toISOString(),
    finishedAt: null,
    companiesScanned: 0,
    totalCompanies: null,
    requestsUsed: 0,
    closerLooks: 0,
    reused: 0,
    rateLimitRemaining,
    issuesFound: 0,
  } as ScanState;
}

export function createHealthScanService(options: HealthScanOptions): HealthScanService {
  const now = options.now ?? Date.now;
  /** What Codat last said of the quota, unless it has reset since (a scan started after midnight UTC). */
  const rateLimit = () => rateLimitAt(options.rateLimit(), now());
  let current: Scan | null = null;
  /** Closer looks from earlier scans, reused while the company is unchanged. */
  const looks = options.looks ?? createCloserLookCache();

  function snapshot(): ScanState {
    return { ...(current as NonNullable<typeof current>).state };
  }

  function startRun(scan: Scan): ScanRun {
    const { state } = scan;
    const tell = () => {
      state.rateLimitRemaining = rateLimit()?.remaining ?? state.rateLimitRemaining;
      state.issuesFound = scan.issues.length;
    };
    const send = throttled(
      () => {
        tell();
        options.onProgress({ ...state });
      },
      options.progressEveryMs ?? 200,
      now,
    );
    return {
      scan,
      now,
      overQuota: () => isQuotaLow(rateLimit()),
      progress: (force) => {
        tell();
        send(force);
      },
      looks,
      nextLooks: new Map(),
      pageSize: options.pageSize ?? 2000,
      concurrency: options.concurrency ?? 4,
      stopping: false,
      stoppedForBudget: false,
      skippedLooks: 0,
    };
  }

  async function run(scan: Scan): Promise<ScanOutcome> {
    const { state, controller } = scan;
    const running = startRun(scan);
    let failure: unknown = null;
    try {
      await scanPages(running, {
        api: await options.api(),
        offline: await options.offlineConnectors(),
        thresholds: options.thresholds(),
      });
    } catch (error) {
      running.stopping = true;
      if (controller.signal.aborted) state.state = 'cancelled';
      else {
        failure = error;
        state.state = 'failed';
        state.error = error instanceof BridgeFailure ? error.error.message : 'The scan stopped unexpectedly.';
      }
    } finally {
      // A scan cleared away (a profile switch) leaves nothing behind for the next profile.
      if (current === scan) for (const [id, look] of running.nextLooks) looks.set(id, look);
      state.finishedAt = new Date(now()).toISOString();
      running.progress(true);
    }
    const outcome: ScanOutcome = {
      scan: { ...state },
      issues: [...scan.issues],
      profileId: scan.profileId,
      complete: state.state === 'finished' && !state.unreadable && running.skippedLooks === 0,
      stoppedForBudget: running.stoppedForBudget,
      failure,
    };
    try {
      options.onFinished?.(outcome);
    } catch (error) {
      console.error(`[health] a finished scan could not be passed on: ${String(error)}`);
    }
    return outcome;
  }

  const service: HealthScanService = {
    start(limits = {}) {
      if (current?.state.state === 'running') return snapshot();
      const scan: Scan = {
        state: newScanState(now(), rateLimit()?.remaining ?? null),
        issues: [],
        controller: new AbortController(),
        done: Promise.resolve(null as unknown as ScanOutcome),
        budget: limits.budget ?? null,
        profileId: options.profileId?.() ?? null,
      };
      current = scan;
      scan.done = run(scan);
      return snapshot();
    },
    cancel(scanId) {
      if (!current || current.state.scanId !== scanId) {
        throw new BridgeFailure({ code: 'invalid_input', message: 'That scan is no longer the current one.' });
      }
      current.controller.abort();
      return snapshot();
    },
    results() {
      return current ? { scan: snapshot(), issues: [...current.issues] } : null;
    },
    async settled() {
      return (await current?.done) ?? null;
    },
    clear() {
      current?.controller.abort();
      current = null;
      looks.clear();
    },
  };
  const lifetime = options.lifetime;
  if (lifetime) lifetime.disposables.add(lifetime.profileSwitches.onSwitch(() => service.clear()));
  return service;
}
