/**
 * What is wrong with a company's connections, in plain words, with the evidence and the next step
 * (docs/codat-api.md §12). Pure: the same input always gives the same issues, so it is table-tested.
 */
import {
  isKnownConnectionStatus,
  isKnownPullStatus,
  type Company,
  type Connection,
  type DataStatus,
  type DataStatuses,
  type PullOperation,
  type PullStatus,
} from '@shared/codat/schemas';
import { isPullErrored, isPullInProgress } from '@shared/codat/status';
import { isCancellation, unknownValueInWords } from '@shared/domain/connections';
import type { ActionKind, HealthIssue, HealthThresholds, Severity } from '@shared/domain/health/model';

export interface ClassifierInput {
  company: Company;
  /** Present when the company was looked at closely. */
  dataStatus?: DataStatuses | null;
  /** Recent pull operations, any order. */
  pulls?: readonly PullOperation[] | null;
  /** Platform keys of offline (desktop) connectors. */
  offlineConnectors: ReadonlySet<string>;
  now: number;
  thresholds: HealthThresholds;
}

const hour = 3_600_000;
const day = 24 * hour;

function age(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(time) ? null : now - time;
}

function duration(ms: number): string {
  if (ms >= 2 * day) return `${Math.floor(ms / day)} days`;
  if (ms >= 2 * hour) return `${Math.floor(ms / hour)} hours`;
  return `${Math.max(1, Math.floor(ms / 60_000))} minutes`;
}

/** What to do about a failed pull, by its status. */
const failureAdvice: Partial<Record<PullStatus, { kind: ActionKind; text: string; severity: Severity }>> = {
  AuthError: {
    kind: 'relink',
    text: 'Access has lapsed: send the customer the connection link to re-link.',
    severity: 'critical',
  },
  FetchError: {
    kind: 'refresh_data_type',
    text: 'The platform failed while Codat fetched data (often maintenance): refresh this data type later.',
    severity: 'warning',
  },
  PermissionsError: {
    kind: 'grant_permissions',
    text: 'The user who linked lacks permission for this data: ask the customer to re-link as an administrator.',
    severity: 'warning',
  },
  ValidationError: {
    kind: 'contact_codat',
    text: 'Some records failed Codat’s validation: check the validation results, then contact Codat quoting the dataset id if unclear.',
    severity: 'warning',
  },
  MapError: {
    kind: 'contact_codat',
    text: 'Codat could not map a record: contact Codat support quoting the dataset id.',
    severity: 'warning',
  },
  InternalError: {
    kind: 'contact_codat',
    text: 'An internal error at Codat: contact Codat support quoting the dataset id.',
    severity: 'warning',
  },
  ProcessingError: {
    kind: 'contact_codat',
    text: 'Codat could not store the data: contact Codat support quoting the dataset id.',
    severity: 'warning',
  },
  PrerequisiteNotMet: {
    kind: 'refresh_all',
    text: 'A data type this one depends on has not synced: refresh all data.',
    severity: 'warning',
  },
};

function base(company: Company, connection: Connection | null) {
  return {
    companyId: company.id,
    companyName: company.name,
    connectionId: connection?.id ?? null,
    platformName: connection?.platformName ?? null,
    platformKey: connection?.integrationKey ?? null,
  };
}

function connectionEvidence(connection: Connection) {
  return [
    { label: 'Connection', value: connection.id },
    {
      label: 'Platform',
      value: `${connection.platformName}${connection.integrationKey ? ` (${connection.integrationKey})` : ''}`,
    },
    {
      label: 'Status',
      value: isKnownConnectionStatus(connection.status) ? connection.status : unknownValueInWords(connection.status),
    },
  ];
}

