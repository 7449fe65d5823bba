/**
 * The scheduler of main's background work (the monitor's rounds, the inbox's snooze ends, the follow-up checks), on a
 * manual timer and a clock of its own: what runs when, the back-off, Codat's waits, and profile switches.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDisposables, type DisposableRegistry } from '@main/services/disposables';
import { createScheduler, type Scheduler } from '@main/services/scheduler';
import { BridgeFailure } from '@shared/result';
import { createManualTimer, ownClock, type ManualTimer, type TestClock } from '@support/manual-timer';

const minute = 60_000;
const hour = 60 * minute;

let clock: TestClock;
let timer: ManualTimer;
let disposables: DisposableRegistry;
let switchTo: (profileId: string) => void;
let scheduler: Scheduler;

beforeEach(() => {
  clock = ownClock(Date.parse('2026-06-01T09:00:00Z'));
  timer = createManualTimer(clock);
  disposables = createDisposables();
  const listeners = new Set<(activeId: string) => void>();
  switchTo = (profileId) => listeners.forEach((listener) => listener(profileId));
  scheduler = createScheduler({
    now: clock.now,
    area: 'test',
    timer,
    disposables,
    profileSwitches: {
      onSwitch(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
});
afterEach(() => {
  disposables.dispose();
  vi.restoreAllMocks();
});

describe('the background scheduler', () => {
  it('runs a job when it is due, once, and says when it is planned until then', () => {
    const runs: number[] = [];
    const at = clock.now() + 30 * minute;
    expect(scheduler.plan('round', at, () => runs.push(clock.now()))).toBe(true);
    expect(scheduler.plannedAt('round')).toBe(at);
    expect(timer.advance(30 * minute - 1)).toEqual([]);
    expect(runs).toEqual([]);
    timer.advance(1);
    expect(runs).toEqual([at]);
    expect(scheduler.plannedAt('round')).toBeNull();
    timer.advance(24 * hour);
    expect(runs).toEqual([at]);
  });

  it('runs a job whose time has passed at once, and a job planned again only at its new time', () => {
    const runs: string[] = [];
    scheduler.plan('check', clock.now() - minute, () => runs.push('late'));
    expect(timer.pending().map((run) => run.delayMs)).toEqual([0]);
    timer.fireNext();
    scheduler.plan('check', clock.now() + 2 * minute, () => runs.push('first plan'));
    scheduler.plan('check', clock.now() + 5 * minute, () => runs.push('second plan'));
    expect(timer.pending().map((run) => run.delayMs)).toEqual([5 * minute]);
    timer.advance(10 * minute);
    expect(runs).toEqual(['late', 'second plan']);
  });

  it('keeps jobs apart by name, and a cancelled one never runs', () => {
    const runs: string[] = [];
    scheduler.plan('round', clock.now() + 30 * minute, () => runs.push('round'));
    scheduler.plan('snooze end', clock.now() + hour, () => runs.push('snooze end'));
    scheduler.cancel('round');
    expect(scheduler.plannedAt('round')).toBeNull();
    timer.advance(2 * hour);
    expect(runs).toEqual(['snooze end']);
  });

  it('backs off after failures, doubling from the interval up to its cap, and a run that works resets it', () => {
    const gaps: number[] = [];
    for (let failures = 0; failures < 6; failures += 1) {
      gaps.push(scheduler.backoffMs(2 * minute, 30 * minute) / minute);
      scheduler.failed(new BridgeFailure({ code: 'network', message: 'Codat could not be reached.' }));
    }
    expect(gaps).toEqual([0, 2, 4, 8, 16, 30]);
    expect(scheduler.waitingUntil()).toBe(0);
    scheduler.succeeded();
    expect(scheduler.backoffMs(2 * minute, 30 * minute)).toBe(0);
  });

  it('waits as long as Codat’s Retry-After asks, or the fallback when it named no time, until a run works', () => {
    const limited = (retryAfterMs?: number) =>
      new BridgeFailure({
        code: 'rate_limited',
        message: 'Rate limit exceeded.',
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    scheduler.failed(limited(10 * minute), 2 * minute);
    expect(scheduler.waitingUntil()).toBe(clock.now() + 10 * minute);
    scheduler.failed(limited(), 2 * minute);
    expect(scheduler.waitingUntil()).toBe(clock.now() + 2 * minute);
    const reset = Date.parse('2026-06-02T00:00:00Z');
    scheduler.waitUntil(reset);
    expect(scheduler.waitingUntil()).toBe(reset);
    scheduler.succeeded();
    expect(scheduler.waitingUntil()).toBe(0);
  });

  it('never runs a job planned for the previous profile, and forgets the back-off and the wait at a switch', () => {
    const runs: string[] = [];
    scheduler.plan('round', clock.now() + 30 * minute, () => runs.push('old profile'));
    scheduler.failed(new BridgeFailure({ code: 'rate_limited', message: 'Rate limit exceeded.', retryAfterMs: hour }));
    const before = scheduler.generation();

    switchTo('live');
    expect(scheduler.isCurrent(before)).toBe(false);
    expect(timer.pending()).toEqual([]);
    expect(scheduler.backoffMs(30 * minute, 240 * minute)).toBe(0);
    expect(scheduler.waitingUntil()).toBe(0);
    // Planned after work that began before the switch: refused.
    expect(scheduler.plan('round', clock.now(), () => runs.push('planned too late'), before)).toBe(false);
    expect(scheduler.plan('round', clock.now() + minute, () => runs.push('new profile'))).toBe(true);
    timer.advance(2 * hour);
    expect(runs).toEqual(['new profile']);
  });

  it('runs nothing once stopped, and logs a job that fails instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    scheduler.plan('check', clock.now(), () => Promise.reject(new Error('no disk')));
    timer.fireNext();
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('[test] check failed: Error: no disk'));

    const runs: string[] = [];
    scheduler.plan('round', clock.now() + minute, () => runs.push('round'));
    disposables.dispose();
    expect(timer.pending()).toEqual([]);
    expect(scheduler.plan('round', clock.now(), () => runs.push('after stop'))).toBe(false);
    timer.advance(hour);
    expect(runs).toEqual([]);
  });
});
