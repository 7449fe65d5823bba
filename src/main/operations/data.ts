import type { DataService } from '../services/data';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function dataOperations(data: DataService, targets: AuditTargets): AreaHandlers<'data'> {
  return {
    'data.status': ({ companyId }) => data.status(companyId),
    'data.history': ({ companyId, page, pageSize, errorsOnly }) => data.history(companyId, page, pageSize, errorsOnly),
    'data.pull': ({ companyId, datasetId }) => data.pull(companyId, datasetId),
    'data.refreshAll': {
      audit: ({ companyId }) => ({ target: targets.company(companyId) }),
      run: ({ companyId }) => data.refreshAll(companyId),
    },
    'data.refreshDataType': {
      audit: ({ companyId, dataType, connectionId }) => ({
        target: { ...targets.company(companyId, connectionId), dataType },
      }),
      run: ({ companyId, dataType, connectionId }) => data.refreshDataType(companyId, dataType, connectionId),
    },
  };
}
