/** The portfolio scan and the company reading against the sandbox's seeded scenarios. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { hour } from '@sandbox/clock';
import { scenarioNames } from '@sandbox/seed';
import type { OperationInput, OperationName, OperationOutput, ScanState } from '@shared/contract';
import type { IssueCategory } from '@shared/domain/health/model';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

let sandbox: TestSandbox;
let services: MainServices;
let progress: ScanState[];
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 400 });
  // The seeded "stuck" and "offline" pulls must be old enough to count as stuck.
  sandbox.control.advanceClock(8 * hour);
  progress = [];
  services = createMainServices(
    testPorts(sandbox, { notifier: { notify: () => false }, now: () => Date.parse(sandbox.control.now()) }),
  );
  services.hub.subscribe((event, payload) => {
    if (event === 'health.progress') progress.push(payload as ScanState);
  });
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = async (operation, input) => {
    const result = await dispatch(operation, input, { frameUrl: null });
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value as never;
  };
  await call('integrations.list', {});
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.clearRequests());

const expected: Array<[string, IssueCategory]> = [
  [scenarioNames.awaitingAuth, 'awaiting_authorisation'],
  [scenarioNames.authCancelled, 'authorisation_failed'],
  [scenarioNames.deauthorized, 'deauthorized'],
  [scenarioNames.unlinked, 'unlinked'],
  [scenarioNames.syncFailing, 'sync_failing'],
  [scenarioNames.syncStuck, 'sync_stuck'],
  [scenarioNames.offlineConnector, 'offline_connector_waiting'],
  [scenarioNames.staleData, 'stale_data'],
  [scenarioNames.linkedAuthError, 'sync_failing'],
  [scenarioNames.rateLimited, 'rate_limited'],
  [scenarioNames.validationError, 'sync_failing'],
];

describe('health scan', () => {
  it('walks every company, looks closer only where needed, and finds every category on its scenario company', async () => {
    await call('health.startScan', {});
    await services.scans.settled();
    const results = await call('health.results', {});
    expect(results?.scan).toMatchObject({ state: 'finished', companiesScanned: 400, totalCompanies: 400 });
    const byCompany = new Map<string, Set<IssueCategory>>();
    for (const issue of results!.issues) {
      if (!byCompany.has(issue.companyName)) byCompany.set(issue.companyName, new Set());
      byCompany.get(issue.companyName)!.add(issue.category);
    }
    for (const [company, category] of expected)
      expect([...(byCompany.get(company) ?? [])], company).toContain(category);
    expect(results!.issues.filter((issue) => issue.companyName === scenarioNames.healthy)).toEqual([]);
    expect(byCompany.has(scenarioNames.noConnections)).toBe(false);
    // Requests: one list page for 400 companies, plus closer looks only for some companies.
    const requests = sandbox.control.requests();
    expect(requests.filter((entry) => entry.path.startsWith('/companies?'))).toHaveLength(1);
    expect(results!.scan.requestsUsed).toBe(requests.length);
    expect(results!.scan.closerLooks).toBeLessThan(400);
    expect(progress.at(-1)).toMatchObject({ state: 'finished', companiesScanned: 400 });
  });

  it('a rescan reuses what has not changed', async () => {
    const before = (await call('health.results', {}))!.issues.length;
    await call('health.startScan', {});
    await services.scans.settled();
    const again = await call('health.results', {});
    expect(again!.scan.reused).toBe(again!.scan.closerLooks);
    expect(again!.scan.requestsUsed).toBe(1);
    expect(again!.issues).toHaveLength(before);
  });

  it('can be cancelled, keeping what it found so far', async () => {
    sandbox.control.addFault({ path: '/companies/*/dataStatus', latencyMs: 50 });
    services.scans.clear();
    const started = await call('health.startScan', {});
    await expect
      .poll(() => progress.filter((state) => state.scanId === started.scanId).at(-1)?.companiesScanned ?? 0)
      .toBeGreaterThan(0);
    await call('health.cancelScan', { scanId: started.scanId });
    await services.scans.settled();
    const results = await call('health.results', {});
    expect(results!.scan.state).toBe('cancelled');
    expect(results!.scan.companiesScanned).toBeLessThan(400);
    sandbox.control.clearFaults();
  });

  it('stops before it eats the day’s quota', async () => {
    services.scans.clear();
    sandbox.control.setRateLimit({ remaining: 60 });
    await call('companies.search', { text: '' }); // learns the figures
    await call('health.startScan', {});
    await services.scans.settled();
    const results = await call('health.results', {});
    expect(results!.scan.state).toBe('paused_for_quota');
    expect(sandbox.control.rateLimit().remaining).toBeGreaterThanOrEqual(50 - 4);
    sandbox.control.setRateLimit({ remaining: 100_000 });
  });

  it('scans again once the quota has reset, though the last figures Codat gave were from the day before', async () => {
    services.scans.clear();
    sandbox.control.setRateLimit({ remaining: 40 });
    await call('companies.search', { text: '' }); // the last figures main has: 39 left, reset at midnight
    const now = Date.parse(sandbox.control.now());
    sandbox.control.advanceClock(Math.ceil(now / (24 * hour)) * 24 * hour - now + 1_000); // just past 00:00 UTC
    await call('health.startScan', {});
    await services.scans.settled();
    const results = await call('health.results', {});
    expect(results!.scan.state).toBe('finished');
    expect(results!.scan.companiesScanned).toBe(400);
  });
});

