/**
 * Sandbox time. `speed` 0 is a manual clock (tests advance it); 1 follows real time; larger values run faster.
 * Either way `advance` jumps ahead, so the same mechanism serves tests, trainees and `npm run sandbox`.
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): number;
}

export interface ClockOptions {
  /** Sandbox time at start (ms since epoch or ISO string). Defaults to real now. */
  start?: number | string;
  speed?: number;
}

export function createSandboxClock(options: ClockOptions = {}): SandboxClock {
  const start = typeof options.start === 'string' ? Date.parse(options.start) : (options.start ?? Date.now());
  if (!Number.isFinite(start)) throw new Error(`Invalid sandbox clock start: ${String(options.start)}`);
  const speed = options.speed ?? 0;
  const realStart = Date.now();
  let offset = 0;
  const now = () => Math.floor(start + offset + (speed === 0 ? 0 : (Date.now() - realStart) * speed));
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The sandbox clock only moves forward.');
      offset += ms;
      return now();
    },
  };
}

export const hour = 3_600_000;
export const day = 24 * hour;
export const iso = (ms: number) => new Date(ms).toISOString();
