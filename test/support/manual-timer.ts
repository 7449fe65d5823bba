/**
 * A timer for main's background schedulers (the `Timer` port of src/main/services/timer.ts) that only the test fires.
 * It keeps each planned run with its due time on a test clock (the sandbox's, in integration tests) and runs nothing
 * by itself: `fireNext()` moves the clock to the earliest planned run and runs it; `advance(ms)` moves the clock on,
 * running what falls due on the way, in order. `pending()` says what is planned and when; `waitFor()` resolves once
 * the planned runs are as a test expects (a scheduler plans after async work, such as reading its store).
 */
import type { Timer } from '@main/services/timer';

/** The clock the due times are on; `advance` moves it forward. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export interface PlannedRun {
  /** When it is due, on the test clock. */
  dueAt: number;
  /** The delay the scheduler asked for. */
  delayMs: number;
  /** When it was planned, on the test clock. */
  plannedAt: number;
}

export interface ManualTimer extends Timer {
  /** What is planned, earliest first. */
  pending(): PlannedRun[];
  /** Moves the clock to the earliest planned run (never back) and runs it; fails when nothing is planned. */
  fireNext(): PlannedRun;
  /** Moves the clock on by `ms`, running each run that falls due on the way when it does; returns those it ran. */
  advance(ms: number): PlannedRun[];
  /** Resolves once the planned runs satisfy `condition` (at once if they do now), checked at every set and clear. */
  waitFor(condition: (pending: PlannedRun[]) => boolean): Promise<PlannedRun[]>;
}

/** A clock of its own, starting at 0, for tests with no sandbox. */
export function ownClock(start = 0): TestClock {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

/** The sandbox's manual clock (a TestSandbox's `control`). */
export function sandboxClock(control: { now(): string; advanceClock(ms: number): string }): TestClock {
  return { now: () => Date.parse(control.now()), advance: (ms) => void control.advanceClock(ms) };
}

export function createManualTimer(clock: TestClock = ownClock()): ManualTimer {
  interface Entry extends PlannedRun {
    id: number;
    run: () => void;
  }
  let serial = 0;
  const entries = new Map<number, Entry>();
  const waiters = new Set<() => void>();
  const sorted = () => [...entries.values()].sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  const describe = ({ dueAt, delayMs, plannedAt }: Entry): PlannedRun => ({ dueAt, delayMs, plannedAt });
  const changed = () => [...waiters].forEach((check) => check());

  function moveTo(at: number) {
    const now = clock.now();
    if (at > now) clock.advance(at - now);
  }
  function fire(entry: Entry): PlannedRun {
    moveTo(entry.dueAt);
    entries.delete(entry.id);
    changed();
    entry.run();
    return describe(entry);
  }

  return {
    set(run, delayMs) {
      const plannedAt = clock.now();
      const id = ++serial;
      entries.set(id, { id, run, delayMs, plannedAt, dueAt: plannedAt + delayMs });
      changed();
      return id;
    },
    clear(handle) {
      if (entries.delete(handle as number)) changed();
    },
    pending: () => sorted().map(describe),
    fireNext() {
      const next = sorted()[0];
      if (!next) throw new Error('Nothing is planned: no timer to fire.');
      return fire(next);
    },
    advance(ms) {
      const until = clock.now() + ms;
      const fired: PlannedRun[] = [];
      for (let next = sorted()[0]; next && next.dueAt <= until; next = sorted()[0]) fired.push(fire(next));
      moveTo(until);
      return fired;
    },
    waitFor(condition) {
      return new Promise((resolve) => {
        const check = () => {
          const pending = sorted().map(describe);
          if (!condition(pending)) return;
          waiters.delete(check);
          resolve(pending);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
