import type { DiagnosisService } from '../services/diagnosis';
import type { AreaHandlers } from './types';

export function diagnosisOperations(diagnosis: DiagnosisService): AreaHandlers<'diagnosis'> {
  return {
    'diagnosis.company': ({ companyId }) => diagnosis.company(companyId),
    'diagnosis.report': ({ companyId }) => diagnosis.report(companyId),
    'diagnosis.timeline': ({ companyId, connectionId }) => diagnosis.timeline(companyId, connectionId),
  };
}
