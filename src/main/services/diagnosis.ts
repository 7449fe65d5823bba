/** Customer success's reading of one company: what is wrong in plain words, a report for a ticket, a timeline. */
import type { PullOperation } from '@shared/codat/schemas';
import type { HealthThresholds } from '@shared/domain/health/model';
import { classifyCompany } from '@main/rules/health';
import { buildDiagnosticReport } from '@main/rules/report';
import { buildTimeline, type AuditEntry } from '@main/rules/timeline';
import type { CodatApi } from '../codat/api';
import type { CompanyService } from './companies';
import type { ConnectionService } from './connections';

export interface DiagnosisOptions {
  api(): Promise<CodatApi>;
  companies: Pick<CompanyService, 'get'>;
  connections: Pick<ConnectionService, 'get' | 'observed'>;
  offlineConnectors(): Promise<ReadonlySet<string>>;
  thresholds(): HealthThresholds;
  source(): { profile: string; host: string };
  /** Our own audit records about a connection, for its timeline. */
  auditFor(connectionId: string): AuditEntry[];
  now?: () => number;
}

export function createDiagnosisService(options: DiagnosisOptions) {
  const now = options.now ?? Date.now;

  async function recentPulls(companyId: string, pageSize = 100): Promise<PullOperation[]> {
    const api = await options.api();
    return (await api.pullHistory(companyId, { pageSize, orderBy: '-requested' })).results;
  }

  async function closeLook(companyId: string) {
    const company = await options.companies.get(companyId, true);
    const api = await options.api();
    const [dataStatus, pulls, offline] = await Promise.all([
      api.dataStatus(companyId),
      recentPulls(companyId),
      options.offlineConnectors(),
    ]);
    const issues = classifyCompany({
      company,
      dataStatus,
      pulls,
      offlineConnectors: offline,
      now: now(),
      thresholds: options.thresholds(),
    });
    return { company, dataStatus, pulls, issues };
  }

  return {
    async company(companyId: string) {
      const { issues } = await closeLook(companyId);
      return { issues, checkedAt: new Date(now()).toISOString() };
    },

    async report(companyId: string) {
      const look = await closeLook(companyId);
      return {
        markdown: buildDiagnosticReport({
          company: look.company,
          dataStatus: look.dataStatus,
          pulls: look.pulls,
          issues: look.issues,
          generatedAt: new Date(now()).toISOString(),
          source: options.source(),
        }),
      };
    },

    async timeline(companyId: string, connectionId: string) {
      const [connection, pulls] = await Promise.all([
        options.connections.get(companyId, connectionId),
        recentPulls(companyId),
      ]);
      return {
        events: buildTimeline(
          connection,
          pulls,
          options.connections.observed(connectionId),
          options.auditFor(connectionId),
        ),
      };
    },
  };
}

export type DiagnosisService = ReturnType<typeof createDiagnosisService>;
