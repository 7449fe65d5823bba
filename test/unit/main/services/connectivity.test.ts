/** Knowing whether Codat answers: reports from requests, probes when nothing was asked lately, polling while down. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnectivityMonitor } from '@main/services/connectivity';

afterEach(() => vi.useRealTimers());

function monitorWith(answers: boolean[]) {
  let now = Date.parse('2026-06-01T09:00:00Z');
  const probes: number[] = [];
  const changes: boolean[] = [];
  let reconnections = 0;
  const monitor = createConnectivityMonitor({
    now: () => now,
    probe: async () => {
      probes.push(now);
      return answers.shift() ?? true;
    },
    onChange: (state) => changes.push(state.online),
    onReconnected: () => reconnections++,
    pollMs: 15_000,
  });
  return {
    monitor,
    probes,
    changes,
    reconnections: () => reconnections,
    advance: (ms: number) => (now += ms),
  };
}

describe('connectivity monitor', () => {
  it('is unknown until asked, then probes; a recent answer is reused', async () => {
    const { monitor, probes, advance } = monitorWith([true]);
    expect(monitor.state()).toEqual({ online: null, checkedAt: null });
    expect(await monitor.check()).toMatchObject({ online: true });
    advance(1_000);
    await monitor.check();
    expect(probes).toHaveLength(1);
    advance(10_000);
    await monitor.check();
    expect(probes).toHaveLength(2);
  });

  it('tells about changes only, and about coming back after being down', async () => {
    const { monitor, changes, reconnections } = monitorWith([]);
    monitor.report(true);
    monitor.report(true);
    expect(reconnections()).toBe(0);
    monitor.report(false);
    monitor.report(false);
    monitor.report(true);
    expect(changes).toEqual([true, false, true]);
    expect(reconnections()).toBe(1);
    monitor.stop();
  });

  it('while down, probes on its own until the API answers', async () => {
    vi.useFakeTimers();
    const { monitor, probes, reconnections } = monitorWith([false, true]);
    monitor.report(false);
    expect(probes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(probes).toHaveLength(1);
    expect(monitor.state().online).toBe(false);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(probes).toHaveLength(2);
    expect(monitor.state().online).toBe(true);
    expect(reconnections()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(2);
  });

  it('forgets what it knew when the profile changes, and ignores a probe about the old host', async () => {
    let release: (reachable: boolean) => void = () => undefined;
    const monitor = createConnectivityMonitor({
      now: () => 0,
      probe: () => new Promise<boolean>((resolve) => (release = resolve)),
    });
    const pending = monitor.check();
    monitor.reset();
    release(false);
    await pending;
    expect(monitor.state()).toEqual({ online: null, checkedAt: null });
  });
});
