/**
 * The platforms last connected from this console, per profile, kept in localStorage so the picker can offer
 * them first. Only platform keys are stored: nothing about a customer.
 */
import { z } from 'zod';

export const maxRecentPlatforms = 4;

const storageKeyPrefix = 'linkdesk.recentPlatforms.';
const platformKeys = z.array(z.string().regex(/^[a-z]{4}$/));

/** Most recent first; empty when nothing is stored, storage is off, or what is stored cannot be read. */
export function readRecentPlatforms(profileId: string): string[] {
  try {
    const raw = window.localStorage.getItem(storageKeyPrefix + profileId);
    if (!raw) return [];
    const parsed = platformKeys.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.slice(0, maxRecentPlatforms) : [];
  } catch {
    return [];
  }
}

/** Puts the platform first, without duplicates, keeping at most four. */
export function rememberRecentPlatform(profileId: string, platformKey: string): void {
  const next = [platformKey, ...readRecentPlatforms(profileId).filter((key) => key !== platformKey)].slice(
    0,
    maxRecentPlatforms,
  );
  try {
    window.localStorage.setItem(storageKeyPrefix + profileId, JSON.stringify(next));
  } catch {
    // Full or disabled storage: the order is a convenience; connecting still works.
  }
}
