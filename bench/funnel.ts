/**
 * The link completion funnel of 5 000 past hand-overs (12 weeks, a few platforms and people, some chains of fresh
 * links): the pure computation the Follow-ups page runs when it shows them, without rendering.
 */
import { performance } from 'node:perf_hooks';
import { computeFunnel } from '@shared/domain/funnel';
import type { HandOver } from '@shared/domain/handovers';

export interface FunnelBench {
  handOvers: number;
  /** The first computation (Intl formats made, code not yet optimised). */
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
}

const hour = 3_600_000;
const day = 24 * hour;

/** Realistic enough: most link within a day, some never; one in ten is superseded by a fresh link a day later. */
export function pastHandOvers(count: number, now: number): HandOver[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const platforms = ['Xero', 'QuickBooks Online', 'Sage Business Cloud Accounting', 'FreeAgent', 'NetSuite'];
  const people = ['alice', 'bob', 'carol', 'dinesh', 'eve'];
  const handOvers: HandOver[] = [];
  for (let n = 0; handOvers.length < count; n += 1) {
    const at = now - random() * 90 * day;
    const toLink = (0.1 + random() * 30) * hour;
    const toSync = toLink + (0.1 + random() * 6) * hour;
    const roll = random();
    const linked = roll < 0.7 && at + toLink < now;
    const synced = linked && roll < 0.55 && at + toSync < now;
    const iso = (ms: number) => new Date(ms).toISOString();
    const handOver: HandOver = {
      id: `h${n}`,
      profileId: 'bench',
      company: { id: `c${n}`, name: `Bench customer ${n}` },
      connection: { id: `k${n}`, platformKey: 'gbol', platformName: platforms[n % platforms.length]! },
      by: people[Math.floor(random() * people.length)]!,
      at: iso(at),
      how: 'copied',
      recipient: null,
      link: { issuedAt: iso(at), expiresAt: iso(at + day) },
      errorBaseline: [],
      syncBaseline: null,
      state: synced ? 'synced' : linked ? 'linked' : at + day < now ? 'expired' : 'awaiting',
      problem: null,
      codatStatus: null,
      changedAt: null,
      linkedAt: linked ? iso(at + toLink) : null,
      endedAt: synced ? iso(at + toSync) : null,
      supersededBy: null,
      notified: [],
    };
    if (n % 10 === 0 && handOvers.length + 1 < count) {
      const older: HandOver = {
        ...handOver,
        id: `h${n}-old`,
        at: iso(at - day),
        link: { issuedAt: iso(at - day), expiresAt: iso(at) },
        state: 'superseded',
        linkedAt: null,
        endedAt: iso(at),
        supersededBy: handOver.id,
      };
      handOvers.push(older);
    }
    handOvers.push(handOver);
  }
  return handOvers;
}

export function benchFunnel(count = 5000, runs = 50): FunnelBench {
  const now = Date.parse('2026-06-17T12:00:00Z');
  const handOvers = pastHandOvers(count, now);
  const options = { now, timeZone: 'Europe/London' };
  let began = performance.now();
  const first = computeFunnel(handOvers, options);
  const firstMs = performance.now() - began;
  if (first.total.handedOver === 0) throw new Error('The funnel counted nothing.');
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    began = performance.now();
    computeFunnel(handOvers, options);
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return {
    handOvers: handOvers.length,
    firstMs,
    p50Ms: times[Math.floor(runs / 2)]!,
    p95Ms: times[Math.min(runs - 1, Math.floor(runs * 0.95))]!,
  };
}
