/**
 * Whether the active profile's API can be reached. Every Codat answer or network failure reports here; when
 * nothing has been asked lately a probe checks (an unauthenticated HEAD: any HTTP answer means reachable, and
 * it costs no quota). While unreachable it probes every `pollMs`, so whatever waits for the API to be back
 * (the branding cache) hears about it without the user doing anything.
 */
import type { EventPublisher, ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';

export interface ConnectivityState {
  online: boolean | null;
  checkedAt: string | null;
}

export interface ConnectivityOptions {
  /** Resolves true when the API answered at all. */
  probe(): Promise<boolean>;
  now(): number;
  /** Where a change goes to the pages (`codat.connectivity`). */
  events?: EventPublisher;
  onChange?(state: ConnectivityState & { online: boolean; checkedAt: string }): void;
  /** Told when the API answers again after being unreachable. */
  onReconnected?(): void;
  /** A switch makes what was known about another host (`reset`); quitting stops the poll. */
  lifetime?: { profileSwitches: ProfileSwitches; disposables: Disposables };
  pollMs?: number;
  /** A check this recent is good enough. */
  freshMs?: number;
}

export interface ConnectivityMonitor {
  state(): ConnectivityState;
  /** What a request just learnt. */
  report(reachable: boolean): void;
  /** The current state, probing first unless a check is recent (or `force`). */
  check(force?: boolean): Promise<ConnectivityState>;
  /** The active profile changed: what was known is about another host. */
  reset(): void;
  stop(): void;
}

/**
 * The probe of a base URL: an unauthenticated HEAD, so it costs no quota; any HTTP answer at all means the host is
 * there.
 */
export function headProbe(baseUrl: () => Promise<string>): () => Promise<boolean> {
  return async () => {
    await fetch(`${await baseUrl()}/`, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(4_000) });
    return true;
  };
}

export function createConnectivityMonitor(options: ConnectivityOptions): ConnectivityMonitor {
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

  const monitor: ConnectivityMonitor = {
    state,
    report(reachable) {
      const before = online;
      online = reachable;
      checkedAt = options.now();
      if (before !== reachable) {
        const changed = { online: reachable, checkedAt: new Date(checkedAt).toISOString() };
        options.events?.emit('codat.connectivity', changed);
        options.onChange?.(changed);
        if (reachable && before === false) options.onReconnected?.();
      }
      if (reachable && poll) {
        clearTimeout(poll);
        poll = null;
      }
      schedulePoll();
    },
    async check(force = false) {
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
    reset() {
      generation++;
      online = null;
      checkedAt = null;
      if (poll) clearTimeout(poll);
      poll = null;
    },
    stop() {
      if (poll) clearTimeout(poll);
      poll = null;
    },
  };
  const lifetime = options.lifetime;
  if (lifetime) {
    lifetime.disposables.add(lifetime.profileSwitches.onSwitch(() => monitor.reset()));
    lifetime.disposables.add(() => monitor.stop());
  }
  return monitor;
}
