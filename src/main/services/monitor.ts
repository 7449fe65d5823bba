/**
 * The monitor: while the console runs and the active profile's "Monitor in the background" is on, every
 * `everyMinutes` it runs a round — the portfolio scan (list pages with their connections; closer looks only where a
 * Linked connection's data is getting stale, reused while the company is unchanged) — and hands what it saw to the
 * inbox service, which applies it to the profile's issues inbox. "Check now" runs one at once. Each round asks a daily
 * budget before every request (monitor-budget.ts): when it is spent the round stops, says so, resolves nothing it did
 * not see, and the next round waits for the next UTC day. Failures back off; Codat's Retry-After and the quota
 * reserve are honoured (the scheduler keeps both).
 */
import { randomUUID } from 'node:crypto';
import type { ScanState } from '@shared/contract';
import type { InboxIssue, MonitorRound, MonitorSettings, MonitorStatus } from '@shared/domain/inbox';
import { isQuotaLow, rateLimitAt } from '@shared/domain/quota';
import type { MonitoringControls } from '../background';
import type { RateLimitInfo } from '../codat/http';
import type { EventPublisher, ProfileSwitches } from '../ports';
import type { MonitorSettingsSection } from '../storage/settings';
import type { Disposables } from './disposables';
import type { HealthScanService, ScanOutcome } from './health-scan';
import type { InboxService, RoundSightings } from './inbox';
import type { InboxData, InboxStore } from './inbox-store';
import {
  budgetLimit,
  budgetSpentMessage,
  budgetSpentOut,
  limitToday,
  nextUtcMidnight,
  plural,
  roundBudget,
  spentToday,
  utcDay,
} from './monitor-budget';
import type { Scheduler } from './scheduler';

const minuteMs = 60_000;

export const monitorDefaults = {
  /** After failures, rounds wait up to this long. */
  maxBackoffMs: 4 * 60 * minuteMs,
  /** The first round after the app starts waits this long: the user's own first requests go first. */
  startupDelayMs: 60_000,
} as const;

/** The scheduler's name for the next round. */
const roundJob = 'round';

/** What a round scans with: the Health scan service's, with a budget (the composition root makes one per monitor). */
export type RoundScanner = Pick<HealthScanService, 'start' | 'settled' | 'clear'>;

/** A round (or a Health page scan) that ended and was applied to the inbox, for the round notifier. */
export interface EndedRound {
  profileId: string;
  round: MonitorRound;
  /** New or reopened issues that deserve a notification (warning or worse, not muted, not snoozed), maybe none. */
  alerts: InboxIssue[];
  /** The New count after it. */
  newCount: number;
}

export interface MonitorOptions {
  /** The monitor's bookkeeping in the inbox file: its last round, the requests it spent today. */
  store: InboxStore;
  /** Where each round's sightings go. */
  inbox: Pick<InboxService, 'applyRound'>;
  /** Makes the scanner rounds use; it reports each scan's progress to `onProgress`. */
  scanner(onProgress: (scan: ScanState) => void): RoundScanner;
  /** Plans the rounds, with their back-off and Codat's waits; a profile switch cancels what it planned. */
  scheduler: Scheduler;
  /** `monitor.progress` (a round's progress, throttled, and its end) and `monitor.settingsChanged`. */
  events: EventPublisher;
  /** A switch stops the round under way and plans with the other profile's settings. */
  profileSwitches: ProfileSwitches;
  disposables: Disposables;
  /** Each profile's monitor settings. */
  settings: MonitorSettingsSection;
  /** The latest X-Rate-Limit figures: the day's quota, and the reserve kept for the user's own work. */
  rateLimit(): RateLimitInfo | null;
  /** The active profile's id. */
  profileId(): string;
  now(): number;
  /** Told when a round (or a Health page scan) of the active profile has ended and been applied to the inbox. */
  onRoundEnded?(ended: EndedRound): void;
}

