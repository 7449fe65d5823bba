/**
 * Codat adds enum values and its answers may hold one odd record: Linkdesk shows what it can. Each case makes the
 * sandbox's answer carry such a value with its rewrite fault, then goes through the real services and the bridge.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { platforms } from '@sandbox/catalog';
import { hour } from '@sandbox/clock';
import { scenarioNames } from '@sandbox/seed';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

let sandbox: TestSandbox;
let services: MainServices;
let warn: MockInstance<typeof console.warn>;
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 40 });
  sandbox.control.advanceClock(8 * hour);
  services = createMainServices(
    testPorts(sandbox, { notifier: { notify: () => false }, now: () => Date.parse(sandbox.control.now()) }),
  );
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = async (operation, input) => {
    const result = await dispatch(operation, input, { frameUrl: null });
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value as never;
  };
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

/** What Linkdesk logged about Codat's answers. */
const codatWarnings = () =>
  warn.mock.calls.map((args) => args.map(String).join(' ')).filter((line) => line.startsWith('[codat]'));

describe('a value Codat added to an enum', () => {
  it('an integration with a source type Linkdesk does not know is listed with it, and so are all the others', async () => {
    sandbox.control.addFault({
      path: '/integrations',
      method: 'GET',
      rewrite: [{ at: 'results[key=gbol].sourceType', value: 'Payroll' }],
    });
    const catalog = await call('integrations.refresh', {});
    expect(catalog.integrations).toHaveLength(platforms.length);
    expect(catalog.integrations.find((card) => card.key === 'gbol')).toMatchObject({
      name: 'Xero',
      sourceType: 'Payroll',
    });
    expect(catalog.integrations.find((card) => card.key === 'qhyg')).toMatchObject({ sourceType: 'Accounting' });
    // Kept in the branding cache as it came, and read back from it.
    expect((await call('integrations.list', {})).integrations.find((card) => card.key === 'gbol')?.sourceType).toBe(
      'Payroll',
    );
    expect(codatWarnings()).toEqual([expect.stringMatching(/integration.*sourceType.*Payroll/)]);
  });

  it('an unknown connection status: the company opens with it, and health and the report say Linkdesk does not know it', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    sandbox.control.addFault({
      path: `/companies/${companyId}`,
      method: 'GET',
      rewrite: [{ at: 'dataConnections[integrationKey=gbol].status', value: 'Suspended' }],
    });
    sandbox.control.addFault({
      path: `/companies/${companyId}/connections/*`,
      method: 'GET',
      rewrite: [{ at: 'status', value: 'Suspended' }],
    });
    const company = await call('companies.get', { companyId, fresh: true });
    const xero = company.dataConnections?.find((connection) => connection.integrationKey === 'gbol');
    expect(xero?.status).toBe('Suspended');

    const { issues } = await call('diagnosis.company', { companyId });
    const unknown = issues.find((issue) => issue.connectionId === xero?.id);
    expect(unknown).toMatchObject({ category: 'unknown_status', severity: 'warning' });
    expect(unknown?.summary).toContain('Suspended');
    expect(unknown?.evidence).toContainEqual({ label: 'Status', value: 'Suspended (not known to Linkdesk)' });

    const { markdown } = await call('diagnosis.report', { companyId });
    expect(markdown).toContain('| Suspended |');
    expect(markdown).toMatch(/Status Linkdesk does not know.*Suspended/);

    const { events } = await call('diagnosis.timeline', { companyId, connectionId: xero!.id });
    const observed = events.filter((event) => event.kind === 'status_observed');
    expect(observed.map((event) => event.title)).toEqual(['Seen Suspended (not known to Linkdesk)']);
    expect(codatWarnings()).toEqual([expect.stringMatching(/connection.*status.*Suspended/)]);
  });

  it('an unknown pull status (and a data type Linkdesk does not know): health, history and the report show them as such', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const normal = await call('data.status', { companyId });
    expect(normal['invoices']?.currentStatus).toBe('Complete');
    sandbox.control.addFault({
      path: `/companies/${companyId}/dataStatus`,
      method: 'GET',
      rewrite: [
        { at: 'invoices.currentStatus', value: 'Throttled' },
        { at: 'payroll-employees', value: { dataType: 'payroll-employees', currentStatus: 'Complete' } },
      ],
    });
    sandbox.control.addFault({
      path: `/companies/${companyId}/data/history`,
      method: 'GET',
      rewrite: [{ at: 'results[dataType=invoices].status', value: 'Throttled' }],
    });

    const status = await call('data.status', { companyId });
    expect(status['invoices']?.currentStatus).toBe('Throttled');
    expect(status['payroll-employees']?.dataType).toBe('payroll-employees');

    const history = await call('data.history', { companyId });
    expect(history.results.filter((pull) => pull.dataType === 'invoices').map((pull) => pull.status)).toContain(
      'Throttled',
    );

    const { issues } = await call('diagnosis.company', { companyId });
    const unknown = issues.find((issue) => issue.category === 'unknown_status');
    expect(unknown?.summary).toMatch(/invoices.*Throttled/);
    expect(unknown?.action.dataType).toBe('invoices');
    expect(unknown?.evidence).toContainEqual({ label: 'Pull status', value: 'Throttled (not known to Linkdesk)' });
    expect(issues.filter((issue) => issue.category === 'sync_failing')).toEqual([]);

    const { markdown } = await call('diagnosis.report', { companyId });
    expect(markdown).toContain('| invoices | Throttled |');
    expect(markdown).toContain('| payroll-employees | Complete |');
    expect(markdown).toMatch(/Status Linkdesk does not know.*Throttled/);
    const warnings = codatWarnings();
    expect(warnings).toHaveLength(3);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/currentStatus.*Throttled/),
        expect.stringMatching(/pull.*status.*Throttled/),
        expect.stringMatching(/dataType.*payroll-employees/),
      ]),
    );
  });

  it('a portfolio scan where one company’s connection has an unknown status completes, and lists it', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    sandbox.control.addFault({
      path: '/companies',
      method: 'GET',
      rewrite: [{ at: `results[id=${companyId}].dataConnections.*.status`, value: 'Suspended' }],
    });
    await call('health.startScan', {});
    await services.scans.settled();
    const results = await call('health.results', {});
    expect(results?.scan).toMatchObject({ state: 'finished', companiesScanned: 40, totalCompanies: 40 });
    const unknown = results!.issues.filter((issue) => issue.category === 'unknown_status');
    expect(unknown.map((issue) => issue.companyName)).toEqual([scenarioNames.healthy, scenarioNames.healthy]);
    // The other scenarios are still found.
    expect(results!.issues.some((issue) => issue.companyName === scenarioNames.syncFailing)).toBe(true);
  });
});