export function classifyCompany(input: ClassifierInput): HealthIssue[] {
  const { company, now, thresholds } = input;
  const issues: HealthIssue[] = [];
  for (const connection of company.dataConnections ?? []) {
    // An error is over only when Codat says Resolved; a status it added later counts as still active.
    const activeErrors = (connection.dataConnectionErrors ?? []).filter((error) => error.status !== 'Resolved');
    if (connection.status === 'PendingAuth') {
      const latestError = activeErrors.at(-1);
      if (latestError) {
        const cancelled = isCancellation(latestError);
        issues.push({
          ...base(company, connection),
          key: `authorisation_failed:${connection.id}`,
          category: 'authorisation_failed',
          severity: 'warning',
          since: latestError.erroredOnUtc ?? null,
          summary: cancelled
            ? `The customer cancelled authorising ${connection.platformName} (“${latestError.errorMessage ?? latestError.statusText ?? 'cancelled'}”).`
            : `Authorising ${connection.platformName} failed: ${latestError.errorMessage ?? latestError.statusText ?? 'no reason given'}.`,
          action: {
            kind: 'send_fresh_link',
            text: 'Send the customer a fresh link and stay on the phone while they authorise.',
          },
          evidence: [
            ...connectionEvidence(connection),
            {
              label: 'Error',
              value: [latestError.statusCode, latestError.statusText, latestError.errorMessage]
                .filter(Boolean)
                .join(' · '),
            },
            ...(latestError.erroredOnUtc ? [{ label: 'When', value: latestError.erroredOnUtc }] : []),
          ],
        });
        continue;
      }
      const waited = age(connection.created, now);
      if (waited !== null && waited >= thresholds.pendingAuthHours * hour) {
        issues.push({
          ...base(company, connection),
          key: `awaiting_authorisation:${connection.id}`,
          category: 'awaiting_authorisation',
          severity: waited >= 7 * day ? 'warning' : 'info',
          since: connection.created,
          summary: `${connection.platformName} has waited ${duration(waited)} for the customer to authorise.`,
          action: {
            kind: 'send_fresh_link',
            text: 'Send a fresh link (links work once and for 24 hours) and offer to walk them through it.',
          },
          evidence: [...connectionEvidence(connection), { label: 'Created', value: connection.created }],
        });
      }
      continue;
    }
    if (connection.status === 'Deauthorized') {
      issues.push({
        ...base(company, connection),
        key: `deauthorized:${connection.id}`,
        category: 'deauthorized',
        severity: 'critical',
        since: connection.lastSync ?? null,
        summary: `${connection.platformName} lost access: the customer or the platform withdrew it, so no new data arrives.`,
        action: {
          kind: 'relink',
          text: 'Ask the customer to re-link through the connection link (the company and its data stay).',
        },
        evidence: [
          ...connectionEvidence(connection),
          ...(connection.lastSync ? [{ label: 'Last sync', value: connection.lastSync }] : []),
        ],
      });
      continue;
    }
    if (connection.status === 'Unlinked') {
      issues.push({
        ...base(company, connection),
        key: `unlinked:${connection.id}`,
        category: 'unlinked',
        severity: 'info',
        since: connection.lastSync ?? null,
        summary: `${connection.platformName} was unlinked from your side; data already synced stays readable.`,
        action: {
          kind: 'relink',
          text: 'If it should be connected, send the customer the connection link to re-link.',
        },
        evidence: [
          ...connectionEvidence(connection),
          ...(connection.lastSync ? [{ label: 'Last sync', value: connection.lastSync }] : []),
        ],
      });
      continue;
    }
    if (!isKnownConnectionStatus(connection.status)) {
      // Not silently healthy: Linkdesk cannot tell whether data still arrives, so it says what Codat reported.
      issues.push({
        ...base(company, connection),
        key: `unknown_status:${connection.id}`,
        category: 'unknown_status',
        severity: 'warning',
        since: null,
        summary: `Codat reports ${connection.platformName} as “${connection.status}”, a connection status Linkdesk does not know yet, so it cannot tell whether data still arrives.`,
        action: {
          kind: 'contact_codat',
          text: `Check the connection in Codat’s Portal; if it is unclear, ask Codat what “${connection.status}” means, quoting the connection id.`,
        },
        evidence: [
          ...connectionEvidence(connection),
          ...(connection.lastSync ? [{ label: 'Last sync', value: connection.lastSync }] : []),
        ],
      });
      continue;
    }
    issues.push(...classifyLinked(input, connection));
  }
  return issues;
}

