/**
 * The timer main's background schedulers (the monitor, the follow-up watcher) plan their next run with: a port, so
 * that a test can hold the runs and fire them itself (test/support/manual-timer.ts), and its real implementation.
 */

/** Runs something once, later; the handle cancels it. */
export interface Timer {
  set(run: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/**
 * Node runs a setTimeout longer than this (about 24.8 days) after 1 ms instead; a snooze may end a year ahead, so a
 * longer wait is made of several.
 */
const longestTimeoutMs = 2 ** 31 - 1;

interface RealHandle {
  timeout: ReturnType<typeof setTimeout> | null;
}

/** setTimeout, unref'd: a scheduler waiting for its next run never keeps the process alive by itself. */
export const realTimer: Timer = {
  set(run, delayMs) {
    const handle: RealHandle = { timeout: null };
    const wait = (remainingMs: number) => {
      const step = Math.min(Math.max(remainingMs, 0), longestTimeoutMs);
      handle.timeout = setTimeout(() => (remainingMs > step ? wait(remainingMs - step) : run()), step);
      handle.timeout.unref?.();
    };
    wait(delayMs);
    return handle;
  },
  clear(handle) {
    const timeout = (handle as RealHandle | null)?.timeout;
    if (timeout) clearTimeout(timeout);
  },
};
