/**
 * The last companies opened from the Companies page, per profile, kept in localStorage so they survive a
 * restart. Only id, name and when are stored: nothing else about a customer is written to disk here.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { useAppStore } from '@renderer/stores/app-store';

export const maxRecentCompanies = 8;

const recentCompanySchema = z.object({ id: z.string().min(1), name: z.string(), openedAt: z.string() });
export type RecentCompany = z.infer<typeof recentCompanySchema>;

const storageKeyPrefix = 'linkdesk.recentCompanies.';
/** Same-window writes do not fire `storage` events, so subscribers are told directly. */
const localListeners = new Set<() => void>();
const noRecentCompanies: RecentCompany[] = [];
/** Parsed lists by their raw stored text, so a snapshot keeps its identity until the text changes. */
const parsedByRaw = new Map<string, RecentCompany[]>();

function storageKey(profileId: string) {
  return storageKeyPrefix + profileId;
}

function readRaw(profileId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(profileId));
  } catch {
    return null; // storage disabled: the list is simply empty
  }
}

function parse(raw: string | null): RecentCompany[] {
  if (!raw) return noRecentCompanies;
  const cached = parsedByRaw.get(raw);
  if (cached) return cached;
  let parsed: RecentCompany[] = noRecentCompanies;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) {
      // Keep whatever entries are still readable rather than dropping the whole list.
      parsed = value
        .map((entry) => recentCompanySchema.safeParse(entry))
        .flatMap((result) => (result.success ? [result.data] : []))
        .slice(0, maxRecentCompanies);
    }
  } catch {
    // Not JSON: treat as empty; the next open overwrites it.
  }
  parsedByRaw.clear();
  parsedByRaw.set(raw, parsed);
  return parsed;
}

export function readRecentCompanies(profileId: string): RecentCompany[] {
  return parse(readRaw(profileId));
}

/** Puts the company first, without duplicates, keeping at most eight. */
export function rememberRecentCompany(profileId: string, company: { id: string; name: string }, now = new Date()) {
  const entry: RecentCompany = { id: company.id, name: company.name, openedAt: now.toISOString() };
  const others = readRecentCompanies(profileId).filter((recent) => recent.id !== company.id);
  const next = [entry, ...others].slice(0, maxRecentCompanies);
  try {
    window.localStorage.setItem(storageKey(profileId), JSON.stringify(next));
  } catch {
    // Full or disabled storage: recents are a convenience, opening the company still works.
  }
  localListeners.forEach((listener) => listener());
}

/** Takes a company off the list (it was deleted: opening it again would only say "not found"). */
export function forgetRecentCompany(profileId: string, companyId: string) {
  const recent = readRecentCompanies(profileId);
  const next = recent.filter((entry) => entry.id !== companyId);
  if (next.length === recent.length) return;
  try {
    window.localStorage.setItem(storageKey(profileId), JSON.stringify(next));
  } catch {
    // Disabled storage: there was nothing to forget.
  }
  localListeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(storageKeyPrefix)) listener();
  };
  localListeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    localListeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The active profile's recent companies (empty until the profile is known), and a way to add one. */
export function useRecentCompanies() {
  const profileId = useAppStore((state) => state.info?.activeProfile?.id ?? null);
  const recent = useSyncExternalStore(subscribe, () =>
    profileId ? readRecentCompanies(profileId) : noRecentCompanies,
  );
  const remember = useCallback(
    (company: { id: string; name: string }) => {
      if (profileId) rememberRecentCompany(profileId, company);
    },
    [profileId],
  );
  return { recent, remember };
}