describe('a record of a list in an unexpected shape', () => {
  it('is left out, the rest are shown, the page says how many could not be read, and it is logged once', async () => {
    const broken = sandbox.companyId(scenarioNames.unlinked);
    sandbox.control.addFault({
      path: '/companies',
      method: 'GET',
      rewrite: [{ at: `results[id=${broken}].redirect`, value: 42 }],
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const found = await call('companies.search', { text: '', pageSize: 100 });
      expect(found.results).toHaveLength(39);
      expect(found.results.map((company) => company.id)).not.toContain(broken);
      expect(found.results.map((company) => company.name)).toContain(scenarioNames.healthy);
      expect(found.unreadable).toBe(1);
    }
    const warnings = codatWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(broken);
    expect(warnings[0]).toContain('redirect');
    expect(warnings[0]).not.toContain(sandbox.apiKey);
    expect(warnings[0]).not.toContain(scenarioNames.unlinked); // never the record itself

    // A scan reads the rest, says how many it could not, and does not ask for a page that is not there.
    sandbox.control.clearRequests();
    await call('health.startScan', {});
    await services.scans.settled();
    const scan = (await call('health.results', {}))!.scan;
    expect(scan).toMatchObject({ state: 'finished', companiesScanned: 39, totalCompanies: 40, unreadable: 1 });
    expect(sandbox.control.requests().filter((entry) => entry.path.startsWith('/companies?'))).toHaveLength(1);
  });

  it('a connection of a company, and a pull of the history: the company and the other pulls are shown', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    sandbox.control.addFault({
      path: `/companies/${companyId}`,
      method: 'GET',
      rewrite: [{ at: 'dataConnections[integrationKey=suuo].created', remove: true }],
    });
    sandbox.control.addFault({
      path: `/companies/${companyId}/data/history`,
      method: 'GET',
      rewrite: [{ at: 'results.0.isErrored', value: 'no' }],
    });
    const company = await call('companies.get', { companyId, fresh: true });
    expect(company.dataConnections?.map((connection) => connection.integrationKey)).toEqual(['gbol']);
    const normal = (await sandbox.call('GET', `/companies/${companyId}/data/history?pageSize=50`)).body;
    const history = await call('data.history', { companyId, pageSize: 50 });
    expect(history.results).toHaveLength(normal.results.length - 1);
    expect(history.unreadable).toBe(1);
    expect(codatWarnings()).toHaveLength(2);
  });
});