/** A data type whose current pull status Linkdesk does not know: it cannot tell whether the sync worked. */
function unknownPullStatus(
  company: Company,
  connection: Connection,
  status: DataStatus & { currentStatus: string },
  latest: PullOperation | undefined,
): HealthIssue {
  return {
    ...base(company, connection),
    key: `unknown_status:${connection.id}:${status.dataType}`,
    category: 'unknown_status',
    severity: 'warning',
    since: latest?.requested ?? null,
    summary: `The last ${status.dataType} sync from ${connection.platformName} is “${status.currentStatus}”, a pull status Linkdesk does not know yet, so it cannot tell whether the sync worked.`,
    action: {
      kind: 'contact_codat',
      text: `Check this data type in Codat’s Portal; if it does not settle, ask Codat what “${status.currentStatus}” means, quoting the dataset id.`,
      dataType: status.dataType,
    },
    evidence: [
      ...connectionEvidence(connection),
      { label: 'Data type', value: status.dataType },
      { label: 'Pull status', value: unknownValueInWords(status.currentStatus) },
      ...(status.latestSyncId ? [{ label: 'Dataset', value: status.latestSyncId }] : []),
      ...(status.lastSuccessfulSync ? [{ label: 'Last successful sync', value: status.lastSuccessfulSync }] : []),
      ...(latest?.errorMessage ? [{ label: 'Codat said', value: latest.errorMessage }] : []),
    ],
  };
}

