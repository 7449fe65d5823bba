import type { IntegrationCard } from '@shared/contract';
import type { ConnectionService } from '../services/connections';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function connectionOperations(
  connections: ConnectionService,
  targets: AuditTargets,
  /** The platform from the branding cache (its name and source type), if it is there. */
  platform: (key: string) => Promise<IntegrationCard | undefined>,
): AreaHandlers<'connections'> {
  return {
    'connections.create': {
      async audit({ companyId, platformKey }) {
        const card = await platform(platformKey);
        return {
          target: { ...targets.company(companyId), platformName: card?.name ?? platformKey },
          after: (connection) => ({ target: { connectionId: connection.id } }),
        };
      },
      async run({ companyId, platformKey }) {
        return connections.create(companyId, platformKey, (await platform(platformKey))?.sourceType);
      },
    },
    'connections.get': ({ companyId, connectionId }) => connections.get(companyId, connectionId),
    'connections.unlink': {
      audit: ({ companyId, connectionId }) => ({ target: targets.company(companyId, connectionId) }),
      run: ({ companyId, connectionId }) => connections.unlink(companyId, connectionId),
    },
    'connections.delete': {
      audit: ({ companyId, connectionId }) => ({ target: targets.company(companyId, connectionId) }),
      run: ({ companyId, connectionId }) => connections.delete(companyId, connectionId),
    },
  };
}
