/** Customer success's reading of one company: what is wrong in plain words, a report for a ticket, a timeline. */
import type { TimelineEvent } from '@shared/contract';
import type { PullOperation } from '@shared/codat/schemas';
import { auditActionLabels, type AuditRecord } from '@shared/domain/audit';
import type { HealthIssue, HealthThresholds } from '@shared/domain/health/model';
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

export interface DiagnosisService {
  /** What is wrong with a company now, from a close look (its data status and recent pulls). */
  company(companyId: string): Promise<{ issues: HealthIssue[]; checkedAt: string }>;
  /** The same, as a Markdown report for a support ticket. */
  report(companyId: string): Promise<{ markdown: string }>;
  /** A connection's story: its status, its pulls, what Linkdesk saw of it, and our own audit records. */
  timeline(companyId: string, connectionId: string): Promise<{ events: TimelineEvent[] }>;
}

/** Our audit records about a connection, as its timeline tells them. */
export function auditEntriesFor(records: readonly AuditRecord[], connectionId: string): AuditEntry[] {
  return records
    .filter((record) => record.target.connectionId === connectionId)
    .map((record) => ({
      at: record.at,
      title: `${auditActionLabels[record.action]} in Linkdesk by ${record.user}`,
      ...(record.result.ok
        ? record.detail
          ? { detail: record.detail }
          : {}
        : { detail: `Failed: ${record.result.message}` }),
      ok: record.result.ok,
    }));
}

export function createDiagnosisService(options: DiagnosisOptions): DiagnosisService {
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
