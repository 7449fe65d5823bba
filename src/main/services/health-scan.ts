/**
 * The portfolio scan: every company page by page (connections come with the list), and a closer look
 * (dataStatus, and history only where dataStatus shows trouble) just for companies whose Linked connections
 * have not synced recently. A rescan reuses a closer look when nothing about the company changed.
 * It stops by itself before it eats into the day's quota, and can be cancelled. Given a budget (the monitor's
 * rounds), it asks the budget before every request and stops, having spent no more, when the budget says no.
 */
import { randomUUID } from 'node:crypto';
import type { ScanState } from '@shared/contract';
import type { Company, DataStatuses, PullOperation } from '@shared/codat/schemas';

import type { HealthIssue, HealthThresholds } from '@shared/domain/health/model';
import { classifyCompany, needsCloserLook } from '@main/rules/health';
import { isQuotaLow, quotaReserve, rateLimitAt } from '@shared/domain/quota';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import type { RateLimitInfo } from '../codat/http';
import type { ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';

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

/** Requests a scan may make: asked before each (a closer look reserves 2, and gives back what it did not use). */
export interface ScanBudget {
  take(requests: number): boolean;
  giveBack(requests: number): void;
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

export type CloserLookCache = Map<string, CloseLook>;
export const createCloserLookCache = (): CloserLookCache => new Map();

export interface CloseLook {
  fingerprint: string;
  dataStatus: DataStatuses;
  pulls: PullOperation[];
}

// The reserve is shared with bulk fresh links (the renderer stops on it too).
export { quotaReserve };

function fingerprint(company: Company): string {
  return JSON.stringify([
    company.lastSync ?? null,
    (company.dataConnections ?? []).map((connection) => [
      connection.id,
      connection.status,
      connection.lastSync ?? null,
    ]),
  ]);
}

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

/** What one scan works with while it runs, and how far it has got. */
interface ScanRun {
  scan: Scan;
  now(): number;
  /** The day's quota is down to the reserve. */
  overQuota(): boolean;
  /** Tells the progress, at most every `progressEveryMs` unless `force`d. */
  progress(force?: boolean): void;
  /** Closer looks from earlier scans, and those this scan made or kept (they replace the earlier at its end). */
  looks: CloserLookCache;
  nextLooks: Map<string, CloseLook>;
  pageSize: number;
  concurrency: number;
  /** Set when the budget said no, or a closer look failed: no further company is started. */
  stopping: boolean;
  stoppedForBudget: boolean;
  skippedLooks: number;
}

/** What Codat said before the scan began: the API, the offline connectors, and the thresholds it judges by. */
interface ScanInputs {
  api: CodatApi;
  offline: ReadonlySet<string>;
  thresholds: HealthThresholds;
}

/**
 * Calls `send` at most every `everyMs`; a call held back is sent once the gap has passed, so that the last word
 * always says how far the scan got.
 */
function throttled(send: () => void, everyMs: number, now: () => number): (force?: boolean) => void {
  let last = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const call = (force = false) => {
    const wait = everyMs - (now() - last);
    if (force || wait <= 0) {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      last = now();
      send();
    } else if (!trailing) {
      trailing = setTimeout(() => {
        trailing = null;
        call(true);
      }, wait);
    }
  };
  return call;
}

/** A company's closer look: reused while it is unchanged, else made within the budget ('stop': the budget said no). */
async function closerLookFor(run: ScanRun, api: CodatApi, company: Company): Promise<CloseLook | undefined | 'stop'> {
  const { state, budget, controller } = run.scan;
  state.closerLooks += 1;
  const print = fingerprint(company);
  const earlier = run.looks.get(company.id);
  if (earlier && earlier.fingerprint === print) {
    state.reused += 1;
    return earlier;
  }
  if (run.overQuota()) {
    run.skippedLooks += 1;
    return undefined;
  }
  if (budget && !budget.take(2)) return 'stop';
  let look: CloseLook;
  try {
    look = await closerLook(api, company, print, controller.signal);
  } catch (error) {
    run.stopping = true;
    throw error;
  }
  const used = look.pulls.length > 0 || needsHistory(look.dataStatus) ? 2 : 1;
  state.requestsUsed += used;
  budget?.giveBack(2 - used);
  return look;
}

/** Classifies one list page's companies, `concurrency` at a time, with closer looks where needed. */
async function scanCompanies(run: ScanRun, inputs: ScanInputs, companies: Company[]): Promise<void> {
  let index = 0;
  const worker = async () => {
    while (index < companies.length && !run.stopping) {
      run.scan.controller.signal.throwIfAborted();
      const company = companies[index++] as Company;
      let look: CloseLook | undefined;
      if (needsCloserLook(company, run.now(), inputs.thresholds)) {
        const found = await closerLookFor(run, inputs.api, company);
        if (found === 'stop') {
          // This company waits for the next round: it is not counted as scanned.
          run.stopping = run.stoppedForBudget = true;
          break;
        }
        look = found;
        if (look) run.nextLooks.set(company.id, look);
      }
      run.scan.issues.push(
        ...classifyCompany({
          company,
          dataStatus: look?.dataStatus ?? null,
          pulls: look?.pulls ?? null,
          offlineConnectors: inputs.offline,
          now: run.now(),
          thresholds: inputs.thresholds,
        }),
      );
      run.scan.state.companiesScanned += 1;
      run.progress();
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
}

/** Lists the companies page by page and scans each page, until the last, the quota or the budget says stop. */
async function scanPages(run: ScanRun, inputs: ScanInputs): Promise<void> {
  const { state, budget, controller } = run.scan;
  for (let page = 1; ; page += 1) {
    if (run.overQuota()) {
      state.state = 'paused_for_quota';
      return;
    }
    if (budget && !budget.take(1)) {
      run.stoppedForBudget = true;
      state.state = 'paused_for_quota';
      return;
    }
    const listed = await inputs.api.listCompanies({ page, pageSize: run.pageSize, signal: controller.signal });
    state.requestsUsed += 1;
    state.totalCompanies = listed.totalResults;
    if (listed.unreadable > 0) state.unreadable = (state.unreadable ?? 0) + listed.unreadable;
    await scanCompanies(run, inputs, listed.results);
    if (run.stoppedForBudget) {
      state.state = 'paused_for_quota';
      return;
    }
    const onPage = listed.results.length + listed.unreadable;
    const seen = (listed.pageNumber - 1) * listed.pageSize + onPage;
    if (onPage === 0 || seen >= listed.totalResults) {
      state.state = 'finished';
      return;
    }
  }
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

/** Only worth the history request when the data status shows something other than finished syncs. */
function needsHistory(dataStatus: DataStatuses): boolean {
  return Object.values(dataStatus).some(
    (status) =>
      !!status?.currentStatus && status.currentStatus !== 'Complete' && status.currentStatus !== 'NotSupported',
  );
}

async function closerLook(api: CodatApi, company: Company, print: string, signal: AbortSignal): Promise<CloseLook> {
  const dataStatus = await api.dataStatus(company.id, signal);
  const pulls = needsHistory(dataStatus)
    ? (await api.pullHistory(company.id, { pageSize: 50, orderBy: '-requested', signal })).results
    : [];
  return { fingerprint: print, dataStatus, pulls };
}
