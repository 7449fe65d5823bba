/**
 * The monitor: while the console runs and the active profile's "Monitor in the background" is on, every
 * `everyMinutes` it runs a round — the portfolio scan (list pages with their connections; closer looks only where a
 * Linked connection's data is getting stale, reused while the company is unchanged) — and applies what it saw to the
 * profile's issues inbox. "Check now" runs one at once. Each round asks a daily budget before every request
 * (`dailyBudgetPercent` of the day's quota, counted per UTC day as Codat counts it, kept on disk so that a restart
 * does not reset it): when it is spent the round stops, says so, resolves nothing it did not see, and the next round
 * waits for the next UTC day. Failures back off; Codat's Retry-After and the quota reserve are honoured.
 */
import { randomUUID } from 'node:crypto';
import type { ScanState } from '@shared/contract';
import type { HealthThresholds } from '@shared/domain/health/model';
import type { InboxIssue, MonitorRound, MonitorSettings, MonitorStatus } from '@shared/domain/inbox';
import {
  acknowledge,
  applyRound,
  countByState,
  endSnoozes,
  mute,
  nextSnoozeEnd,
  snooze,
  unmute,
  type Presence,
} from '@main/rules/inbox';
import { isQuotaLow, rateLimitAt } from '@shared/domain/quota';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import type { RateLimitInfo } from '../codat/http';
import { createHealthScanService, type CloserLookCache, type ScanBudget, type ScanOutcome } from './health-scan';
import type { InboxData, InboxStore } from './inbox-store';
import { realTimer, type Timer } from './timer';

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

export const monitorDefaults = {
  /** After failures, rounds wait up to this long. */
  maxBackoffMs: 4 * 60 * minuteMs,
  /**
   * Until Codat has said what the day's quota is (its X-Rate-Limit headers, on the first answer), the budget is
   * taken from the smallest quota Codat gives (1 000 requests a day, a test client's): 50 requests at 5 %.
   */
  assumedDailyQuota: 1_000,
  /** The first round after the app starts waits this long: the user's own first requests go first. */
  startupDelayMs: 60_000,
  /** The latest snooze may end this far ahead. */
  maxSnoozeMs: 366 * dayMs,
} as const;

export interface MonitorOptions {
  store: InboxStore;
  api(): Promise<CodatApi>;
  offlineConnectors(): Promise<ReadonlySet<string>>;
  thresholds(): HealthThresholds;
  /** The latest X-Rate-Limit figures: the day's quota, and the reserve kept for the user's own work. */
  rateLimit(): RateLimitInfo | null;
  /** The active profile's id. */
  profileId(): string;
  /** A profile's monitor settings. */
  settings(profileId: string): MonitorSettings;
  now(): number;
  /** The OS user, recorded with triage. */
  user: string;
  /** Closer looks shared with the Health page's scan. */
  looks?: CloserLookCache;
  timer?: Timer;
  /** A round's progress (throttled) and its end. */
  onProgress(round: MonitorRound): void;
  /** The profile's inbox changed: a round, a Health scan, triage, a snooze ending. */
  onInboxChanged(profileId: string, newCount: number): void;
  /**
   * A round (or a Health page scan, `round.trigger === 'health_scan'`) ended and was applied: the issues it made
   * new or reopened that deserve a notification (warning or worse, not muted, not snoozed), maybe none, and the
   * New count after it.
   */
  onRoundEnded?(round: MonitorRound, alerts: InboxIssue[], newCount: number): void;
  /** Scan tuning, for tests and benchmarks. */
  pageSize?: number;
  progressEveryMs?: number;
}

