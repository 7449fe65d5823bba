/**
 * When the branding cache is refreshed, as pure rules over what is known of it (tested on their own): stale past
 * its time to live; lost files repaired at most every 10 minutes; no background refresh while offline or soon
 * after a failure (the page lists again after each refresh, which would otherwise loop).
 */

/** A background repair (lost files) runs at most this often, so a cache bound smaller than one catalogue cannot loop. */
export const repairIntervalMs = 10 * 60_000;
const dayMs = 24 * 60 * 60_000;

/** Older than the time to live (`ttlDays`), when it was cached at all. */
export function isStale(cachedAt: string | null, now: number, ttlDays: number): boolean {
  return cachedAt !== null && now - Date.parse(cachedAt) > ttlDays * dayMs;
}

export interface CacheFacts {
  stale: boolean;
  offline: boolean;
  refreshing: boolean;
  /** Platforms whose file or images are missing or damaged. */
  damaged: number;
  lastRepairAt: number;
  lastFailureAt: number;
}

/**
 * What a listing should start in the background: everything again (`all`), only what is missing (`repair`), or
 * nothing. `force` is a reconnection after missed changes: it refreshes unless one is already running.
 */
export function backgroundRefresh(facts: CacheFacts, now: number, force = false): 'all' | 'repair' | null {
  const repairDue = facts.damaged > 0 && now - facts.lastRepairAt >= repairIntervalMs;
  if (facts.refreshing || !(force || facts.stale || repairDue)) return null;
  const resting = facts.offline || now - facts.lastFailureAt < repairIntervalMs;
  if (!force && resting) return null;
  return facts.stale || force ? 'all' : 'repair';
}