function classifyLinked(input: ClassifierInput, connection: Connection): HealthIssue[] {
  const { company, now, thresholds } = input;
  const issues: HealthIssue[] = [];
  const pulls = (input.pulls ?? []).filter((pull) => pull.connectionId === connection.id);
  const pullsById = new Map(pulls.map((pull) => [pull.id, pull]));
  const offline = !!connection.integrationKey && input.offlineConnectors.has(connection.integrationKey);
  const statuses = Object.values(input.dataStatus ?? {}).filter(
    (status): status is NonNullable<typeof status> => !!status,
  );
  // dataStatus is per company; when the company has several connections, keep the types this connection's pulls cover.
  const ownTypes = new Set(pulls.map((pull) => pull.dataType));
  const relevant =
    (company.dataConnections ?? []).filter((c) => c.status === 'Linked').length > 1 && ownTypes.size > 0
      ? statuses.filter((status) => ownTypes.has(status.dataType))
      : statuses;

  let rateLimited: HealthIssue | null = null;
  for (const status of relevant) {
    const current = status.currentStatus;
    if (!current) continue;
    const latest = status.latestSyncId ? pullsById.get(status.latestSyncId) : undefined;
    if (!isKnownPullStatus(current)) {
      issues.push(unknownPullStatus(company, connection, { ...status, currentStatus: current }, latest));
      continue;
    }
    if (current === 'RateLimitError') {
      rateLimited ??= {
        ...base(company, connection),
        key: `rate_limited:${connection.id}`,
        category: 'rate_limited',
        severity: 'warning',
        since: latest?.requested ?? null,
        summary: `${connection.platformName} rate limited Codat while syncing ${status.dataType}; Codat retries later.`,
        action: {
          kind: 'wait',
          text: 'Nothing to do now: Codat retries. If it persists for a day, refresh the data type or contact Codat.',
          dataType: status.dataType,
        },
        evidence: [
          ...connectionEvidence(connection),
          { label: 'Data type', value: status.dataType },
          ...(status.latestSyncId ? [{ label: 'Dataset', value: status.latestSyncId }] : []),
          ...(latest?.errorMessage ? [{ label: 'Codat said', value: latest.errorMessage }] : []),
        ],
      };
      continue;
    }
    if (isPullErrored(current)) {
      const advice = failureAdvice[current] ?? {
        kind: 'contact_codat' as const,
        text: 'Contact Codat support quoting the dataset id.',
        severity: 'warning' as const,
      };
      issues.push({
        ...base(company, connection),
        key: `sync_failing:${connection.id}:${status.dataType}`,
        category: 'sync_failing',
        severity: advice.severity,
        since: latest?.requested ?? null,
        summary: `The last ${status.dataType} sync from ${connection.platformName} ended in ${current}${latest?.errorMessage ? `: ${latest.errorMessage}` : '.'}`,
        action: { kind: advice.kind, text: advice.text, dataType: status.dataType },
        evidence: [
          ...connectionEvidence(connection),
          { label: 'Data type', value: status.dataType },
          { label: 'Pull status', value: current },
          ...(status.latestSyncId ? [{ label: 'Dataset', value: status.latestSyncId }] : []),
          ...(status.lastSuccessfulSync ? [{ label: 'Last successful sync', value: status.lastSuccessfulSync }] : []),
          ...(latest?.errorMessage ? [{ label: 'Codat said', value: latest.errorMessage }] : []),
        ],
      });
    }
  }
  if (rateLimited) issues.push(rateLimited);

  // In-progress pulls that have run too long: a desktop connector that is not running, or a stuck sync.
  const stuck = pulls.filter((pull) => {
    const waited = age(pull.requested, now);
    return isPullInProgress(pull.status) && waited !== null && waited >= thresholds.syncStuckHours * hour;
  });
  if (stuck.length > 0) {
    const oldest = stuck.reduce((a, b) => (Date.parse(a.requested) <= Date.parse(b.requested) ? a : b));
    const waited = age(oldest.requested, now) ?? 0;
    const waiting = offline && stuck.every((pull) => pull.status === 'Queued' || pull.status === 'Initial');
    issues.push({
      ...base(company, connection),
      key: `${waiting ? 'offline_connector_waiting' : 'sync_stuck'}:${connection.id}`,
      category: waiting ? 'offline_connector_waiting' : 'sync_stuck',
      severity: waiting ? 'warning' : 'critical',
      since: oldest.requested,
      summary: waiting
        ? `${stuck.length} ${connection.platformName} sync${stuck.length === 1 ? '' : 's'} queued for ${duration(waited)}: the connector on the customer’s computer is not running.`
        : `A ${oldest.dataType} sync from ${connection.platformName} has been ${oldest.status} for ${duration(waited)}.`,
      action: waiting
        ? {
            kind: 'start_connector',
            text: 'Ask the customer to open their accounting software and start the Codat connector on that computer.',
          }
        : {
            kind: 'contact_codat',
            text: `Contact Codat support quoting dataset ${oldest.id}.`,
            dataType: oldest.dataType,
          },
      evidence: [
        ...connectionEvidence(connection),
        ...stuck.slice(0, 5).map((pull) => ({
          label: `${pull.dataType} (${pull.status})`,
          value: `dataset ${pull.id}, requested ${pull.requested}${pull.statusDescription ? `, ${pull.statusDescription}` : ''}`,
        })),
      ],
    });
  }

  // Stale data: the connection's last successful sync (or, closer, the data status) is too old.
  const lastSuccess =
    relevant
      .map((status) => status.lastSuccessfulSync)
      .filter((value): value is string => !!value)
      .sort()
      .at(-1) ??
    connection.lastSync ??
    null;
  const sinceSuccess = age(lastSuccess, now);
  if (
    sinceSuccess !== null &&
    sinceSuccess >= thresholds.staleDays * day &&
    !issues.some((issue) => issue.category === 'offline_connector_waiting')
  ) {
    issues.push({
      ...base(company, connection),
      key: `stale_data:${connection.id}`,
      category: 'stale_data',
      severity: 'warning',
      since: lastSuccess,
      summary: `No successful sync from ${connection.platformName} for ${duration(sinceSuccess)}; the platform token may expire.`,
      action: { kind: 'refresh_all', text: 'Refresh all data now, and check why scheduled syncs are not running.' },
      evidence: [...connectionEvidence(connection), { label: 'Last successful sync', value: lastSuccess ?? 'never' }],
    });
  }
  return issues;
}

/** Which Linked companies a scan should read dataStatus and history for: the rest look healthy from the list. */
export function needsCloserLook(company: Company, now: number, thresholds: HealthThresholds): boolean {
  return (company.dataConnections ?? []).some((connection) => {
    if (connection.status !== 'Linked') return false;
    const since = age(connection.lastSync, now);
    return since === null || since >= thresholds.closerLookHours * hour;
  });
}
