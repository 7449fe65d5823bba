/** The audit log export: one row per record, as the page shows them (filtered). */
import { auditActionLabels, type AuditRecord } from '@shared/domain/audit';
import { toCsv, type CsvColumns } from '@renderer/lib/csv';

const columns: CsvColumns<AuditRecord> = [
  ['Time', (record) => record.at],
  ['User', (record) => record.user],
  ['Profile', (record) => record.profile.name],
  ['Environment', (record) => record.profile.environment],
  ['API host', (record) => record.profile.host],
  ['Action', (record) => auditActionLabels[record.action]],
  ['Company', (record) => record.target.companyName ?? ''],
  ['Company ID', (record) => record.target.companyId ?? ''],
  ['Connection ID', (record) => record.target.connectionId ?? ''],
  ['Platform', (record) => record.target.platformName ?? ''],
  ['Data type', (record) => record.target.dataType ?? ''],
  ['Detail', (record) => record.detail ?? record.target.profileName ?? ''],
  [
    'Result',
    (record) =>
      record.result.ok ? 'OK' : `Failed: ${record.result.status ?? record.result.code} ${record.result.message}`,
  ],
  ['Correlation ID', (record) => (record.result.ok ? '' : (record.result.correlationId ?? ''))],
];

export function auditToCsv(records: readonly AuditRecord[]): string {
  return toCsv(columns, records);
}