describe('one company', () => {
  it('explains a failing sync with Codat’s message and the next step', async () => {
    const id = sandbox.companyId(scenarioNames.syncFailing);
    const { issues } = await call('diagnosis.company', { companyId: id });
    const failing = issues.find((issue) => issue.category === 'sync_failing');
    expect(failing).toMatchObject({ severity: 'warning', action: { kind: 'refresh_data_type', dataType: 'invoices' } });
    expect(failing!.summary).toContain('FetchError');
    expect(failing!.summary).toContain('The platform returned an error');
  });

  it('writes a diagnostic report with ids, statuses and our reading, and no secret', async () => {
    const id = sandbox.companyId(scenarioNames.validationError);
    const { markdown } = await call('diagnosis.report', { companyId: id });
    expect(markdown).toContain(`Company ID: ${id}`);
    expect(markdown).toContain('ValidationError');
    expect(markdown).toContain('## Linkdesk’s reading');
    expect(markdown).toContain('Sync failing');
    expect(markdown).not.toContain(sandbox.apiKey);
    expect(markdown).not.toContain(Buffer.from(sandbox.apiKey).toString('base64'));
  });

  it('lists history newest first with an errors-only filter, and opens validation results', async () => {
    const id = sandbox.companyId(scenarioNames.validationError);
    const all = await call('data.history', { companyId: id });
    expect(all.results.length).toBeGreaterThan(1);
    const errors = await call('data.history', { companyId: id, errorsOnly: true });
    expect(errors.results.map((pull) => pull.status)).toEqual(['ValidationError']);
    const detail = await call('data.pull', { companyId: id, datasetId: errors.results[0]!.id });
    expect(detail.validation?.errors?.length).toBeGreaterThan(0);
  });

  it('a refresh queues a pull that reaches Complete as sandbox time advances', async () => {
    const id = sandbox.companyId(scenarioNames.healthy);
    const pull = await call('data.refreshDataType', { companyId: id, dataType: 'invoices' });
    expect(pull.status).toBe('Queued');
    sandbox.control.advanceClock(20_000);
    expect((await call('data.pull', { companyId: id, datasetId: pull.id })).pull.status).toBe('Complete');
    expect(await call('data.refreshAll', { companyId: id })).toEqual({ queued: true });
  });

  it('tells one connection’s story newest first', async () => {
    const id = sandbox.companyId(scenarioNames.authCancelled);
    const company = await call('companies.get', { companyId: id, fresh: true });
    const { events } = await call('diagnosis.timeline', {
      companyId: id,
      connectionId: company.dataConnections![0]!.id,
    });
    expect(events.map((event) => event.kind)).toEqual(expect.arrayContaining(['created', 'error', 'status_observed']));
    const times = events.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
