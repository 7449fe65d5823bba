/** Deterministic randomness for seeded data: the same seed always builds the same world. */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  uuid(): string;
  digits(count: number): string;
}

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex32 = () =>
    Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (probability) => next() < probability,
    uuid() {
      const h = hex32() + hex32() + hex32() + hex32();
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    digits(count) {
      let out = '';
      for (let i = 0; i < count; i += 1) out += Math.floor(next() * 10).toString();
      return out;
    },
  };
}

/** A stable UUID derived from a string (for integration ids that must not depend on the seed). */
export function uuidFromString(text: string): string {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return createRandom(hash >>> 0).uuid();
}
