/** What Codat has synced for a company: data status, pull history, one pull, and asking it to sync again. */
import { q } from '@shared/codat/query';
import { pullStatuses, type DataType } from '@shared/codat/schemas';
import { isPullErrored } from '@shared/codat/status';
import type { CodatApi } from '../codat/api';

const erroredStatuses = pullStatuses.filter((status) => isPullErrored(status));

export function createDataService(options: { api(): Promise<CodatApi> }) {
  return {
    async status(companyId: string) {
      return (await options.api()).dataStatus(companyId);
    },

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
  };
}

export type DataService = ReturnType<typeof createDataService>;
