import type { AuditLog } from '../services/audit';
import type { AreaHandlers } from './types';

export function auditOperations(audit: AuditLog): AreaHandlers<'audit'> {
  return { 'audit.list': (filter) => audit.list(filter) };
}
