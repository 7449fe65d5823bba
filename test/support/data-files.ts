/** What the data folder's files hold, for tests that write them: settings with many profiles, inbox issues. */
import type { HealthIssue } from '@shared/domain/health/model';
import { applyRound } from '@main/rules/inbox';
import type { Settings } from '@main/storage/settings';

export const dataFilesEpoch = Date.parse('2026-06-01T09:00:00.000Z');

/** Settings holding `count` profiles, each with a key's ciphertext: about 300 bytes a profile. */
export function settingsWithProfiles(count: number): Settings {
  return {
    version: 1,
    activeProfileId: 'profile-1',
    profiles: Array.from({ length: count }, (_, index) => ({
      id: `profile-${index + 1}`,
      name: `Customer success ${index + 1}`,
      baseUrl: 'https://api.codat.io',
      environment: 'production' as const,
      createdAt: new Date(dataFilesEpoch).toISOString(),
      keyHint: '…9f3a',
      key: { storage: 'os_keychain' as const, ciphertext: 'c'.repeat(200) },
    })),
  };
}

/** A deauthorised Xero connection of Acme Ltd, as the Health rules report it: one inbox issue per key. */
export const deauthorisedIssue = (key: string): HealthIssue => ({
  key,
  category: 'deauthorized',
  severity: 'critical',
  companyId: 'c1',
  companyName: 'Acme Ltd',
  connectionId: key,
  platformName: 'Xero',
  platformKey: 'gbol',
  since: null,
  summary: 'Deauthorised.',
  action: { kind: 'send_fresh_link', text: 'Send a fresh link.' },
  evidence: [],
});

/** Inbox issues of profile `p1`, one per key, as a monitor round first sees them. */
export function inboxIssues(keys: string[]) {
  return applyRound([], {
    profileId: 'p1',
    at: dataFilesEpoch,
    seen: keys.map(deauthorisedIssue),
    complete: true,
    resolveAfterHours: 24,
  }).issues;
}
