/**
 * The active profile as the other services ask for it: its id, its API, where it is (in words, for reports and the
 * audit trail), and where its requests go. The built-in training sandbox has no address of its own until it runs.
 */
import type { ProfileSummary } from '@shared/contract';
import type { CodatApi } from '../codat/api';

export interface ActiveProfile {
  id(): string;
  summary(): ProfileSummary;
  api(): Promise<CodatApi>;
  /** Where its API is, in words for reports and the audit trail. */
  host(): string;
  /** The base URL it was given; null for the training sandbox, whose address is its own each time it starts. */
  givenBaseUrl(): string | null;
  /** The base URL its requests go to (the training sandbox's once started): what the connectivity probe asks. */
  requestBaseUrl(): Promise<string>;
}

export function activeProfileOf(profiles: { active(): ProfileSummary; activeApi(): Promise<CodatApi> }): ActiveProfile {
  const active: ActiveProfile = {
    id: () => profiles.active().id,
    summary: () => profiles.active(),
    api: () => profiles.activeApi(),
    host() {
      try {
        return new URL(profiles.active().baseUrl).host;
      } catch {
        return 'training sandbox (this computer)';
      }
    },
    givenBaseUrl() {
      const profile = profiles.active();
      return profile.builtIn ? null : profile.baseUrl;
    },
    async requestBaseUrl() {
      return active.givenBaseUrl() ?? (await profiles.activeApi()).http.baseUrl;
    },
  };
  return active;
}
