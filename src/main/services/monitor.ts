/**
 * The monitor: while the console runs and the active profile's "Monitor in the background" is on, every
 * `everyMinutes` it runs a round — the portfolio scan (list pages with their connections; closer looks only where a
 * Linked connection's data is getting stale, reused while the company is unchanged) — and hands what it saw to the
 * inbox service, which applies it to the profile's issues inbox. "Check now" runs one at once. Each round asks a daily
 * budget before every request (monitor-budget.ts): when it is spent the round stops, says so, resolves nothing it did
 * not see, and the next round waits for the next UTC day. Failures back off; Codat's Retry-After and the quota
 * reserve are honoured (the scheduler keeps both). A round's rules (its wording, its waits, when the next is due) are
 * monitor-rounds.ts's.
 */
import type { ScanState } from '@shared/contract';
import type { InboxIssue, MonitorRound, MonitorSettings, MonitorStatus } from '@shared/domain/inbox';
import type { MonitoringControls } from '../background';
import type { RateLimitInfo } from '../codat/http';
import type { EventPublisher, ProfileSwitches } from '../ports';
import type { MonitorSettingsSection } from '../storage/settings';
import type { Disposables } from './disposables';
import type { HealthScanService, ScanOutcome } from './health-scan';
import type { InboxService, RoundSightings } from './inbox';
import type { InboxData, InboxStore } from './inbox-store';
import { budgetLimit, budgetSpentMessage, limitToday, roundBudget, spentToday, utcDay } from './monitor-budget';
import {
  endState,
  fromScan,
  healthScanRound,
  iso,
  learnFromRound,
  mustWait,
  newRound,
  nextRoundAt,
  problemOf,
  profileChanged,
  type RoundTiming,
} from './monitor-rounds';
import type { Scheduler } from './scheduler';

export const monitorDefaults = {
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

/** What the desktop app's tray does with the monitor: Pause / Resume save the setting as Settings would. */
export function monitoringControls(monitor: MonitorService): MonitoringControls {
  return {
    isMonitoring: () => monitor.settings().enabled,
    setMonitoring: (on) => void monitor.saveSettings({ ...monitor.settings(), enabled: on }),
    checkNow: () => void monitor.checkNow('check_now'),
  };
}

const progress = ({ events }: Pick<MonitorOptions, 'events'>, round: MonitorRound) =>
  events.emit('monitor.progress', { ...round });
const timing = ({ now, scheduler, rateLimit }: MonitorOptions): RoundTiming => ({
  at: now(),
  scheduler,
  rateLimit: rateLimit(),
});

/** The part of the monitor that runs a round: it asks Codat within the budget and hands the sightings to the inbox. */
function createRoundRunner(options: MonitorOptions, scanner: RoundScanner) {
  const { scheduler, now } = options;
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
    const waiting = mustWait(round, inbox, settings, timing(options));
    if (waiting) {
      Object.assign(round, waiting);
      await keepAsLastRound(profileId, round);
      progress(options, round);
      return round;
    }
    const spentBefore = spentToday(inbox, now());
    const day = utcDay(now());
    const budget = roundBudget(spentBefore, () => budgetLimit(settings, options.rateLimit()));
    scanner.start({ budget });
    const outcome = (await scanner.settled()) as ScanOutcome;
    Object.assign(round, fromScan(outcome.scan), { finishedAt: iso(now()), state: endState(outcome) });
    round.problem = problemOf(round, outcome, () => budgetSpentMessage(settings, options.rateLimit()));
    const stillActive = scheduler.isCurrent(asOf);
    if (stillActive) learnFromRound(round, outcome, timing(options));
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
    progress(options, round);
    try {
      options.onRoundEnded?.({ profileId, round: { ...round }, alerts, newCount });
    } catch (error) {
      console.error(`[monitor] the end of a round could not be announced: ${String(error)}`);
    }
    return round;
  }

  return { run: runRound, apply };
}

export function createMonitorService(options: MonitorOptions): MonitorService {
  const { scheduler, now } = options;
  let watching = false;
  /** No scheduled round before this (the start-up delay). */
  let notBefore = 0;
  /** The round running now, the profile-switch generation it started in, and its end. */
  let current: { round: MonitorRound; profileId: string; generation: number; done: Promise<MonitorRound> } | null =
    null;

  const scanner = options.scanner((scan) => {
    if (!current || current.round.state !== 'running') return;
    Object.assign(current.round, fromScan(scan));
    // The last word of a scan stopped by a profile switch: the pages show the other profile now.
    if (scheduler.isCurrent(current.generation)) progress(options, current.round);
  });
  const rounds = createRoundRunner(options, scanner);

  /** Plans the next round, when monitoring is on and none is running. */
  async function reschedule(): Promise<void> {
    scheduler.cancel(roundJob);
    if (!watching) return;
    const asOf = scheduler.generation();
    const profileId = options.profileId();
    const settings = options.settings.read(profileId);
    const inbox = await options.store.read(profileId);
    if (!settings.enabled || current || !scheduler.isCurrent(asOf)) return;
    const at = nextRoundAt(inbox, settings, notBefore, timing(options));
    scheduler.plan(roundJob, at, () => monitor.checkNow('schedule'), asOf);
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
      entry.done = rounds
        .run(round, profileId, asOf)
        .catch((error: unknown) => {
          Object.assign(round, {
            state: 'failed',
            finishedAt: iso(now()),
            problem: `The round stopped unexpectedly: ${String(error)}`,
          });
          console.error(`[monitor] ${round.problem}`);
          if (scheduler.isCurrent(asOf)) progress(options, round);
          return round;
        })
        .finally(() => {
          if (current === entry) current = null;
          // After a previous profile's round too: while it ran, the new profile's first round could not be planned.
          planAgain();
        });
      progress(options, round);
      return { ...round };
    },
    async settled() {
      return current ? { ...(await current.done) } : null;
    },
    async scanFinished(outcome) {
      const profileId = outcome.profileId ?? options.profileId();
      const active = profileId === options.profileId();
      await rounds.apply(healthScanRound(outcome), profileId, outcome, { announce: active });
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
