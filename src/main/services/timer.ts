/**
 * The timer main's background schedulers (the monitor, the follow-up watcher) plan their next run with: a port, so
 * that a test can hold the runs and fire them itself, and its real implementation.
 */

/** Runs something once, later; the handle cancels it. */
export interface Timer {
  set(run: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout, unref'd: a scheduler waiting for its next run never keeps the process alive by itself. */
export const realTimer: Timer = {
  set(run, delayMs) {
    const handle = setTimeout(run, delayMs);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
