import type { AppInfo } from '../../shared/contract';
import type { HostFacts, SecretProtection } from '../ports';

export function createAppInfoService(facts: HostFacts, secrets: SecretProtection) {
  return {
    info(): AppInfo {
      // Profiles arrive with the Codat client; until then there is no active profile to report.
      return { ...facts, activeProfile: null, secretStorage: secrets.describe() };
    },
  };
}
