/** The health classifier, table-driven over every connection status and every pull status. */
import { describe, expect, it } from 'vitest';
import {
  connectionStatuses,
  pullStatuses,
  type Company,
  type Connection,
  type Extensible,
  type PullOperation,
  type PullStatus,
} from '@shared/codat/schemas';
import { isPullErrored, isPullInProgress } from '@shared/codat/status';
import { sortIssues, type IssueCategory } from '@shared/domain/health/model';
import { defaultThresholds } from '@shared/settings-defaults';
import { classifyCompany, needsCloserLook } from '@main/rules/health';

const now = Date.parse('2026-06-10T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    integrationId: 'i',
    integrationKey: 'gbol',
    sourceId: 's',
    sourceType: 'Accounting',
    platformName: 'Xero',
    linkUrl: 'https://link.example/start',
    status: 'Linked',
    created: hoursAgo(500),
    lastSync: hoursAgo(2),
    ...overrides,
  };
}

function company(connections: Connection[]): Company {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    name: 'Harbour Bakery Ltd',
    redirect: 'https://link.example/company',
    dataConnections: connections,
  };
}

function pull(status: Extensible<PullStatus>, overrides: Partial<PullOperation> = {}): PullOperation {
  return {
    id: 'd0000000-0000-4000-8000-000000000001',
    companyId: 'a0000000-0000-4000-8000-000000000001',
    connectionId: 'c0000000-0000-4000-8000-000000000001',
    dataType: 'invoices',
    status,
    requested: hoursAgo(1),
    progress: 50,
    isCompleted: status === 'Complete',
    isErrored: isPullErrored(status),
    errorMessage: isPullErrored(status) ? `It went wrong: ${status}` : null,
    ...overrides,
  };
}

const classify = (input: Partial<Parameters<typeof classifyCompany>[0]> & { company: Company }) =>
  classifyCompany({ offlineConnectors: new Set(['pqsw']), now, thresholds: defaultThresholds, ...input });

describe('every connection status', () => {
  const cases: Array<[Connection['status'], Partial<Connection>, IssueCategory[]]> = [
    ['PendingAuth', { created: hoursAgo(2) }, []],
    ['PendingAuth', { created: hoursAgo(30) }, ['awaiting_authorisation']],
    [
      'PendingAuth',
      {
        created: hoursAgo(2),
        dataConnectionErrors: [
          { statusCode: '403', errorMessage: 'User cancelled', status: 'Active', erroredOnUtc: hoursAgo(1) },
        ],
      },
      ['authorisation_failed'],
    ],
    [
      'PendingAuth',
      {
        created: hoursAgo(30),
        dataConnectionErrors: [{ statusCode: '403', errorMessage: 'User cancelled', status: 'Resolved' }],
      },
      ['awaiting_authorisation'],
    ],
    ['Linked', {}, []],
    ['Unlinked', {}, ['unlinked']],
    ['Deauthorized', {}, ['deauthorized']],
  ];
  it.each(cases)('%s %j -> %j', (status, overrides, categories) => {
    const issues = classify({ company: company([connection({ status, ...overrides })]) });
    expect(issues.map((issue) => issue.category)).toEqual(categories);
  });

  it('covers every status Codat has', () => {
    expect(new Set(cases.map(([status]) => status))).toEqual(new Set(connectionStatuses));
  });

  it('gives each issue its next step and evidence with the connection id', () => {
    const [issue] = classify({ company: company([connection({ status: 'Deauthorized' })]) });
    expect(issue).toMatchObject({ severity: 'critical', action: { kind: 'relink' }, connectionId: connection().id });
    expect(issue!.evidence).toContainEqual({ label: 'Connection', value: connection().id });
  });
});

