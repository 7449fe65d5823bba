/** The real timer the background schedulers plan with, on vitest's fake clock (which overflows as Node does). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { realTimer } from '@main/services/timer';

const day = 24 * 60 * 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the real timer', () => {
  it('runs once when the delay is over', () => {
    const run = vi.fn();
    realTimer.set(run, 30 * 60_000);
    vi.advanceTimersByTime(30 * 60_000 - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(day);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('waits a month when asked to (a snooze to a date), instead of running at once', () => {
    const run = vi.fn();
    realTimer.set(run, 30 * day);
    vi.advanceTimersByTime(29 * day);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(day);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never runs what was cleared, a long wait included', () => {
    const soon = vi.fn();
    const late = vi.fn();
    realTimer.clear(realTimer.set(soon, 60_000));
    const handle = realTimer.set(late, 40 * day);
    vi.advanceTimersByTime(30 * day);
    realTimer.clear(handle);
    vi.advanceTimersByTime(30 * day);
    expect(soon).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
