/**
 * Main watches handed-over links, not the page: while the console runs, every `intervalMs` (2 minutes by
 * default) as long as some link still works or some first sync runs, it asks Codat about every hand-over still
 * followed, in as few requests as it can: the company list answer carries each company's connections, so one
 * `GET /companies?query=id=…||id=…` covers up to 49 companies (Codat's query must stay under 2048 characters).
 * A linked hand-over costs one `dataStatus` request a check until its first sync has finished (for
 * `firstSyncWatchMs`; after that, one an hour, so that a first sync that finished while the console was closed,
 * or an on-premise connector's that took a day, is still seen). Then it applies the
 * hand-over rules, saves, and says what happened. A failed check changes nothing but the time rules (a link
 * still expires offline), and the next one waits longer; a rate limit is honoured. No hand-over is dropped.
 */
import { q } from '@shared/codat/query';
import type { Company, DataStatuses } from '@shared/codat/schemas';
import {
  advanceHandOver,
  expiryReminderMs,
  firstSyncOutcome,
  isHandOverWatched,
  isReadingFirstSync,
  needsPromptChecks,
  syncsSinceHandOver,
  type CodatObservation,
  type HandOver,
  type HandOverEvent,
} from '@shared/domain/handovers';
import { rateLimitAt } from '@shared/domain/quota';
import { syncProgress } from '@shared/domain/watch';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import type { RateLimitInfo } from '../codat/http';
import type { HandOverStore } from './handovers-store';
import { realTimer, type Timer } from './timer';

export const followUpDefaults = {
  intervalMs: 2 * 60_000,
  /** After failures, checks wait up to this long. */
  maxBackoffMs: 30 * 60_000,
  /** Below this many requests left today, checks wait for the quota to reset (the user's own work goes first). */
  quotaReserve: 50,
  /** After `firstSyncWatchMs`, a linked hand-over's first sync is read this often. */
  lateFirstSyncEveryMs: 60 * 60_000,
} as const;

/** Codat's query must be under 2048 characters (docs/codat-api.md §4): `id=<uuid>` joined by `||` fits 49. */
const maxQueryLength = 2047;

export interface FollowUpWatcherOptions {
  store: HandOverStore;
  api(): Promise<CodatApi>;
  profileId(): string;
  now(): number;
  intervalMs?(): number;
  timer?: Timer;
  /** The latest X-Rate-Limit figures, for the quota reserve. */
  rateLimit?(): RateLimitInfo | null;
  /**
   * After every check that changed something (what to tell the user), or that could not ask Codat, or the first
   * that could again (how the watcher stands, with its next check planned).
   */
  onChanged(profileId: string, events: HandOverEvent[], watch: WatchState): void;
}

export interface CheckReport {
  /** Hand-overs asked about. */
  checked: number;
  /** Codat requests made. */
  requests: number;
  events: HandOverEvent[];
  /** Why Codat could not be asked (or not fully), in plain words. */
  problem: string | null;
  reason: WatchProblemReason | null;
}

export type WatchProblemReason = 'rate_limited' | 'quota' | 'unreachable' | 'refused';

export interface WatchState {
  checkedAt: string | null;
  /** Why the last check could not ask Codat, if it could not. */
  problem: string | null;
  reason: WatchProblemReason | null;
  /** When the next check is due, if one is. */
  nextCheckAt: string | null;
}

