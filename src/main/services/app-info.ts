import type { AppInfo, AuditStatus } from '@shared/contract';
import type { HostFacts, SecretVault } from '../ports';
import type { ProfileService } from './profiles';

export function createAppInfoService(
  facts: HostFacts,
  vault: SecretVault,
  profiles: ProfileService,
  notices: () => readonly string[],
  auditStatus: () => AuditStatus,
) {
  return {
    info(): AppInfo {
      const active = profiles.active();
      return {
        ...facts,
        activeProfile: { id: active.id, name: active.name, environment: active.environment },
        secretStorage: vault.describe(),
        notices: [...notices()],
        audit: auditStatus(),
      };
    },
  };
}

export type AppInfoService = ReturnType<typeof createAppInfoService>;
