/**
 * Main watches handed-over links, not the page: while the console runs, every `intervalMs` (2 minutes by
 * default) as long as some link still works or some first sync runs, it asks Codat about every hand-over still
 * followed, in as few requests as it can (handover-observations.ts): the company list answer carries each company's
 * connections, so one `GET /companies?query=id=…||id=…` covers up to 49 companies.
 * A linked hand-over costs one `dataStatus` request a check until its first sync has finished (for
 * `firstSyncWatchMs`; after that, one an hour, so that a first sync that finished while the console was closed,
 * or an on-premise connector's that took a day, is still seen). Then it applies the
 * hand-over rules, saves, and says what happened. A failed check changes nothing but the time rules (a link
 * still expires offline), and the next one waits longer; a rate limit is honoured (the scheduler keeps both). No
 * hand-over is dropped.
 */
import {
  advanceHandOver,
  expiryReminderMs,
  isHandOverWatched,
  needsPromptChecks,
  type CodatObservation,
  type HandOver,
  type HandOverEvent,
} from '@shared/domain/handovers';
import { rateLimitAt } from '@shared/domain/quota';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import type { RateLimitInfo } from '../codat/http';
import type { EventPublisher, ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';
import type { FollowUpAnnouncer } from './followup-notifications';
import { askCodat, lateFirstSyncEveryMs, LateFirstSyncReads, type CodatAnswers } from './handover-observations';
import type { HandOverStore } from './handovers-store';
import type { Scheduler } from './scheduler';

export const followUpDefaults = {
  intervalMs: 2 * 60_000,
  /** After failures, checks wait up to this long. */
  maxBackoffMs: 30 * 60_000,
  /** Below this many requests left today, checks wait for the quota to reset (the user's own work goes first). */
  quotaReserve: 50,
  /** After `firstSyncWatchMs`, a linked hand-over's first sync is read this often. */
  lateFirstSyncEveryMs,
} as const;

export interface FollowUpWatcherOptions {
  store: HandOverStore;
  api(): Promise<CodatApi>;
  profileId(): string;
  now(): number;
  /** Plans the checks, with their back-off and Codat's waits; a profile switch cancels what it planned. */
  scheduler: Scheduler;
  /** After a switch the other profile's hand-overs are planned for. */
  profileSwitches: ProfileSwitches;
  disposables: Disposables;
  /**
   * `followups.changed` goes out after every check that changed something (what to tell the user), or that could
   * not ask Codat, or the first that could again (how the watcher stands, with its next check planned).
   */
  events: EventPublisher;
  /** The notice of a check's events, shown by main where it can. */
  announcer: FollowUpAnnouncer;
  intervalMs?(): number;
  /** The latest X-Rate-Limit figures, for the quota reserve. */
  rateLimit?(): RateLimitInfo | null;
}

export interface FollowUpWatcher {
  /** Starts following (the composition root, while the app runs): plans the first check. */
  start(): void;
  /** A hand-over was recorded, or the interval changed: plan the next check again. */
  wake(): void;
  /** Checks now (one check at a time: a call during a check gets that check's report), then plans the next. */
  checkNow(): Promise<CheckReport>;
  /** Resolves when the check under way (started by its timer or "Check now") has ended, with its report. */
  settled(): Promise<CheckReport | null>;
  state(): WatchState;
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

/** The scheduler's name for the next check. */
const checkJob = 'check';

/**
 * When the next check is due (null: none is): soon while links work or first syncs run (`prompt`), a linked
 * hand-over's late first sync when it is next read (not before `notBefore`), and each reminder and expiry, which
 * time alone decides.
 */
function nextCheckAt(
  handOvers: readonly HandOver[],
  now: number,
  { prompt, notBefore, lateReads }: { prompt: number; notBefore: number; lateReads: LateFirstSyncReads },
): number | null {
  const due: number[] = [];
  for (const item of handOvers) {
    if (!isHandOverWatched(item, now)) continue;
    if (needsPromptChecks(item, now)) due.push(prompt);
    else if (item.state === 'linked') due.push(Math.max(lateReads.next(item), notBefore));
    if (item.state === 'awaiting') {
      // Also when the moment has passed while the console was closed: then at once.
      const expiresAt = Date.parse(item.link.expiresAt);
      if (!item.notified.includes('expiring_soon') && now < expiresAt) {
        due.push(Math.max(expiresAt - expiryReminderMs, now));
      }
      due.push(Math.max(expiresAt, now));
    }
  }
  return due.length === 0 ? null : Math.max(Math.min(...due), now);
}

/** Why Codat could not be asked, as the status bar tells it. */
function problemReason(failure: unknown): WatchProblemReason {
  const code = failure instanceof BridgeFailure ? failure.error.code : null;
  if (code === 'rate_limited') return 'rate_limited';
  return code === 'network' || code === 'timeout' ? 'unreachable' : 'refused';
}

export function createFollowUpWatcher(options: FollowUpWatcherOptions): FollowUpWatcher {
  const { scheduler } = options;
  const intervalMs = () => options.intervalMs?.() ?? followUpDefaults.intervalMs;
  let following = false;
  let running = false;
  let checking: Promise<CheckReport> | null = null;
  const state: Omit<WatchState, 'nextCheckAt'> = { checkedAt: null, problem: null, reason: null };
  const lateReads = new LateFirstSyncReads();

  const watchState = (): WatchState => {
    const next = scheduler.plannedAt(checkJob);
    return { ...state, nextCheckAt: next === null ? null : new Date(next).toISOString() };
  };

  /** Plans the next check: later after failures, and not before Codat said to. */
  async function reschedule(): Promise<void> {
    scheduler.cancel(checkJob);
    if (!following) return;
    const asOf = scheduler.generation();
    const handOvers = await options.store.list(options.profileId());
    const now = options.now();
    const backoff = scheduler.backoffMs(intervalMs(), followUpDefaults.maxBackoffMs);
    const wait = scheduler.waitingUntil() - now;
    const at = nextCheckAt(handOvers, now, {
      prompt: now + Math.max(intervalMs(), backoff, wait),
      notBefore: now + Math.max(backoff, wait, 0),
      lateReads,
    });
    if (at === null) return;
    scheduler.plan(checkJob, at, () => watcher.checkNow(), asOf);
  }

  /**
   * Whether this check must ask Codat nothing: it asked to wait (Retry-After), or the quota left today is for
   * the user's own work. Time still ends links meanwhile.
   */
  function mustWait(report: CheckReport): boolean {
    const waitUntil = scheduler.waitingUntil();
    if (options.now() < waitUntil) {
      report.problem = `Follow-ups wait until ${new Date(waitUntil).toISOString()}, as Codat asked.`;
      report.reason = 'rate_limited';
      return true;
    }
    const limit = rateLimitAt(options.rateLimit?.() ?? null, options.now());
    if (limit?.remaining == null || limit.remaining >= followUpDefaults.quotaReserve) return false;
    const resetAt = limit.resetAt ? Date.parse(limit.resetAt) : NaN;
    if (Number.isFinite(resetAt)) scheduler.waitUntil(resetAt);
    report.problem = `Follow-ups wait: only ${limit.remaining} Codat requests are left today, kept for your own work.`;
    report.reason = 'quota';
    return true;
  }

  /** Asks Codat (unless it must wait, or the profile switched meanwhile) and notes how it went. */
  async function observe(
    watched: readonly HandOver[],
    report: CheckReport,
    asOf: number,
  ): Promise<Map<string, CodatObservation>> {
    if (watched.length === 0 || !scheduler.isCurrent(asOf) || mustWait(report)) return new Map();
    const asked = await options
      .api()
      .then((api) => askCodat(api, watched, { now: options.now, lateReads }))
      .catch((error: unknown): CodatAnswers => ({ observations: new Map(), failure: error, requests: 0 }));
    report.requests += asked.requests;
    // A check of the previous profile moves no back-off: the other profile's Codat is asked now.
    if (!scheduler.isCurrent(asOf)) return asked.observations;
    if (asked.failure === null) {
      scheduler.succeeded();
      return asked.observations;
    }
    scheduler.failed(asked.failure, intervalMs());
    report.reason = problemReason(asked.failure);
    const message = asked.failure instanceof BridgeFailure ? asked.failure.error.message : String(asked.failure);
    report.problem = `Follow-ups could not ask Codat (${message}); they will try again.`;
    console.warn(`[followups] ${report.problem}`);
    return asked.observations;
  }

  async function check(): Promise<{ report: CheckReport; profileId: string; learnt: boolean }> {
    const asOf = scheduler.generation();
    const profileId = options.profileId();
    const report: CheckReport = { checked: 0, requests: 0, events: [], problem: null, reason: null };
    const started = options.now();
    const watched = (await options.store.list(profileId)).filter((item) => isHandOverWatched(item, started));
    report.checked = watched.length;
    const observations = await observe(watched, report, asOf);
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
    Object.assign(state, { checkedAt: new Date(now).toISOString(), problem: report.problem, reason: report.reason });
    return { report, profileId, learnt };
  }

  const watcher: FollowUpWatcher = {
    start(): void {
      following = true;
      void reschedule();
    },
    wake(): void {
      if (!running) void reschedule();
    },
    checkNow(): Promise<CheckReport> {
      checking ??= (async () => {
        running = true;
        scheduler.cancel(checkJob);
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
            const { profileId, report } = checked;
            const notice = options.announcer.announce(report.events);
            options.events.emit('followups.changed', { profileId, events: report.events, notice, watch: watchState() });
          }
        }
      })();
      return checking;
    },
    settled: (): Promise<CheckReport | null> => checking ?? Promise.resolve(null),
    state: watchState,
  };
  options.disposables.add(options.profileSwitches.onSwitch(() => watcher.wake()));
  return watcher;
}