const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const nextUtcMidnight = (at: number) => Math.floor(at / dayMs) * dayMs + dayMs;
const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
const profileChanged = 'The round was stopped (the profile changed).';
/** Codat's messages end with a full stop or without one: either way, one. */
const asSentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function createMonitorService(options: MonitorOptions) {
  const timer = options.timer ?? realTimer;
  const now = options.now;
  let stopped = true;
  let roundHandle: unknown = null;
  let snoozeHandle: unknown = null;
  let nextRoundAt: number | null = null;
  let failures = 0;
  /** Not before (Codat's Retry-After, the quota's reset). */
  let waitUntil = 0;
  /** No scheduled round before this (the start-up delay). */
  let notBefore = 0;
  /** The round running now, the profile switches it started after (`generation`), and its end. */
  let current: { round: MonitorRound; profileId: string; generation: number; done: Promise<MonitorRound> } | null =
    null;
  /** Bumped at each profile switch: a round of the previous profile is kept for it quietly and moves no back-off. */
  let generation = 0;

  /** What Codat last said of the quota, unless it has reset since. */
  const rateLimit = () => rateLimitAt(options.rateLimit(), now());

  const scanner = createHealthScanService({
    api: options.api,
    offlineConnectors: options.offlineConnectors,
    thresholds: options.thresholds,
    rateLimit,
    now,
    ...(options.looks ? { looks: options.looks } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.progressEveryMs !== undefined ? { progressEveryMs: options.progressEveryMs } : {}),
    onProgress: (scan) => {
      if (!current || current.round.state !== 'running') return;
      Object.assign(current.round, fromScan(scan));
      // The last word of a scan stopped by a profile switch: the pages show the other profile now.
      if (current.generation === generation) options.onProgress({ ...current.round });
    },
  });

  const fromScan = (scan: ScanState) => ({
    companiesScanned: scan.companiesScanned,
    totalCompanies: scan.totalCompanies,
    requestsUsed: scan.requestsUsed,
    closerLooks: scan.closerLooks,
  });

  /** Today's budget: `dailyBudgetPercent` of the quota Codat reported (null: not reported yet). */
  function limitToday(settings: MonitorSettings): number | null {
    const quota = options.rateLimit()?.limit;
    return quota == null ? null : Math.floor((quota * settings.dailyBudgetPercent) / 100);
  }
  const budgetLimit = (settings: MonitorSettings) =>
    limitToday(settings) ?? Math.floor((monitorDefaults.assumedDailyQuota * settings.dailyBudgetPercent) / 100);
  const spentToday = (inbox: InboxData, at: number) => (inbox.spent?.day === utcDay(at) ? inbox.spent.requests : 0);
  /** A closer look needs 2 requests: with less than that left, a round could only list, and would learn little. */
  const budgetSpentOut = (inbox: InboxData, limit: number, at: number) => spentToday(inbox, at) + 2 > limit;

  const presence = (inbox: InboxData, settings: MonitorSettings, at: number): Presence => ({
    at,
    lastCompleteRoundAt: inbox.lastCompleteRoundAt ? Date.parse(inbox.lastCompleteRoundAt) : null,
    resolveAfterHours: settings.resolveAfterHours,
  });

  const newCount = (inbox: InboxData) => inbox.issues.filter((issue) => issue.state === 'new').length;

  function newRound(trigger: MonitorRound['trigger'], at: number): MonitorRound {
    return {
      roundId: randomUUID(),
      state: 'running',
      trigger,
      startedAt: new Date(at).toISOString(),
      finishedAt: null,
      companiesScanned: 0,
      totalCompanies: null,
      requestsUsed: 0,
      closerLooks: 0,
      newIssues: 0,
      reopenedIssues: 0,
      resolvedIssues: 0,
      problem: null,
    };
  }

  /** Why a round must not start now, as a finished round that made no request (null: it may start). */
  function mustWait(round: MonitorRound, inbox: InboxData, settings: MonitorSettings): MonitorRound | null {
    const at = now();
    const stop = (state: MonitorRound['state'], problem: string): MonitorRound => ({
      ...round,
      state,
      problem,
      finishedAt: new Date(at).toISOString(),
    });
    // The quota first: a wait it set (a round it stopped) is said as what it is, not as Codat's Retry-After.
    const quota = rateLimit();
    if (isQuotaLow(quota)) {
      const resetAt = quota?.resetAt ? Date.parse(quota.resetAt) : NaN;
      waitUntil = Number.isFinite(resetAt) && resetAt > at ? resetAt : nextUtcMidnight(at);
      return stop(
        'paused_for_quota',
        `Only ${plural(quota?.remaining ?? 0, 'Codat request is', 'Codat requests are')} left today, kept for your own work; the monitor checks again when the quota resets.`,
      );
    }
    if (at < waitUntil) {
      return stop(
        'paused_for_quota',
        `Codat asked Linkdesk to wait; the monitor checks again at ${new Date(waitUntil).toISOString()}.`,
      );
    }
    const limit = budgetLimit(settings);
    if (budgetSpentOut(inbox, limit, at)) {
      return stop('stopped_for_budget', budgetSpent(limit, settings));
    }
    return null;
  }

  function budgetSpent(limit: number, settings: MonitorSettings): string {
    const known = limitToday(settings) !== null;
    return `The monitor's budget for today is spent (${plural(limit, 'request', 'requests')}, ${settings.dailyBudgetPercent} % of ${
      known
        ? "the day's quota"
        : `${monitorDefaults.assumedDailyQuota.toLocaleString('en')} requests, until Codat says what the quota is`
    }); it carries on after 00:00 UTC. Nothing it did not see was resolved.`;
  }

  /** A round for the active profile: scan within the budget, then apply what was seen. */
  async function runRound(round: MonitorRound, profileId: string, myGeneration: number): Promise<MonitorRound> {
    const settings = options.settings(profileId);
    const inbox = await options.store.read(profileId);
    if (myGeneration !== generation) {
      // The profile changed while the inbox was read: the scan would ask the other profile's Codat.
      Object.assign(round, { state: 'cancelled', finishedAt: new Date(now()).toISOString(), problem: profileChanged });
      await options.store.update(profileId, (stored) => ({ ...stored, lastRound: { ...round } }));
      return round;
    }
    const waiting = mustWait(round, inbox, settings);
    if (waiting) {
      Object.assign(round, waiting);
      await options.store.update(profileId, (stored) => ({ ...stored, lastRound: { ...round } }));
      options.onProgress({ ...round });
      return round;
    }
    const spentBefore = spentToday(inbox, now());
    const day = utcDay(now());
    let reserved = 0;
    const budget: ScanBudget = {
      take(requests) {
        if (spentBefore + reserved + requests > budgetLimit(settings)) return false;
        reserved += requests;
        return true;
      },
      giveBack(requests) {
        reserved -= requests;
      },
    };
    scanner.start({ budget });
    const outcome = (await scanner.settled()) as ScanOutcome;
    Object.assign(round, fromScan(outcome.scan), { finishedAt: new Date(now()).toISOString() });
    round.state = outcome.stoppedForBudget
      ? 'stopped_for_budget'
      : outcome.scan.state === 'paused_for_quota'
        ? 'paused_for_quota'
        : outcome.scan.state === 'running'
          ? 'failed'
          : outcome.scan.state;
    round.problem = problemOf(round, outcome, settings);
    if (myGeneration === generation) noteFailure(round, outcome);
    // A round stopped by a profile switch is kept for its profile, quietly: the other profile is showing now.
    return apply(round, profileId, outcome, settings, {
      spent: { day, requests: spentBefore + Math.max(reserved, round.requestsUsed) },
      announce: myGeneration === generation,
    });
  }

  function problemOf(round: MonitorRound, outcome: ScanOutcome, settings: MonitorSettings): string | null {
    const where =
      round.totalCompanies !== null
        ? `after ${plural(round.companiesScanned, 'company', 'companies')} of ${round.totalCompanies.toLocaleString('en')}`
        : 'before listing any company';
    switch (round.state) {
      case 'stopped_for_budget':
        return `${budgetSpent(budgetLimit(settings), settings)} It stopped ${where}.`;
      case 'paused_for_quota':
        return `It stopped ${where} to keep the day's remaining Codat requests for your own work. Nothing it did not see was resolved.`;
      case 'failed':
        return `The round failed ${where}: ${asSentence(outcome.scan.error ?? 'Codat could not be asked')} It will try again.`;
      case 'cancelled':
        return profileChanged;
      default:
        return outcome.scan.unreadable
          ? `${plural(outcome.scan.unreadable, 'company', 'companies')} Codat listed could not be read, so nothing was resolved this round.`
          : null;
    }
  }

  function noteFailure(round: MonitorRound, outcome: ScanOutcome) {
    if (round.state !== 'failed') {
      if (round.state === 'finished') failures = 0;
      if (round.state === 'paused_for_quota') {
        const resetAt = rateLimit()?.resetAt;
        const reset = resetAt ? Date.parse(resetAt) : NaN;
        waitUntil = Number.isFinite(reset) && reset > now() ? reset : nextUtcMidnight(now());
      }
      return;
    }
    failures += 1;
    const failure = outcome.failure instanceof BridgeFailure ? outcome.failure.error : null;
    if (failure?.code === 'rate_limited') waitUntil = now() + (failure.retryAfterMs ?? 0);
    console.warn(`[monitor] ${round.problem}`);
  }

  /** Applies a round's (or a Health scan's) sightings to the profile's inbox and says what changed. */
  async function apply(
    round: MonitorRound,
    profileId: string,
    outcome: ScanOutcome | null,
    settings: MonitorSettings,
    { spent, announce }: { spent?: InboxData['spent']; announce: boolean },
  ): Promise<MonitorRound> {
    let alerts: InboxIssue[] = [];
    const at = now();
    const saved = await options.store.update(profileId, (inbox) => {
      const applied = applyRound(inbox.issues, {
        profileId,
        at,
        seen: outcome?.issues ?? [],
        complete: outcome?.complete ?? false,
        resolveAfterHours: settings.resolveAfterHours,
      });
      alerts = applied.alerts;
      round.newIssues = applied.newIssues;
      round.reopenedIssues = applied.reopenedIssues;
      round.resolvedIssues = applied.resolvedIssues;
      return {
        ...inbox,
        issues: applied.issues,
        lastCompleteRoundAt: outcome?.complete ? new Date(at).toISOString() : inbox.lastCompleteRoundAt,
        lastRound: { ...round },
        ...(spent !== undefined ? { spent } : {}),
      };
    });
    if (!announce) return round;
    options.onProgress({ ...round });
    const news = newCount(saved);
    options.onInboxChanged(profileId, news);
    try {
      options.onRoundEnded?.({ ...round }, alerts, news);
    } catch (error) {
      console.error(`[monitor] the end of a round could not be announced: ${String(error)}`);
    }
    return round;
  }

  function clearRoundTimer() {
    if (roundHandle !== null) timer.clear(roundHandle);
    roundHandle = null;
    nextRoundAt = null;
  }

  /** Plans the next round (when monitoring is on) and the next snooze end (always). */
  async function reschedule(): Promise<void> {
    clearRoundTimer();
    if (snoozeHandle !== null) timer.clear(snoozeHandle);
    snoozeHandle = null;
    if (stopped) return;
    const profileId = options.profileId();
    const myGeneration = generation;
    const settings = options.settings(profileId);
    const inbox = await options.store.read(profileId);
    if (stopped || myGeneration !== generation) return;
    const at = now();

    const snoozeEnd = nextSnoozeEnd(inbox.issues);
    if (snoozeEnd !== null && snoozeHandle === null) {
      snoozeHandle = timer.set(
        () => {
          snoozeHandle = null;
          void endDueSnoozes(profileId)
            .then(() => reschedule())
            .catch((error: unknown) => console.error(`[monitor] snoozes could not be ended: ${String(error)}`));
        },
        Math.max(snoozeEnd - at, 0),
      );
    }

    if (!settings.enabled || current || roundHandle !== null) return;
    const every = settings.everyMinutes * minuteMs;
    const last = inbox.lastRound;
    let due = last ? Date.parse(last.startedAt) + every : at;
    if (failures > 0)
      due = Math.max(due, at + Math.min(every * 2 ** (failures - 1), Math.max(every, monitorDefaults.maxBackoffMs)));
    due = Math.max(due, waitUntil, notBefore);
    const spentOut =
      (last?.state === 'stopped_for_budget' && utcDay(Date.parse(last.startedAt)) === utcDay(at)) ||
      budgetSpentOut(inbox, budgetLimit(settings), at);
    if (spentOut) due = Math.max(due, nextUtcMidnight(at));
    due = Math.max(due, at);
    nextRoundAt = due;
    roundHandle = timer.set(() => {
      roundHandle = null;
      nextRoundAt = null;
      void monitor
        .checkNow('schedule')
        .catch((error: unknown) => console.error(`[monitor] round failed: ${String(error)}`));
    }, due - at);
  }

  async function endDueSnoozes(profileId: string): Promise<void> {
    const inbox = await options.store.read(profileId);
    const settings = options.settings(profileId);
    if (endSnoozes(inbox.issues, presence(inbox, settings, now())).changed === 0) return;
    const saved = await options.store.update(profileId, (stored) => ({
      ...stored,
      issues: endSnoozes(stored.issues, presence(stored, settings, now())).issues,
    }));
    options.onInboxChanged(profileId, newCount(saved));
  }

  /** Triage on the active profile's inbox; says how many issues changed. */
  async function triage(
    change: (inbox: InboxData, settings: MonitorSettings) => { issues: InboxIssue[]; changed: number },
  ) {
    const profileId = options.profileId();
    const settings = options.settings(profileId);
    let changed = 0;
    const saved = await options.store.update(profileId, (inbox) => {
      const result = change(inbox, settings);
      changed = result.changed;
      return { ...inbox, issues: result.issues };
    });
    if (changed > 0) {
      options.onInboxChanged(profileId, newCount(saved));
      void reschedule();
    }
    return { changed };
  }

  const actor = () => ({ at: now(), by: options.user });

  const monitor = {
    /** Starts watching (the composition root, while the app runs). */
    start(): void {
      stopped = false;
      notBefore = now() + monitorDefaults.startupDelayMs;
      void reschedule();
    },
    /** Stops the timers and the current round (quitting). */
    stop(): void {
      stopped = true;
      clearRoundTimer();
      if (snoozeHandle !== null) timer.clear(snoozeHandle);
      snoozeHandle = null;
      scanner.clear();
    },
    /** The active profile changed: stop its round, forget what was learnt, plan with the other profile's settings. */
    profileChanged(): void {
      generation += 1;
      failures = 0;
      waitUntil = 0;
      scanner.clear();
      void reschedule();
    },
    /** The settings changed: plan again. */
    settingsChanged(): void {
      void reschedule();
    },
    /**
     * Starts a round now (one at a time: a round already running is returned as it is). Resolves once it has
     * started; `settled()` resolves at its end.
     */
    async checkNow(trigger: 'schedule' | 'check_now' = 'check_now'): Promise<MonitorRound> {
      // The previous profile's round is being stopped: this profile's starts once it has, instead of showing it.
      while (current && current.generation !== generation) await current.done;
      if (current) return { ...current.round };
      clearRoundTimer();
      const profileId = options.profileId();
      const myGeneration = generation;
      const round = newRound(trigger, now());
      const entry = {
        round,
        profileId,
        generation: myGeneration,
        done: Promise.resolve(round),
      };
      current = entry;
      entry.done = runRound(round, profileId, myGeneration)
        .catch((error: unknown) => {
          round.state = 'failed';
          round.finishedAt = new Date(now()).toISOString();
          round.problem = `The round stopped unexpectedly: ${String(error)}`;
          console.error(`[monitor] ${round.problem}`);
          if (myGeneration === generation) options.onProgress({ ...round });
          return round;
        })
        .finally(() => {
          if (current === entry) current = null;
          // After a previous profile's round too: while it ran, the new profile's first round could not be planned.
          void reschedule();
        });
      options.onProgress({ ...round });
      return { ...round };
    },
    /** Resolves when the current round has ended, with it (null: none is running). */
    async settled(): Promise<MonitorRound | null> {
      return current ? { ...(await current.done) } : null;
    },
    /** A Health page scan ended: what it saw goes into the same inbox (its cost is the user's, not the budget's). */
    async scanFinished(outcome: ScanOutcome): Promise<void> {
      const profileId = outcome.profileId ?? options.profileId();
      const round: MonitorRound = {
        ...newRound('health_scan', Date.parse(outcome.scan.startedAt)),
        ...fromScan(outcome.scan),
        state: outcome.scan.state === 'running' ? 'failed' : outcome.scan.state,
        finishedAt: outcome.scan.finishedAt,
      };
      round.problem = outcome.scan.error ?? null;
      await apply(round, profileId, outcome, options.settings(profileId), {
        announce: profileId === options.profileId(),
      });
      if (profileId === options.profileId()) void reschedule();
    },
    async status(): Promise<MonitorStatus> {
      const profileId = options.profileId();
      const settings = options.settings(profileId);
      const inbox = await options.store.read(profileId);
      const round = current?.profileId === profileId ? { ...current.round } : inbox.lastRound;
      return {
        enabled: settings.enabled,
        round,
        budget: {
          usedToday: spentToday(inbox, now()),
          limitToday: limitToday(settings),
        },
        nextRoundAt: nextRoundAt === null ? null : new Date(nextRoundAt).toISOString(),
      };
    },
    /** The active profile's inbox, ended snoozes applied first. */
    async list() {
      const profileId = options.profileId();
      await endDueSnoozes(profileId);
      const inbox = await options.store.read(profileId);
      return { issues: inbox.issues, counts: countByState(inbox.issues), problem: options.store.problem() };
    },
    acknowledge: (keys: readonly string[]) => triage((inbox) => acknowledge(inbox.issues, keys, actor())),
    snooze(keys: readonly string[], until: string) {
      const end = Date.parse(until);
      const at = now();
      if (!(end > at)) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'A snooze must end in the future.',
          details: ['until'],
        });
      }
      if (end - at > monitorDefaults.maxSnoozeMs) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'A snooze can last a year at most.',
          details: ['until'],
        });
      }
      return triage((inbox) => snooze(inbox.issues, keys, end, actor()));
    },
    mute: (keys: readonly string[]) => triage((inbox) => mute(inbox.issues, keys, actor())),
    unmute: (keys: readonly string[]) =>
      triage((inbox, settings) => unmute(inbox.issues, keys, actor(), presence(inbox, settings, now()))),
  };
  return monitor;
}

export type MonitorService = ReturnType<typeof createMonitorService>;
