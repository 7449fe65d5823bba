/**
 * How a Health scan walks the portfolio (health-scan.ts runs it): the company list page by page, each page's
 * companies a few at a time, and a closer look (dataStatus, and history only where dataStatus shows trouble) where a
 * Linked connection has not synced recently, reused while nothing about the company changed. With a budget, it asks
 * before every request and stops, having spent no more, when the budget says no.
 */
import type { ScanState } from '@shared/contract';
import type { Company, DataStatuses, PullOperation } from '@shared/codat/schemas';
import type { HealthIssue, HealthThresholds } from '@shared/domain/health/model';
import { classifyCompany, needsCloserLook } from '@main/rules/health';
import type { CodatApi } from '../codat/api';

/** Requests a scan may make: asked before each (a closer look reserves 2, and gives back what it did not use). */
export interface ScanBudget {
  take(requests: number): boolean;
  giveBack(requests: number): void;
}

export type CloserLookCache = Map<string, CloseLook>;
export const createCloserLookCache = (): CloserLookCache => new Map();

export interface CloseLook {
  fingerprint: string;
  dataStatus: DataStatuses;
  pulls: PullOperation[];
}

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

/** What one scan works with while it runs, and how far it has got. */
export interface ScanRun {
  scan: {
    state: ScanState;
    issues: HealthIssue[];
    controller: AbortController;
    budget: ScanBudget | null;
  };
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
export function throttled(send: () => void, everyMs: number, now: () => number): (force?: boolean) => void {
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
export async function scanPages(run: ScanRun, inputs: ScanInputs): Promise<void> {
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
