import { describe, expect, it } from 'vitest';
import { backgroundRefresh, isStale, repairIntervalMs, type CacheFacts } from '@main/branding/refresh-policy';

const now = Date.parse('2026-06-10T12:00:00Z');
const fresh: CacheFacts = {
  stale: false,
  offline: false,
  refreshing: false,
  damaged: 0,
  lastRepairAt: 0,
  lastFailureAt: 0,
};

describe('branding cache: when it goes stale', () => {
  it.each([
    [null, 7, false],
    ['2026-06-03T12:00:00Z', 7, false],
    ['2026-06-03T11:59:59Z', 7, true],
    ['2026-06-09T11:00:00Z', 1, true],
  ])('cached at %s with a time to live of %i days: stale %s', (cachedAt, ttlDays, stale) => {
    expect(isStale(cachedAt, now, ttlDays)).toBe(stale);
  });
});

describe('branding cache: what a listing refreshes in the background', () => {
  it.each<[string, Partial<CacheFacts>, boolean, 'all' | 'repair' | null]>([
    ['nothing when fresh and whole', {}, false, null],
    ['everything when stale', { stale: true }, false, 'all'],
    ['nothing while a refresh runs, even when stale', { stale: true, refreshing: true }, false, null],
    ['the lost files when some are damaged', { damaged: 2 }, false, 'repair'],
    ['nothing when damaged but repaired a moment ago', { damaged: 2, lastRepairAt: now - 60_000 }, false, null],
    [
      'the lost files again once the repair interval passed',
      { damaged: 2, lastRepairAt: now - repairIntervalMs },
      false,
      'repair',
    ],
    [
      'nothing while offline, even when stale (the reconnection refreshes)',
      { stale: true, offline: true },
      false,
      null,
    ],
    [
      'nothing soon after a failure (the page lists again after each refresh)',
      { stale: true, lastFailureAt: now - 1_000 },
      false,
      null,
    ],
    ['everything on a reconnection after missed changes, even offline', { offline: true }, true, 'all'],
    ['nothing on a reconnection while a refresh runs', { refreshing: true }, true, null],
  ])('%s', (_name, facts, force, expected) => {
    expect(backgroundRefresh({ ...fresh, ...facts }, now, force)).toBe(expected);
  });
});
