/**
 * Creates fresh links one connection after another (two at a time at most), with progress, Cancel, and the quota
 * guard: it stops before a request when the day's quota is down to the reserve (as the scan does), or when main
 * refuses for the quota. Whatever finished stays finished: a cancelled run keeps its links and failures.
 */
import { useCallback, useRef, useState } from 'react';
import { isQuotaLow } from '@shared/domain/quota';
import { linkdesk } from '@renderer/api';
import { useAppStore } from '@renderer/stores/app-store';
import type { FreshLinkDone, FreshLinkFailed, FreshLinkTarget } from './fresh-links';

/** Requests in flight at once: quick enough for 40 customers, gentle on the quota and on Codat. */
export const freshLinkConcurrency = 2;

export type FreshLinkRunState = 'running' | 'finished' | 'cancelled' | 'stopped_for_quota';

export interface FreshLinkRun {
  state: FreshLinkRunState;
  total: number;
  /** Answered so far, worked or not. */
  finished: number;
  done: FreshLinkDone[];
  failed: FreshLinkFailed[];
  /** Not asked for (cancelled, or stopped for the quota). */
  notStarted: FreshLinkTarget[];
  /** Requests left today when the guard stopped the run. */
  quotaRemaining: number | null;
  /** Cancel was pressed: nothing more is asked; the requests in flight are awaited. */
  cancelling: boolean;
}

export function useFreshLinkRun() {
  const [run, setRun] = useState<FreshLinkRun | null>(null);
  const cancelled = useRef(false);
  const running = useRef(false);

  const start = useCallback(async (targets: readonly FreshLinkTarget[]) => {
    if (running.current || targets.length === 0) return;
    running.current = true;
    cancelled.current = false;
    let stoppedForQuota: number | null = null;
    const queue = [...targets];
    const update = (change: (current: FreshLinkRun) => FreshLinkRun) =>
      setRun((current) => (current ? change(current) : current));
    setRun({
      state: 'running',
      total: targets.length,
      finished: 0,
      done: [],
      failed: [],
      notStarted: [],
      quotaRemaining: null,
      cancelling: false,
    });
    const worker = async () => {
      while (queue.length > 0 && !cancelled.current && stoppedForQuota === null) {
        const rateLimit = useAppStore.getState().rateLimit;
        if (isQuotaLow(rateLimit)) {
          stoppedForQuota = rateLimit?.remaining ?? 0;
          break;
        }
        const target = queue.shift()!;
        const result = await linkdesk.followups.freshLink({
          companyId: target.companyId,
          connectionId: target.connectionId,
        });
        if (!result.ok && result.error.code === 'rate_limited' && stoppedForQuota === null) {
          // Main's guard, or Codat's own 429: this one was not made; the rest wait for tomorrow's quota.
          stoppedForQuota = useAppStore.getState().rateLimit?.remaining ?? 0;
          queue.unshift(target);
          break;
        }
        update((current) => ({
          ...current,
          finished: current.finished + 1,
          ...(result.ok
            ? { done: [...current.done, { target, link: result.value }] }
            : { failed: [...current.failed, { target, error: result.error }] }),
        }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(freshLinkConcurrency, targets.length) }, worker));
    running.current = false;
    update((current) => ({
      ...current,
      state: stoppedForQuota !== null ? 'stopped_for_quota' : cancelled.current ? 'cancelled' : 'finished',
      notStarted: [...queue],
      quotaRemaining: stoppedForQuota,
      cancelling: false,
    }));
  }, []);

  return {
    run,
    start,
    /** Asks no more; the requests in flight finish and are kept. */
    cancel: useCallback(() => {
      if (!running.current) return;
      cancelled.current = true;
      setRun((current) => (current ? { ...current, cancelling: true } : current));
    }, []),
    dismiss: useCallback(() => {
      if (!running.current) setRun(null);
    }, []),
  };
}
