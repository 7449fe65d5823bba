/** Customer success's view of one company: sync status, pull history, refreshes, our reading, a report, a timeline. */
import { q } from '@shared/codat/query';
import { pullStatuses, type DataType, type PullOperation } from '@shared/codat/schemas';
import { isPullErrored } from '@shared/codat/status';
import type { HealthThresholds } from '@shared/domain/health/model';
import { classifyCompany } from '@shared/domain/health/rules';
import { buildDiagnosticReport } from '@shared/domain/report';
import { buildTimeline, type AuditEntry } from '@shared/domain/timeline';
import type { CodatApi } from '../codat/api';
import type { CompanyService } from './companies';

export interface InvestigateOptions {
  api(): Promise<CodatApi>;
  companies: CompanyService;
  offlineConnectors(): Promise<ReadonlySet<string>>;
  thresholds(): HealthThresholds;
  source(): { profile: string; host: string };
  /** Our own audit records about a connection, for its timeline. */
  auditFor(connectionId: string): AuditEntry[];
  now?: () => number;
}

const erroredStatuses = pullStatuses.filter((status) => isPullErrored(status));

export function createInvestigateService(options: InvestigateOptions) {
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
    async history(companyId: string, page: number, pageSize: number, errorsOnly: boolean) {
      const api = await options.api();
      const query = errorsOnly ? q.or(...erroredStatuses.map((status) => q.eq('status', status))) : null;
      const found = await api.pullHistory(companyId, { page, pageSize, query, orderBy: '-requested' });
      return {
        results: found.results,
        totalResults: found.totalResults,
        page: found.pageNumber,
        pageSize: found.pageSize,
        unreadable: found.unreadable,
      };
    },

    async pull(companyId: string, datasetId: string) {
      const api = await options.api();
      const pull = await api.pullOperation(companyId, datasetId);
      const validation = pull.status === 'ValidationError' ? await api.validationResults(companyId, datasetId) : null;
      return { pull, validation };
    },

    async refreshAll(companyId: string) {
      await (await options.api()).refreshAll(companyId);
      return { queued: true as const };
    },

    async refreshDataType(companyId: string, dataType: DataType, connectionId?: string) {
      return (await options.api()).refreshDataType(companyId, dataType, connectionId);
    },

    async health(companyId: string) {
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
        options.companies.getConnection(companyId, connectionId),
        recentPulls(companyId),
      ]);
      return {
        events: buildTimeline(
          connection,
          pulls,
          options.companies.observed(connectionId),
          options.auditFor(connectionId),
        ),
      };
    },
  };
}
