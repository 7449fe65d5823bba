/** A diagnostic report to paste into a support ticket: ids, statuses, errors, data status, failed pulls, our reading. */
import { isKnownPullStatus, type Company, type DataStatuses, type PullOperation } from '@shared/codat/schemas';
import { isPullErrored } from '@shared/codat/status';
import { categoryLabels, type HealthIssue } from '@shared/domain/health/model';

export interface ReportInput {
  company: Company;
  dataStatus: DataStatuses | null;
  pulls: readonly PullOperation[];
  issues: readonly HealthIssue[];
  generatedAt: string;
  /** Where the data came from: profile name and API host. Never a key. */
  source: { profile: string; host: string };
}

const cell = (value: string | number | null | undefined) =>
  String(value ?? '—')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');

export function buildDiagnosticReport(input: ReportInput): string {
  const { company } = input;
  const lines: string[] = [
    `# Diagnostic report: ${company.name}`,
    '',
    `- Company ID: ${company.id}`,
    `- Created: ${company.created ?? 'unknown'}`,
    `- Last sync: ${company.lastSync ?? 'never'}`,
    `- Hosted Link: ${company.redirect}`,
    `- Source: ${input.source.profile} (${input.source.host})`,
    `- Generated: ${input.generatedAt}`,
    '',
    '## Connections',
    '',
  ];
  const connections = company.dataConnections ?? [];
  if (connections.length === 0) lines.push('No connections.');
  else {
    lines.push('| Platform | Connection ID | Status | Created | Last sync |', '| --- | --- | --- | --- | --- |');
    for (const connection of connections) {
      lines.push(
        `| ${cell(`${connection.platformName} (${connection.integrationKey ?? connection.sourceType})`)} | ${cell(connection.id)} | ${cell(connection.status)} | ${cell(connection.created)} | ${cell(connection.lastSync)} |`,
      );
    }
  }
  const errors = connections.flatMap((connection) =>
    (connection.dataConnectionErrors ?? []).map((error) => ({ connection, error })),
  );
  lines.push('', '## Connection errors', '');
  if (errors.length === 0) lines.push('None recorded.');
  for (const { connection, error } of errors) {
    lines.push(
      `- ${error.erroredOnUtc ?? 'unknown time'} · ${connection.platformName} (${connection.id}) · ${[error.statusCode, error.statusText, error.errorMessage].filter(Boolean).join(' · ')} · ${error.status ?? 'no status'}${error.resolvedOnUtc ? ` (resolved ${error.resolvedOnUtc})` : ''}`,
    );
  }
  lines.push('', '## Data status', '');
  const statuses = Object.values(input.dataStatus ?? {}).filter(
    (status): status is NonNullable<typeof status> => !!status,
  );
  if (statuses.length === 0) lines.push(input.dataStatus ? 'No data types synced yet.' : 'Not read.');
  else {
    lines.push(
      '| Data type | Current status | Last successful sync | Latest dataset | Latest successful dataset |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const status of [...statuses].sort((a, b) => a.dataType.localeCompare(b.dataType))) {
      lines.push(
        `| ${cell(status.dataType)} | ${cell(status.currentStatus)} | ${cell(status.lastSuccessfulSync)} | ${cell(status.latestSyncId)} | ${cell(status.latestSuccessfulSyncId)} |`,
      );
    }
  }
  const failed = input.pulls.filter((pull) => isPullErrored(pull.status)).slice(0, 10);
  lines.push('', '## Last failed pulls', '');
  if (failed.length === 0) lines.push('None in the recent history.');
  for (const pull of failed) {
    lines.push(
      `- ${pull.requested} · ${pull.dataType} · ${pull.status} · dataset ${pull.id}${pull.errorMessage ? ` · ${pull.errorMessage}` : ''}`,
    );
  }
  // Codat's word as it is: support can ask Codat about it. Only listed when there are such pulls.
  const unknown = input.pulls.filter((pull) => !isKnownPullStatus(pull.status)).slice(0, 10);
  if (unknown.length > 0) lines.push('', '## Pulls in a status Linkdesk does not know', '');
  for (const pull of unknown) {
    lines.push(
      `- ${pull.requested} · ${pull.dataType} · ${pull.status} · dataset ${pull.id}${pull.errorMessage ? ` · ${pull.errorMessage}` : ''}`,
    );
  }
  lines.push('', '## Linkdesk’s reading', '');
  if (input.issues.length === 0) lines.push('No problems found.');
  for (const issue of input.issues) {
    lines.push(
      `- **${categoryLabels[issue.category]}** (${issue.severity}): ${issue.summary} Next step: ${issue.action.text}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
