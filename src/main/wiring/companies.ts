/** The composition root's companies area: companies, their connections and data, and their diagnosis. */
import type { AuditLog } from '../services/audit';
import { createCompanyService } from '../services/companies';
import { createCompanyCache } from '../services/company-cache';
import { createConnectionService } from '../services/connections';
import { createDataService } from '../services/data';
import { auditEntriesFor, createDiagnosisService } from '../services/diagnosis';
import type { Wiring } from './shared';

/** Companies, their connections and data, and customer success's reading of them (with our audit records). */
export function createCompanyServices(
  { now, active, offlineConnectors, sections }: Wiring,
  audit: AuditLog,
  /** A connection the company cache saw: the follow-ups learn of it. */
  sawConnection: Parameters<typeof createCompanyCache>[1],
) {
  const cache = createCompanyCache(now, sawConnection);
  const companies = createCompanyService({ api: active.api, cache });
  const connections = createConnectionService({ api: active.api, cache, companies });
  const diagnosis = createDiagnosisService({
    now,
    api: active.api,
    companies,
    connections,
    offlineConnectors,
    thresholds: () => sections.thresholds.read(),
    source: () => ({ profile: active.summary().name, host: active.host() }),
    auditFor: (connectionId) => auditEntriesFor(audit.read().records, connectionId),
  });
  return { cache, companies, connections, data: createDataService({ api: active.api }), diagnosis };
}

export type CompanyServices = ReturnType<typeof createCompanyServices>;