describe('every pull status, as the latest sync of a Linked connection', () => {
  const expectations: Record<PullStatus, IssueCategory[]> = {
    Initial: [],
    Queued: [],
    Fetching: [],
    MapQueued: [],
    Mapping: [],
    ProcessingQueued: [],
    Processing: [],
    ValidationQueued: [],
    Validating: [],
    Complete: [],
    NotSupported: [],
    Cancelled: [],
    FetchError: ['sync_failing'],
    MapError: ['sync_failing'],
    InternalError: ['sync_failing'],
    ProcessingError: ['sync_failing'],
    ValidationError: ['sync_failing'],
    AuthError: ['sync_failing'],
    PermissionsError: ['sync_failing'],
    PrerequisiteNotMet: ['sync_failing'],
    RateLimitError: ['rate_limited'],
  };

  it('has an expectation for every status', () => {
    expect(Object.keys(expectations).sort()).toEqual([...pullStatuses].sort());
  });

  it.each(pullStatuses.map((status) => [status]))('%s (recent)', (status) => {
    const latest = pull(status);
    const issues = classify({
      company: company([connection()]),
      dataStatus: {
        invoices: {
          dataType: 'invoices',
          currentStatus: status,
          latestSyncId: latest.id,
          lastSuccessfulSync: hoursAgo(3),
        },
      },
      pulls: [latest],
    });
    expect(issues.map((issue) => issue.category)).toEqual(expectations[status]);
    if (expectations[status].length > 0) {
      expect(issues[0]!.evidence).toContainEqual({ label: 'Dataset', value: latest.id });
      expect(JSON.stringify(issues[0])).toContain(`It went wrong: ${status}`); // Codat's own message, in the summary or the evidence
    }
  });

  it.each(pullStatuses.filter((status) => isPullInProgress(status)).map((status) => [status]))(
    '%s for 8 hours is stuck',
    (status) => {
      const latest = pull(status, { requested: hoursAgo(8) });
      const issues = classify({
        company: company([connection()]),
        dataStatus: { invoices: { dataType: 'invoices', currentStatus: status, latestSyncId: latest.id } },
        pulls: [latest],
      });
      expect(issues.map((issue) => issue.category)).toEqual(['sync_stuck']);
      expect(issues[0]!.action.text).toContain(latest.id);
    },
  );

  it('an offline connector whose pulls wait in the queue is waiting for the customer, not stuck', () => {
    const waiting = pull('Queued', { requested: hoursAgo(30) });
    const issues = classify({
      company: company([connection({ integrationKey: 'pqsw', platformName: 'QuickBooks Desktop', lastSync: null })]),
      dataStatus: { invoices: { dataType: 'invoices', currentStatus: 'Queued', latestSyncId: waiting.id } },
      pulls: [waiting],
    });
    expect(issues.map((issue) => issue.category)).toEqual(['offline_connector_waiting']);
    expect(issues[0]!.action.kind).toBe('start_connector');
  });

  it('data not synced successfully for 30 days is stale', () => {
    const issues = classify({
      company: company([connection({ lastSync: hoursAgo(24 * 40) })]),
      dataStatus: {
        invoices: { dataType: 'invoices', currentStatus: 'Complete', lastSuccessfulSync: hoursAgo(24 * 40) },
      },
      pulls: [],
    });
    expect(issues.map((issue) => issue.category)).toEqual(['stale_data']);
  });
});

describe('a status Codat added after this version of Linkdesk', () => {
  it('is no known grouping: neither in progress nor a failure', () => {
    expect(isPullInProgress('Throttled')).toBe(false);
    expect(isPullErrored('Throttled')).toBe(false);
  });

  it('an unknown connection status is not taken for healthy: it is an issue that quotes it', () => {
    const issues = classify({ company: company([connection({ status: 'Suspended', lastSync: hoursAgo(1) })]) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      category: 'unknown_status',
      severity: 'warning',
      connectionId: connection().id,
      action: { kind: 'contact_codat' },
    });
    expect(issues[0]!.summary).toContain('“Suspended”, a connection status Linkdesk does not know yet');
    expect(issues[0]!.evidence).toContainEqual({ label: 'Status', value: 'Suspended (not known to Linkdesk)' });
    // No closer look is spent on it during a scan: the issue is known from the list already.
    expect(
      needsCloserLook(company([connection({ status: 'Suspended', lastSync: null })]), now, defaultThresholds),
    ).toBe(false);
  });

  it('an unknown pull status is an issue for that data type, not a failure and not healthy', () => {
    const latest = pull('Throttled', { requested: hoursAgo(9) });
    const issues = classify({
      company: company([connection()]),
      dataStatus: {
        invoices: { dataType: 'invoices', currentStatus: 'Throttled', latestSyncId: latest.id },
        bills: { dataType: 'bills', currentStatus: 'Complete', lastSuccessfulSync: hoursAgo(3) },
      },
      pulls: [latest],
    });
    expect(issues.map((issue) => issue.category)).toEqual(['unknown_status']);
    expect(issues[0]).toMatchObject({
      action: { kind: 'contact_codat', dataType: 'invoices' },
      since: latest.requested,
    });
    expect(issues[0]!.summary).toContain('invoices');
    expect(issues[0]!.evidence).toContainEqual({ label: 'Pull status', value: 'Throttled (not known to Linkdesk)' });
    expect(issues[0]!.evidence).toContainEqual({ label: 'Dataset', value: latest.id });
  });

  it('a connection error whose status Linkdesk does not know still counts as active', () => {
    const issues = classify({
      company: company([
        connection({
          status: 'PendingAuth',
          created: hoursAgo(2),
          dataConnectionErrors: [{ statusCode: '500', errorMessage: 'Platform said no', status: 'Escalated' }],
        }),
      ]),
    });
    expect(issues.map((issue) => issue.category)).toEqual(['authorisation_failed']);
  });
});

describe('scan helpers', () => {
  it('looks closer only at Linked connections that have not synced recently', () => {
    expect(needsCloserLook(company([connection()]), now, defaultThresholds)).toBe(false);
    expect(needsCloserLook(company([connection({ lastSync: hoursAgo(13) })]), now, defaultThresholds)).toBe(true);
    expect(needsCloserLook(company([connection({ lastSync: null })]), now, defaultThresholds)).toBe(true);
    expect(
      needsCloserLook(company([connection({ status: 'PendingAuth', lastSync: null })]), now, defaultThresholds),
    ).toBe(false);
  });

  it('sorts by severity, then by age', () => {
    const issues = [
      ...classify({ company: company([connection({ id: 'x1', status: 'Unlinked' })]) }),
      ...classify({ company: company([connection({ id: 'x2', status: 'Deauthorized' })]) }),
      ...classify({ company: company([connection({ id: 'x3', status: 'PendingAuth', created: hoursAgo(24 * 10) })]) }),
    ];
    expect(sortIssues(issues).map((issue) => issue.severity)).toEqual(['critical', 'warning', 'info']);
  });
});
