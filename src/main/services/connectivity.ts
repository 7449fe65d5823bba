/**
 * Whether the active profile's API can be reached. Every Codat answer or network failure reports here; when
 * nothing has been asked lately a probe checks (an unauthenticated HEAD: any HTTP answer means reachable, and
 * it costs no quota). While unreachable it probes every `pollMs`, so whatever waits for the API to be back
 * (the branding cache) hears about it without the user doing anything.
 */
export interface ConnectivityState {
  online: boolean | null;
  checkedAt: string | null;
}

export interface ConnectivityOptions {
  /** Resolves true when the API answered at all. */
  probe(): Promise<boolean>;
  now(): number;
  onChange?(state: ConnectivityState & { online: boolean; checkedAt: string }): void;
  /** Told when the API answers again after being unreachable. */
  onReconnected?(): void;
  pollMs?: number;
  /** A check this recent is good enough. */
  freshMs?: number;
}

export function createConnectivityMonitor(options: ConnectivityOptions) {
  const pollMs = options.pollMs ?? 15_000;
  const freshMs = options.freshMs ?? 5_000;
  let online: boolean | null = null;
  let checkedAt: number | null = null;
  let probing: Promise<ConnectivityState> | null = null;
  let poll: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const state = (): ConnectivityState => ({
    online,
    checkedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(),
  });

  function schedulePoll() {
    if (poll || online !== false) return;
    poll = setTimeout(() => {
      poll = null;
      void monitor.check(true);
    }, pollMs);
    poll.unref?.();
  }

  const monitor = {
    state,
    /** What a request just learnt. */
    report(reachable: boolean): void {
      const before = online;
      online = reachable;
      checkedAt = options.now();
      if (before !== reachable) {
        options.onChange?.({ online: reachable, checkedAt: new Date(checkedAt).toISOString() });
        if (reachable && before === false) options.onReconnected?.();
      }
      if (reachable && poll) {
        clearTimeout(poll);
        poll = null;
      }
      schedulePoll();
    },
    /** The current state, probing first unless a check is recent (or `force`). */
    async check(force = false): Promise<ConnectivityState> {
      if (!force && checkedAt !== null && options.now() - checkedAt < freshMs) return state();
      probing ??= (async () => {
        const asked = generation;
        const reachable = await options.probe().catch(() => false);
        // A profile switch while probing makes the answer about the old host.
        if (asked === generation) monitor.report(reachable);
        return state();
      })().finally(() => {
        probing = null;
      });
      return probing;
    },
    /** The active profile changed: what was known is about another host. */
    reset(): void {
      generation++;
      online = null;
      checkedAt = null;
      if (poll) clearTimeout(poll);
      poll = null;
    },
    stop(): void {
      if (poll) clearTimeout(poll);
      poll = null;
    },
  };
  return monitor;
}

export type ConnectivityMonitor = ReturnType<typeof createConnectivityMonitor>;