export interface MonitorService {
  /** Starts watching (the composition root, while the app runs): the first round waits `startupDelayMs`. */
  start(): void;
  /**
   * Starts a round now (one at a time: a round already running is returned as it is). Resolves once it has
   * started; `settled()` resolves at its end.
   */
  checkNow(trigger?: 'schedule' | 'check_now'): Promise<MonitorRound>;
  /** Resolves when the current round has ended, with it (null: none is running). */
  settled(): Promise<MonitorRound | null>;
  /** A Health page scan ended: what it saw goes into the same inbox (its cost is the user's, not the budget's). */
  scanFinished(outcome: ScanOutcome): Promise<void>;
  status(): Promise<MonitorStatus>;
  /** The active profile's monitor settings. */
  settings(): MonitorSettings;
  /** Saves the active profile's settings (from Settings or the tray alike): plans again, and tells every page. */
  saveSettings(next: MonitorSettings): MonitorSettings;
}

const profileChanged = 'The round was stopped (the profile changed).';
/** Codat's messages end with a full stop or without one: either way, one. */
const asSentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const iso = (at: number) => new Date(at).toISOString();

function newRound(trigger: MonitorRound['trigger'], at: number): MonitorRound {
  return {
    roundId: randomUUID(),
    state: 'running',
    trigger,
    startedAt: iso(at),
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

const fromScan = (scan: ScanState) => ({
  companiesScanned: scan.companiesScanned,
  totalCompanies: scan.totalCompanies,
  requestsUsed: scan.requestsUsed,
  closerLooks: scan.closerLooks,
});

/** How a round that scanned ended. */
function endState(outcome: ScanOutcome): MonitorRound['state'] {
  if (outcome.stoppedForBudget) return 'stopped_for_budget';
  if (outcome.scan.state === 'paused_for_quota') return 'paused_for_quota';
  return outcome.scan.state === 'running' ? 'failed' : outcome.scan.state;
}

/** What the Inbox says of a round that scanned, by how it ended. */
function problemOf(round: MonitorRound, outcome: ScanOutcome, budgetSpent: () => string): string | null {
  const where =
    round.totalCompanies !== null
      ? `after ${plural(round.companiesScanned, 'company', 'companies')} of ${round.totalCompanies.toLocaleString('en')}`
      : 'before listing any company';
  switch (round.state) {
    case 'stopped_for_budget':
      return `${budgetSpent()} It stopped ${where}.`;
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

/** A Health page scan as a round of the inbox's: the Inbox shows it as the last round. */
function healthScanRound(outcome: ScanOutcome): MonitorRound {
  return {
    ...newRound('health_scan', Date.parse(outcome.scan.startedAt)),
    ...fromScan(outcome.scan),
    state: outcome.scan.state === 'running' ? 'failed' : outcome.scan.state,
    finishedAt: outcome.scan.finishedAt,
    problem: outcome.scan.error ?? null,
  };
}

/** What the desktop app's tray does with the monitor: Pause / Resume save the setting as Settings would. */
export function monitoringControls(monitor: MonitorService): MonitoringControls {
  return {
    isMonitoring: () => monitor.settings().enabled,
    setMonitoring: (on) => void monitor.saveSettings({ ...monitor.settings(), enabled: on }),
    checkNow: () => void monitor.checkNow('check_now'),
  };
}

export function createMonitorService(options: MonitorOptions): MonitorService {
  const { scheduler, now } = options;
  let watching = false;
  /** No scheduled round before this (the start-up delay). */
  let notBefore = 0;
  /** The round running now, the profile-switch generation it started in, and its end. */
  let current: { round: MonitorRound; profileId: string; generation: number; done: Promise<MonitorRound> } | null =
    null;

  /** What Codat last said of the quota, unless it has reset since. */
  const rateLimit = () => rateLimitAt(options.rateLimit(), now());
  const budgetSpent = (settings: MonitorSettings) => budgetSpentMessage(settings, options.rateLimit());
  const progress = (round: MonitorRound) => options.events.emit('monitor.progress', { ...round });

  const scanner = options.scanner((scan) => {
    if (!current || current.round.state !== 'running') return;
    Object.assign(current.round, fromScan(scan));
    // The last word of a scan stopped by a profile switch: the pages show the other profile now.
    if (scheduler.isCurrent(current.generation)) progress(current.round);
  });

  /** Nothing is asked of Codat before the quota resets (when Codat did not say, 00:00 UTC). */
  function waitForQuotaReset() {
    const resetAt = rateLimit()?.resetAt;
    const reset = resetAt ? Date.parse(resetAt) : NaN;
    scheduler.waitUntil(Number.isFinite(reset) && reset > now() ? reset : nextUtcMidnight(now()));
  }

  /** Why a round must not start now, as a finished round that made no request (null: it may start). */
  function mustWait(round: MonitorRound, inbox: InboxData, settings: MonitorSettings): MonitorRound | null {
    const at = now();
    const stop = (state: MonitorRound['state'], problem: string): MonitorRound => ({
      ...round,
      state,
      problem,
      finishedAt: iso(at),
    });
    // The quota first: a wait it set (a round it stopped) is said as what it is, not as Codat's Retry-After.
    const quota = rateLimit();
    if (isQuotaLow(quota)) {
      waitForQuotaReset();
      return stop(
        'paused_for_quota',
        `Only ${plural(quota?.remaining ?? 0, 'Codat request is', 'Codat requests are')} left today, kept for your own work; the monitor checks again when the quota resets.`,
      );
    }
    const waitUntil = scheduler.waitingUntil();
    if (at < waitUntil) {
      return stop('paused_for_quota', `Codat asked Linkdesk to wait; the monitor checks again at ${iso(waitUntil)}.`);
    }
    if (budgetSpentOut(inbox, budgetLimit(settings, options.rateLimit()), at)) {
      return stop('stopped_for_budget', budgetSpent(settings));
    }
    return null;
  }

  /** The back-off and the waits learnt from a round of the active profile. */
  function noteOutcome(round: MonitorRound, outcome: ScanOutcome) {
    if (round.state === 'finished') scheduler.succeeded();
    if (round.state === 'paused_for_quota') waitForQuotaReset();
    if (round.state !== 'failed') return;
    scheduler.failed(outcome.failure);
    console.warn(`[monitor] ${round.problem}`);
  }

  const keepAsLastRound = (profileId: string, round: MonitorRound) =>
    options.store.update(profileId, (stored) => ({ ...stored, lastRound: { ...round } }));

  /** A round for the active profile: scan within the budget, then hand what was seen to the inbox. */
  async function runRound(round: MonitorRound, profileId: string, asOf: number): Promise<MonitorRound> {
    const settings = options.settings.read(profileId);
    const inbox = await options.store.read(profileId);
    if (!scheduler.isCurrent(asOf)) {
      // The profile changed while the inbox was read: the scan would ask the other profile's Codat.
      Object.assign(round, { state: 'cancelled', finishedAt: iso(now()), problem: profileChanged });
      await keepAsLastRound(profileId, round);
      return round;
    }
    const waiting = mustWait(round, inbox, settings);
    if (waiting) {
      Object.assign(round, waiting);
      await keepAsLastRound(profileId, round);
      progress(round);
      return round;
    }
    const spentBefore = spentToday(inbox, now());
    const day = utcDay(now());
    const budget = roundBudget(spentBefore, () => budgetLimit(settings, options.rateLimit()));
    scanner.start({ budget });
    const outcome = (await scanner.settled()) as ScanOutcome;
    Object.assign(round, fromScan(outcome.scan), { finishedAt: iso(now()), state: endState(outcome) });
    round.problem = problemOf(round, outcome, () => budgetSpent(settings));
    const stillActive = scheduler.isCurrent(asOf);
    if (stillActive) noteOutcome(round, outcome);
    // A round stopped by a profile switch is kept for its profile, quietly: the other profile is showing now.
    return apply(round, profileId, outcome, {
      spent: { day, requests: spentBefore + Math.max(budget.reserved(), round.requestsUsed) },
      announce: stillActive,
    });
  }

  /** Hands a round's (or a Health scan's) sightings to the inbox, and says what changed. */
  async function apply(
    round: MonitorRound,
    profileId: string,
    sightings: RoundSightings,
    extra: { spent?: InboxData['spent']; announce: boolean },
  ): Promise<MonitorRound> {
    const { counts, alerts, newCount } = await options.inbox.applyRound(profileId, round, sightings, extra);
    Object.assign(round, counts);
    if (!extra.announce) return round;
    progress(round);
    try {
      options.onRoundEnded?.({ profileId, round: { ...round }, alerts, newCount });
    } catch (error) {
      console.error(`[monitor] the end of a round could not be announced: ${String(error)}`);
    }
    return round;
  }

  /** When the next round is due: "Check every" after the last one started, later after failures or a spent budget. */
  function nextRoundAt(inbox: InboxData, settings: MonitorSettings, at: number): number {
    const every = settings.everyMinutes * minuteMs;
    const last = inbox.lastRound;
    const due = Math.max(
      last ? Date.parse(last.startedAt) + every : at,
      at + scheduler.backoffMs(every, monitorDefaults.maxBackoffMs),
      scheduler.waitingUntil(),
      notBefore,
    );
    const spentOut =
      (last?.state === 'stopped_for_budget' && utcDay(Date.parse(last.startedAt)) === utcDay(at)) ||
      budgetSpentOut(inbox, budgetLimit(settings, options.rateLimit()), at);
    return Math.max(due, spentOut ? nextUtcMidnight(at) : at);
  }

  /** Plans the next round, when monitoring is on and none is running. */
  async function reschedule(): Promise<void> {
    scheduler.cancel(roundJob);
    if (!watching) return;
    const asOf = scheduler.generation();
    const profileId = options.profileId();
    const settings = options.settings.read(profileId);
    const inbox = await options.store.read(profileId);
    if (!settings.enabled || current || !scheduler.isCurrent(asOf)) return;
    scheduler.plan(roundJob, nextRoundAt(inbox, settings, now()), () => monitor.checkNow('schedule'), asOf);
  }
  const planAgain = () =>
    void reschedule().catch((error: unknown) =>
      console.error(`[monitor] the next round could not be planned: ${String(error)}`),
    );

  const monitor: MonitorService = {
    start() {
      watching = true;
      notBefore = now() + monitorDefaults.startupDelayMs;
      planAgain();
    },
    async checkNow(trigger = 'check_now') {
      // The previous profile's round is being stopped: this profile's starts once it has, instead of showing it.
      while (current && !scheduler.isCurrent(current.generation)) await current.done;
      if (current) return { ...current.round };
      scheduler.cancel(roundJob);
      const profileId = options.profileId();
      const asOf = scheduler.generation();
      const round = newRound(trigger, now());
      const entry = { round, profileId, generation: asOf, done: Promise.resolve(round) };
      current = entry;
      entry.done = runRound(round, profileId, asOf)
        .catch((error: unknown) => {
          Object.assign(round, {
            state: 'failed',
            finishedAt: iso(now()),
            problem: `The round stopped unexpectedly: ${String(error)}`,
          });
          console.error(`[monitor] ${round.problem}`);
          if (scheduler.isCurrent(asOf)) progress(round);
          return round;
        })
        .finally(() => {
          if (current === entry) current = null;
          // After a previous profile's round too: while it ran, the new profile's first round could not be planned.
          planAgain();
        });
      progress(round);
      return { ...round };
    },
    async settled() {
      return current ? { ...(await current.done) } : null;
    },
    async scanFinished(outcome) {
      const profileId = outcome.profileId ?? options.profileId();
      const active = profileId === options.profileId();
      await apply(healthScanRound(outcome), profileId, outcome, { announce: active });
      // The next round is counted from this scan's start.
      if (active) planAgain();
    },
    async status() {
      const profileId = options.profileId();
      const settings = options.settings.read(profileId);
      const inbox = await options.store.read(profileId);
      const next = scheduler.plannedAt(roundJob);
      return {
        enabled: settings.enabled,
        round: current?.profileId === profileId ? { ...current.round } : inbox.lastRound,
        budget: { usedToday: spentToday(inbox, now()), limitToday: limitToday(settings, options.rateLimit()) },
        nextRoundAt: next === null ? null : iso(next),
      };
    },
    settings: () => options.settings.read(options.profileId()),
    saveSettings(next) {
      const profileId = options.profileId();
      const saved = options.settings.save(profileId, next);
      planAgain();
      // Every page hears of it: a pause from the tray must not leave an open Inbox promising the next round.
      options.events.emit('monitor.settingsChanged', { profileId, settings: saved });
      return saved;
    },
  };

  options.disposables.add(
    options.profileSwitches.onSwitch(() => {
      scanner.clear();
      planAgain();
    }),
  );
  options.disposables.add(() => {
    watching = false;
    scanner.clear();
  });
  return monitor;
}
