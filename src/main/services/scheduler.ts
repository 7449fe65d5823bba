/**
 * The scheduler main's background work plans with: one for the monitor's rounds and the inbox's snooze ends, one for
 * the follow-up watcher's checks. It holds
 * - each named job's next run on the timer (planning a job again replaces its earlier run);
 * - the back-off after failed runs: from the usual interval, doubling, capped; a run that works resets it;
 * - the wait Codat asked for: its Retry-After, or the quota's reset;
 * - the profile-switch generation: a switch cancels every planned job and forgets the back-off and the wait (they
 *   were about the other profile's Codat), and a job planned for the previous profile never runs.
 */
import { BridgeFailure } from '@shared/result';
import type { ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';
import { realTimer, type Timer } from './timer';

export interface SchedulerOptions {
  now(): number;
  /** The log's area for a job that failed (`monitor`, `followups`). */
  area: string;
  profileSwitches: ProfileSwitches;
  /** Where the scheduler leaves its own stop (the console quitting stops every job). */
  disposables: Disposables;
  /** The real timer unless a test fires its own. */
  timer?: Timer;
}

export interface Scheduler {
  /**
   * Plans `job` to run at `at` (at once when that has passed), replacing its earlier plan. Refused (false) once
   * stopped, or when the profile switched after generation `asOf` (taken before the work that chose `at`).
   */
  plan(job: string, at: number, run: () => unknown, asOf?: number): boolean;
  cancel(job: string): void;
  /** When `job` is planned to run (null: it is not). */
  plannedAt(job: string): number | null;
  /** The profile-switch generation now: taken before async work, checked after it with `isCurrent`. */
  generation(): number;
  /** Whether no profile switch happened since `generation` was taken. */
  isCurrent(generation: number): boolean;
  /** A run worked: no back-off, no wait. */
  succeeded(): void;
  /**
   * A run failed: the next waits longer. When Codat refused for its rate limit, its Retry-After is waited for
   * (`retryAfterFallbackMs` when it named no time).
   */
  failed(error: unknown, retryAfterFallbackMs?: number): void;
  /** The back-off now: 0 after a run that worked, then `intervalMs`, doubling with each failure, at most `maxMs`. */
  backoffMs(intervalMs: number, maxMs: number): number;
  /** Nothing is asked of Codat before `at` (the quota's reset). */
  waitUntil(at: number): void;
  /** When the wait Codat asked for ends (0: there is none). */
  waitingUntil(): number;
  /** Cancels every job and plans nothing more: the console is quitting. */
  stop(): void;
}

interface PlannedJob {
  at: number;
  handle: unknown;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const timer = options.timer ?? realTimer;
  const jobs = new Map<string, PlannedJob>();
  let stopped = false;
  let generation = 0;
  let failures = 0;
  let waitUntil = 0;

  function cancel(job: string): void {
    const planned = jobs.get(job);
    if (!planned) return;
    jobs.delete(job);
    timer.clear(planned.handle);
  }
  const cancelAll = () => [...jobs.keys()].forEach(cancel);

  function runJob(job: string, run: () => unknown): void {
    const failed = (error: unknown) => console.error(`[${options.area}] ${job} failed: ${String(error)}`);
    try {
      const ran = run();
      if (ran instanceof Promise) ran.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  options.disposables.add(
    options.profileSwitches.onSwitch(() => {
      generation += 1;
      failures = 0;
      waitUntil = 0;
      cancelAll();
    }),
  );
  options.disposables.add(() => scheduler.stop());

  const scheduler: Scheduler = {
    plan(job, at, run, asOf = generation) {
      if (stopped || asOf !== generation) return false;
      cancel(job);
      const delay = Math.max(at - options.now(), 0);
      const planned: PlannedJob = { at: options.now() + delay, handle: null };
      jobs.set(job, planned);
      planned.handle = timer.set(() => {
        if (jobs.get(job) !== planned) return;
        jobs.delete(job);
        if (asOf === generation && !stopped) runJob(job, run);
      }, delay);
      return true;
    },
    cancel,
    plannedAt: (job) => jobs.get(job)?.at ?? null,
    generation: () => generation,
    isCurrent: (asOf) => asOf === generation,
    succeeded() {
      failures = 0;
      waitUntil = 0;
    },
    failed(error, retryAfterFallbackMs = 0) {
      failures += 1;
      const failure = error instanceof BridgeFailure ? error.error : null;
      if (failure?.code === 'rate_limited') waitUntil = options.now() + (failure.retryAfterMs ?? retryAfterFallbackMs);
    },
    backoffMs: (intervalMs, maxMs) => (failures > 0 ? Math.min(intervalMs * 2 ** (failures - 1), maxMs) : 0),
    waitUntil(at) {
      waitUntil = at;
    },
    waitingUntil: () => waitUntil,
    stop() {
      stopped = true;
      cancelAll();
    },
  };
  return scheduler;
}
