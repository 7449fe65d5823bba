/** Names for the audit trail, from what main already knows: never an extra Codat request. */
import type { AuditTarget } from '../bridge/dispatcher';
import type { CompanyCache } from '../services/company-cache';

export function createAuditTargets(cache: Pick<CompanyCache, 'known'>) {
  return {
    company(companyId: string, connectionId?: string): AuditTarget {
      const company = cache.known(companyId);
      const connection = company?.dataConnections?.find((candidate) => candidate.id === connectionId);
      return {
        companyId,
        ...(company ? { companyName: company.name } : {}),
        ...(connectionId ? { connectionId } : {}),
        ...(connection ? { platformName: connection.platformName } : {}),
      };
    },
  };
}

export type AuditTargets = ReturnType<typeof createAuditTargets>;
