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

export function createHealthScanService(options: HealthScanOptions) {
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 2000;
  const concurrency = options.concurrency ?? 4;
  const progressEveryMs = options.progressEveryMs ?? 200;
  /** What Codat last said of the quota, unless it has reset since (a scan started after midnight UTC). */
  const rateLimit = () => rateLimitAt(options.rateLimit(), now());
  interface Scan {
    state: ScanState;
    issues: HealthIssue[];
    controller: AbortController;
    done: Promise<ScanOutcome>;
    budget: ScanBudget | null;
    profileId: string | null;
  }
  let current: Scan | null = null;
  /** Closer looks from earlier scans, reused while the company is unchanged. */
  const looks = options.looks ?? createCloserLookCache();

  function snapshot(): ScanState {
    return { ...(current as NonNullable<typeof current>).state };
  }

  async function run(scan: Scan): Promise<ScanOutcome> {
    const { state, controller, budget } = scan;
    const signal = controller.signal;
    let lastProgress = 0;
    /** A held-back update, sent once the gap has passed: the last event must say how far the scan got. */
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const progress = (force = false) => {
      state.rateLimitRemaining = rateLimit()?.remaining ?? state.rateLimitRemaining;
      state.issuesFound = scan.issues.length;
      const wait = progressEveryMs - (now() - lastProgress);
      if (force || wait <= 0) {
        if (trailing) clearTimeout(trailing);
        trailing = null;
        lastProgress = now();
        options.onProgress({ ...state });
      } else if (!trailing) {
        trailing = setTimeout(() => {
          trailing = null;
          progress(true);
        }, wait);
      }
    };
    const overQuota = () => isQuotaLow(rateLimit());
    const nextLooks = new Map<string, CloseLook>();
    /** Set when the budget said no, or a closer look failed: no further company is started. */
    let stopping = false;
    let stoppedForBudget = false;
    let skippedLooks = 0;
    let failure: unknown = null;
    try {
      const api = await options.api();
      const offline = await options.offlineConnectors();
      const thresholds = options.thresholds();
      for (let page = 1; ; page += 1) {
        if (overQuota()) {
          state.state = 'paused_for_quota';
          break;
        }
        if (budget && !budget.take(1)) {
          stoppedForBudget = true;
          state.state = 'paused_for_quota';
          break;
        }
        const listed = await api.listCompanies({ page, pageSize, signal });
        state.requestsUsed += 1;
        state.totalCompanies = listed.totalResults;
        if (listed.unreadable > 0) state.unreadable = (state.unreadable ?? 0) + listed.unreadable;
        const companies = listed.results;
        let index = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (index < companies.length && !stopping) {
              signal.throwIfAborted();
              const company = companies[index++] as Company;
              let look: CloseLook | undefined;
              if (needsCloserLook(company, now(), thresholds)) {
                state.closerLooks += 1;
                const print = fingerprint(company);
                const earlier = looks.get(company.id);
                if (earlier && earlier.fingerprint === print) {
                  look = earlier;
                  state.reused += 1;
                } else if (overQuota()) {
                  skippedLooks += 1;
                } else if (budget && !budget.take(2)) {
                  // This company waits for the next round: it is not counted as scanned.
                  stopping = stoppedForBudget = true;
                  break;
                } else {
                  try {
                    look = await closerLook(api, company, print, signal);
                  } catch (error) {
                    stopping = true;
                    throw error;
                  }
                  const used = look.pulls.length > 0 || needsHistory(look.dataStatus) ? 2 : 1;
                  state.requestsUsed += used;
                  budget?.giveBack(2 - used);
                }
                if (look) nextLooks.set(company.id, look);
              }
              scan.issues.push(
                ...classifyCompany({
                  company,
                  dataStatus: look?.dataStatus ?? null,
                  pulls: look?.pulls ?? null,
                  offlineConnectors: offline,
                  now: now(),
                  thresholds,
                }),
              );
              state.companiesScanned += 1;
              progress();
            }
          }),
        );
        if (stoppedForBudget) {
          state.state = 'paused_for_quota';
          break;
        }
        const onPage = companies.length + listed.unreadable;
        const seen = (listed.pageNumber - 1) * listed.pageSize + onPage;
        if (onPage === 0 || seen >= listed.totalResults) {
          state.state = 'finished';
          break;
        }
      }
    } catch (error) {
      stopping = true;
      if (signal.aborted) state.state = 'cancelled';
      else {
        failure = error;
        state.state = 'failed';
        state.error = error instanceof BridgeFailure ? error.error.message : 'The scan stopped unexpectedly.';
      }
    } finally {
      // A scan cleared away (a profile switch) leaves nothing behind for the next profile.
      if (current === scan) for (const [id, look] of nextLooks) looks.set(id, look);
      state.finishedAt = new Date(now()).toISOString();
      progress(true);
    }
    const outcome: ScanOutcome = {
      scan: { ...state },
      issues: [...scan.issues],
      profileId: scan.profileId,
      complete: state.state === 'finished' && !state.unreadable && skippedLooks === 0,
      stoppedForBudget,
      failure,
    };
    try {
      options.onFinished?.(outcome);
    } catch (error) {
      console.error(`[health] a finished scan could not be passed on: ${String(error)}`);
    }
    return outcome;
  }

  return {
    /** Starts a scan (a scan already running is returned as it is), within `budget` if one is given. */
    start(limits: { budget?: ScanBudget } = {}): ScanState {
      if (current?.state.state === 'running') return snapshot();
      const controller = new AbortController();
      const scan: Scan = {
        state: {
          scanId: randomUUID(),
          state: 'running' as const,
          startedAt: new Date(now()).toISOString(),
          finishedAt: null,
          companiesScanned: 0,
          totalCompanies: null,
          requestsUsed: 0,
          closerLooks: 0,
          reused: 0,
          rateLimitRemaining: rateLimit()?.remaining ?? null,
          issuesFound: 0,
        } as ScanState,
        issues: [] as HealthIssue[],
        controller,
        done: Promise.resolve(null as unknown as ScanOutcome),
        budget: limits.budget ?? null,
        profileId: options.profileId?.() ?? null,
      };
      current = scan;
      scan.done = run(scan);
      return snapshot();
    },
    cancel(scanId: string): ScanState {
      if (!current || current.state.scanId !== scanId) {
        throw new BridgeFailure({ code: 'invalid_input', message: 'That scan is no longer the current one.' });
      }
      current.controller.abort();
      return snapshot();
    },
    results() {
      return current ? { scan: snapshot(), issues: [...current.issues] } : null;
    },
    /** Resolves when the current scan has ended, with what it saw (null: there is none). */
    async settled(): Promise<ScanOutcome | null> {
      return (await current?.done) ?? null;
    },
    /** Stops the current scan and forgets every closer look (another profile's companies come next). */
    clear() {
      current?.controller.abort();
      current = null;
      looks.clear();
    },
  };
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

export type HealthScanService = ReturnType<typeof createHealthScanService>;
