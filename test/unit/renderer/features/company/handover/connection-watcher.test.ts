/** The live watch after hand-over, on fake timers: cadence, one request at a time, limits and pauses. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createConnectionWatcher,
  type ConnectionWatcherOptions,
  type WatchSnapshot,
} from '@renderer/features/company/handover/connection-watcher';
import type { Connection, DataStatuses } from '@shared/codat/schemas';
import type { BridgeError, Result } from '@shared/result';

const pending: Connection = {
  id: '11111111-1111-4111-8111-111111111111',
  integrationId: 'i',
  sourceId: 's',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://example/start?otp=1',
  status: 'PendingAuth',
  created: '2026-06-01T09:00:00Z',
};
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (error: BridgeError): Result<never> => ({ ok: false, error });

function setUp(overrides: Partial<ConnectionWatcherOptions> = {}) {
  let connection: Result<Connection> = ok(pending);
  let statuses: Result<DataStatuses> = ok({});
  let hidden = false;
  let inFlight = 0;
  let peak = 0;
  const calls: string[] = [];
  const snapshots: WatchSnapshot[] = [];
  const linked = vi.fn();
  const settled = vi.fn();
  const errors = vi.fn();
  const track = async <T>(name: string, value: () => Result<T>) => {
    calls.push(name);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await Promise.resolve();
    inFlight -= 1;
    return value();
  };
  const watcher = createConnectionWatcher({
    getConnection: () => track('connection', () => connection),
    dataStatus: () => track('dataStatus', () => statuses),
    errorBaseline: [],
    needsSyncBaseline: false,
    checkedAt: Date.now(),
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onConnection: () => {},
    onLinked: linked,
    onSyncSettled: settled,
    onNewErrors: errors,
    isHidden: () => hidden,
    ...overrides,
  });
  return {
    watcher,
    calls,
    snapshots,
    linked,
    settled,
    errors,
    peak: () => peak,
    last: () => snapshots.at(-1)!,
    setConnection: (value: Result<Connection>) => (connection = value),
    setStatuses: (value: Result<DataStatuses>) => (statuses = value),
    setHidden: (value: boolean) => (hidden = value),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-06-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('connection watcher', () => {
  it('checks every 5 s until Linked, then follows the first sync to the end, one request at a time', async () => {
    const t = setUp();
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(t.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toEqual(['connection']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.calls).toEqual(['connection', 'connection', 'connection']);

    t.setConnection(ok({ ...pending, status: 'Linked' }));
    t.setStatuses(
      ok({
        invoices: { dataType: 'invoices', currentStatus: 'Fetching', latestSyncId: 'a' },
        bills: { dataType: 'bills', currentStatus: 'Queued', latestSyncId: 'b' },
      }),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.linked).toHaveBeenCalledOnce();
    expect(t.last().phase).toBe('syncing');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls.at(-1)).toBe('dataStatus'); // straight after Linked, no extra wait

    t.setStatuses(
      ok({
        invoices: { dataType: 'invoices', currentStatus: 'Complete', latestSyncId: 'a' },
        bills: { dataType: 'bills', currentStatus: 'Fetching', latestSyncId: 'b' },
      }),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.settled).toHaveBeenLastCalledWith([expect.objectContaining({ dataType: 'invoices', state: 'complete' })]);
    t.setStatuses(
      ok({
        invoices: { dataType: 'invoices', currentStatus: 'Complete', latestSyncId: 'a' },
        bills: { dataType: 'bills', currentStatus: 'FetchError', latestSyncId: 'b' },
      }),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.settled).toHaveBeenLastCalledWith([expect.objectContaining({ dataType: 'bills', state: 'failed' })]);
    expect(t.last().phase).toBe('synced');
    const finished = t.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls.length).toBe(finished); // nothing more once the first sync has ended
    expect(t.peak()).toBe(1);
  });

  it('stops after 15 minutes, and "Check again" watches for another 15', async () => {
    const t = setUp();
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(15 * 60_000 + 5_000);
    expect(t.last().stopped).toEqual({ reason: 'time' });
    const stoppedAt = t.calls.length;
    expect(stoppedAt).toBeGreaterThanOrEqual(179);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls.length).toBe(stoppedAt);
    t.watcher.resume();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.calls.length).toBeGreaterThan(stoppedAt);
    expect(t.last().stopped).toBeNull();
  });

  it('asks nothing while the page is hidden and picks up the cadence when it is shown again', async () => {
    const t = setUp();
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(5_000);
    t.setHidden(true);
    t.watcher.visibilityChanged();
    expect(t.last().paused).toBe(true);
    const before = t.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls.length).toBe(before);
    t.setHidden(false);
    t.watcher.visibilityChanged();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls.length).toBe(before + 1);
    expect(t.last().paused).toBe(false);
  });

  it('waits as long as Codat asks when rate limited', async () => {
    const t = setUp();
    t.setConnection(fail({ code: 'rate_limited', message: 'Slow down', status: 429, retryAfterMs: 120_000 }));
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.last().retryAt).toBe(Date.now() + 120_000);
    t.setConnection(ok(pending));
    await vi.advanceTimersByTimeAsync(119_000);
    expect(t.calls).toEqual(['connection']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.calls).toEqual(['connection', 'connection']);
    expect(t.last().retryAt).toBeNull();
  });

  it('reports errors that are new since the hand-over, once, and keeps watching', async () => {
    const old = {
      statusCode: '403',
      errorMessage: 'User cancelled',
      erroredOnUtc: '2026-05-01T00:00:00Z',
      status: 'Active' as const,
    };
    const t = setUp({ errorBaseline: ['2026-05-01T00:00:00Z|403||User cancelled'] });
    t.setConnection(ok({ ...pending, dataConnectionErrors: [old] }));
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.errors).not.toHaveBeenCalled();
    const fresh = { ...old, erroredOnUtc: '2026-06-01T09:00:07Z' };
    t.setConnection(ok({ ...pending, dataConnectionErrors: [old, fresh] }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.errors).toHaveBeenCalledOnce();
    expect(t.errors).toHaveBeenCalledWith([fresh]);
    expect(t.last().newErrors).toEqual([fresh]);
    expect(t.last().stopped).toBeNull();
  });

  it('stops with the error shown when the connection is gone', async () => {
    const t = setUp();
    t.setConnection(fail({ code: 'codat', status: 404, message: 'No data connection', correlationId: 'c1' }));
    t.watcher.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.last().stopped).toEqual({
      reason: 'error',
      error: expect.objectContaining({ status: 404, correlationId: 'c1' }),
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.calls).toEqual(['connection']);
  });
});
