/** The Health export: the filtered issues, one row each. */
import { categoryLabels, type HealthIssue } from '@shared/domain/health/model';
import { toCsv, type CsvColumns } from '@renderer/lib/csv';
import { severityWords } from '@renderer/components/severity';

const columns: CsvColumns<HealthIssue> = [
  ['Company', (issue) => issue.companyName],
  ['Company ID', (issue) => issue.companyId],
  ['Platform', (issue) => issue.platformName ?? ''],
  ['Connection ID', (issue) => issue.connectionId ?? ''],
  ['Category', (issue) => categoryLabels[issue.category]],
  ['Severity', (issue) => severityWords[issue.severity]],
  ['Since', (issue) => issue.since ?? ''],
  ['Summary', (issue) => issue.summary],
  ['Action', (issue) => issue.action.text],
  ['Evidence', (issue) => issue.evidence.map(({ label, value }) => `${label}: ${value}`).join('; ')],
];

export function issuesToCsv(issues: readonly HealthIssue[]): string {
  return toCsv(columns, issues);
}