/** Company ids in groups whose `id=…||id=…` query stays under Codat's limit. */
export function companyIdGroups(ids: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let length = 0;
  for (const id of ids) {
    const added = `id=${id}`.length + (group.length > 0 ? 2 : 0);
    if (group.length > 0 && length + added > maxQueryLength) {
      groups.push(group);
      group = [];
      length = 0;
    }
    group.push(id);
    length += group.length === 1 ? `id=${id}`.length : added;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export function createFollowUpWatcher(options: FollowUpWatcherOptions) {
  const timer = options.timer ?? realTimer;
  const intervalMs = () => options.intervalMs?.() ?? followUpDefaults.intervalMs;
  let handle: unknown = null;
  let running = false;
  let stopped = true;
  let failures = 0;
  let waitUntil = 0;
  let checking: Promise<CheckReport> | null = null;
  const state: WatchState = { checkedAt: null, problem: null, reason: null, nextCheckAt: null };
  /** Per hand-over, when its first sync was last read after `firstSyncWatchMs` (in memory: at once after a start). */
  const lateFirstSyncReads = new Map<string, number>();
  const nextLateFirstSyncRead = (item: HandOver) =>
    (lateFirstSyncReads.get(item.id) ?? -Infinity) + followUpDefaults.lateFirstSyncEveryMs;
  /** Whether this check reads a linked hand-over's first sync. */
  const readsFirstSync = (item: HandOver, now: number) =>
    isReadingFirstSync(item, now) || now >= nextLateFirstSyncRead(item);

  function clear() {
    if (handle !== null) timer.clear(handle);
    handle = null;
    state.nextCheckAt = null;
  }

  /**
   * When the next check is due: soon while links work or first syncs run (later after failures, and not before
   * Codat said to), and at each reminder and expiry, which time alone decides.
   */
  function nextDelay(handOvers: readonly HandOver[], now: number): number | null {
    const due: number[] = [];
    const backoff = failures > 0 ? Math.min(intervalMs() * 2 ** (failures - 1), followUpDefaults.maxBackoffMs) : 0;
    const prompt = now + Math.max(intervalMs(), backoff, waitUntil - now);
    const notBefore = now + Math.max(backoff, waitUntil - now, 0);
    for (const item of handOvers) {
      if (!isHandOverWatched(item, now)) continue;
      if (needsPromptChecks(item, now)) due.push(prompt);
      else if (item.state === 'linked') due.push(Math.max(nextLateFirstSyncRead(item), notBefore));
      if (item.state === 'awaiting') {
        // Also when the moment has passed while the console was closed: then at once.
        const expiresAt = Date.parse(item.link.expiresAt);
        if (!item.notified.includes('expiring_soon') && now < expiresAt) {
          due.push(Math.max(expiresAt - expiryReminderMs, now));
        }
        due.push(Math.max(expiresAt, now));
      }
    }
    if (due.length === 0) return null;
    return Math.max(Math.min(...due) - now, 0);
  }

  async function reschedule(): Promise<void> {
    clear();
    if (stopped) return;
    const now = options.now();
    const delay = nextDelay(await options.store.list(options.profileId()), now);
    if (delay === null || stopped || handle !== null) return;
    state.nextCheckAt = new Date(now + delay).toISOString();
    handle = timer.set(() => {
      handle = null;
      void watcher.checkNow().catch((error: unknown) => console.error(`[followups] check failed: ${String(error)}`));
    }, delay);
  }

  /**
   * Asks Codat about every followed hand-over: what it learnt per hand-over id (absent: nothing), and the failure
   * that stopped it, if one did (what was learnt before it is kept).
   */
  async function ask(
    watched: readonly HandOver[],
    report: CheckReport,
  ): Promise<{ observations: Map<string, CodatObservation>; failure: unknown }> {
    const observations = new Map<string, CodatObservation>();
    const api = await options.api();
    const key = (id: string) => id.toLowerCase();
    const companies = new Map<string, Company>();
    /** Companies Codat answered about in full: one it did not list there is gone. */
    const answered = new Set<string>();
    const syncs = new Map<string, DataStatuses>();
    let failure: unknown = null;
    try {
      const ids = [...new Set(watched.map((item) => key(item.company.id)))];
      for (const group of companyIdGroups(ids)) {
        const page = await api.listCompanies({
          page: 1,
          pageSize: 100,
          query: q.or(...group.map((id) => q.eq('id', id))),
        });
        report.requests += 1;
        page.results.forEach((company) => companies.set(key(company.id), company));
        const complete = page.unreadable === 0 && page.totalResults <= page.results.length;
        (complete ? group : page.results.map((company) => key(company.id))).forEach((id) => answered.add(id));
      }
    } catch (error) {
      failure = error;
    }
    for (const item of watched) {
      if (!answered.has(key(item.company.id))) continue;
      const connection =
        companies
          .get(key(item.company.id))
          ?.dataConnections?.find((candidate) => key(candidate.id) === key(item.connection.id)) ?? null;
      const observation: CodatObservation = { connection };
      const now = options.now();
      if (failure === null && connection?.status === 'Linked' && readsFirstSync(item, now)) {
        if (!isReadingFirstSync(item, now)) lateFirstSyncReads.set(item.id, now);
        try {
          let statuses = syncs.get(key(item.company.id));
          if (!statuses) {
            statuses = await api.dataStatus(item.company.id);
            report.requests += 1;
            syncs.set(key(item.company.id), statuses);
          }
          observation.firstSync = firstSyncOutcome(syncProgress(syncsSinceHandOver(statuses, item.syncBaseline)));
        } catch (error) {
          // Linked is known; the first sync is read at the next check.
          failure = error;
        }
      }
      observations.set(item.id, observation);
    }
    return { observations, failure };
  }

  /**
   * Whether this check must ask Codat nothing: it asked to wait (Retry-After), or the quota left today is for
   * the user's own work. Time still ends links meanwhile.
   */
  function mustWait(report: CheckReport): boolean {
    if (options.now() < waitUntil) {
      report.problem = `Follow-ups wait until ${new Date(waitUntil).toISOString()}, as Codat asked.`;
      report.reason = 'rate_limited';
      return true;
    }
    const limit = rateLimitAt(options.rateLimit?.() ?? null, options.now());
    if (limit?.remaining == null || limit.remaining >= followUpDefaults.quotaReserve) return false;
    const resetAt = limit.resetAt ? Date.parse(limit.resetAt) : NaN;
    if (Number.isFinite(resetAt)) waitUntil = resetAt;
    report.problem = `Follow-ups wait: only ${limit.remaining} Codat requests are left today, kept for your own work.`;
    report.reason = 'quota';
    return true;
  }

  async function check(): Promise<{ report: CheckReport; profileId: string; learnt: boolean }> {
    const profileId = options.profileId();
    const report: CheckReport = { checked: 0, requests: 0, events: [], problem: null, reason: null };
    const started = options.now();
    const watched = (await options.store.list(profileId)).filter((item) => isHandOverWatched(item, started));
    report.checked = watched.length;
    let observations = new Map<string, CodatObservation>();
    if (watched.length > 0 && !mustWait(report)) {
      const asked = await ask(watched, report).catch((error: unknown) => ({
        observations: new Map<string, CodatObservation>(),
        failure: error,
      }));
      observations = asked.observations;
      if (asked.failure === null) {
        failures = 0;
        waitUntil = 0;
      } else {
        failures += 1;
        const failure = asked.failure instanceof BridgeFailure ? asked.failure.error : null;
        if (failure?.code === 'rate_limited') waitUntil = options.now() + (failure.retryAfterMs ?? intervalMs());
        report.reason =
          failure?.code === 'rate_limited'
            ? 'rate_limited'
            : failure?.code === 'network' || failure?.code === 'timeout'
              ? 'unreachable'
              : 'refused';
        report.problem = `Follow-ups could not ask Codat (${failure?.message ?? String(asked.failure)}); they will try again.`;
        console.warn(`[followups] ${report.problem}`);
      }
    }
    const now = options.now();
    // Nothing new (the usual check): nothing is written.
    const learnt = (await options.store.list(profileId)).some(
      (item) => advanceHandOver(item, observations.get(item.id) ?? null, now).changed,
    );
    if (learnt) {
      await options.store.update(profileId, (handOvers) =>
        handOvers.map((item) => {
          const { next, events } = advanceHandOver(item, observations.get(item.id) ?? null, now);
          report.events.push(...events);
          return next;
        }),
      );
    }
    state.checkedAt = new Date(now).toISOString();
    state.problem = report.problem;
    state.reason = report.reason;
    return { report, profileId, learnt };
  }

  const watcher = {
    /** Starts following (the composition root, while the app runs). */
    start(): void {
      stopped = false;
      void reschedule();
    },
    stop(): void {
      stopped = true;
      clear();
    },
    /** A hand-over was recorded, or the profile changed: plan the next check again. */
    wake(): void {
      if (!running) void reschedule();
    },
    /** Checks now (one check at a time: a call during a check gets that check's report), then plans the next. */
    checkNow(): Promise<CheckReport> {
      checking ??= (async () => {
        running = true;
        clear();
        const problemBefore = state.problem;
        let checked: Awaited<ReturnType<typeof check>> | null = null;
        try {
          checked = await check();
          return checked.report;
        } finally {
          running = false;
          checking = null;
          await reschedule();
          // Said after planning the next check, so that the status bar can say when it is.
          if (checked && (checked.learnt || checked.report.problem !== null || problemBefore !== null)) {
            options.onChanged(checked.profileId, checked.report.events, { ...state });
          }
        }
      })();
      return checking;
    },
    /** Resolves when the check under way (started by its timer or "Check now") has ended, with its report. */
    settled: (): Promise<CheckReport | null> => checking ?? Promise.resolve(null),
    state: (): WatchState => ({ ...state }),
  };
  return watcher;
}

export type FollowUpWatcher = ReturnType<typeof createFollowUpWatcher>;
