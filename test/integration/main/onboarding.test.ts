/**
 * Onboarding through main's own bridge handlers against the sandbox: what each step costs in Codat
 * requests (counted in the sandbox's log), and the rules checked before any call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices } from '@main/composition';
import { scenarioNames } from '@sandbox/seed';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

let sandbox: TestSandbox;
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;
let attempt: <N extends OperationName>(
  operation: N,
  input: OperationInput<N>,
) => Promise<{ ok: true; value: OperationOutput<N> } | { ok: false; error: BridgeError }>;
let notified: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 300 });
  notified = [];
  const services = createMainServices(
    testPorts(sandbox, { notifier: { notify: (title) => (notified.push(title), true) } }),
  );
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  attempt = (operation, input) => dispatch(operation, input, { frameUrl: null }) as never;
  call = async (operation, input) => {
    const result = await attempt(operation, input);
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value;
  };
  // Integrations and their branding are fetched once per profile and then served from the cache.
  await call('integrations.list', {});
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.clearRequests());

const apiRequests = () => sandbox.control.requests().map((entry) => `${entry.method} ${entry.path.split('?')[0]}`);

describe('onboarding economy', () => {
  it('a new customer costs 3 Codat requests before the link is on screen: search, create, connect', async () => {
    const customerId = `C${Date.now()} Fresh Bakery`;
    const searched = await call('companies.search', { text: customerId });
    expect(searched.results).toEqual([]);
    const company = await call('companies.create', { customerId });
    await call('companies.get', { companyId: company.id }); // opening it: served from what create returned
    await call('integrations.list', {}); // the picker: cached
    const connection = await call('connections.create', { companyId: company.id, platformKey: 'qhyg' });
    expect(connection.linkUrl).toContain(`/connections/${connection.id}/start?otp=`);
    expect(apiRequests()).toEqual(['GET /companies', 'POST /companies', `POST /companies/${company.id}/connections`]);
  });

  it('an existing customer costs 2: search, connect', async () => {
    const searched = await call('companies.search', { text: scenarioNames.noConnections });
    const company = searched.results[0]!;
    await call('companies.get', { companyId: company.id });
    await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    expect(apiRequests()).toEqual(['GET /companies', `POST /companies/${company.id}/connections`]);
  });

  it('a pasted company ID costs one request to open', async () => {
    const id = sandbox.companyId(scenarioNames.healthy);
    const found = await call('companies.search', { text: `  ${id.toUpperCase()} ` });
    expect(found).toMatchObject({ byId: true, totalResults: 1, results: [{ id }] });
    await call('companies.get', { companyId: id });
    expect(apiRequests()).toEqual([`GET /companies/${id}`]);
  });
});

describe('onboarding rules', () => {
  it('checks the one-accounting-connection rule before calling Codat', async () => {
    const id = sandbox.companyId(scenarioNames.syncFailing);
    await call('companies.get', { companyId: id, fresh: true });
    sandbox.control.clearRequests();
    const refused = await attempt('connections.create', { companyId: id, platformKey: 'gbol' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/only one accounting connection.*QuickBooks Online/) },
    });
    expect(apiRequests()).toEqual([]);
    expect((await attempt('connections.create', { companyId: id, platformKey: 'suuo' })).ok).toBe(true);
  });

  it('finds existing companies by the name Codat would store', async () => {
    const { matches } = await call('companies.findByName', { name: 'Scenario - Unlinked' });
    expect(matches.map((company) => company.name)).toEqual([scenarioNames.unlinked]);
    expect((await call('companies.findByName', { name: '(((Nobody Here)))' })).matches).toEqual([]);
  });

  it('creates with the stripped name and refuses one with nothing left', async () => {
    expect((await call('companies.create', { customerId: 'ACME (Test) [2]' })).name).toBe('ACME Test 2');
    expect(await attempt('companies.create', { customerId: '()[]' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a newer search cancels the one still in flight', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'GET', latencyMs: 400, times: 1 });
    const slow = attempt('companies.search', { text: 'harb' });
    await expect.poll(() => sandbox.control.requests().length).toBe(1);
    const fast = await call('companies.search', { text: 'harbour' });
    expect(await slow).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fast.results.every((company) => company.name.toLowerCase().includes('harbour'))).toBe(true);
  });

  it('reads a connection fresh every time, so an invite always gets a working link', async () => {
    const company = await call('companies.create', { customerId: 'Fresh Link Ltd' });
    const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    await fetch(connection.linkUrl); // the customer opened it: the one-time code is used
    const again = await call('connections.get', { companyId: company.id, connectionId: connection.id });
    expect(again.linkUrl).not.toBe(connection.linkUrl);
    expect((await fetch(again.linkUrl)).status).toBe(200);
  });

  it('keeps the invite template in settings', async () => {
    const initial = await call('invites.settings', {});
    expect(initial.template.body).toContain('{link}');
    const saved = await call('invites.saveSettings', {
      template: { subject: 'Connect {platform}', body: 'Use {link}' },
      sender: 'Priya',
    });
    expect(saved).toEqual({ template: { subject: 'Connect {platform}', body: 'Use {link}' }, sender: 'Priya' });
    expect(await call('invites.settings', {})).toEqual(saved);
  });

  it('lists every integration, enabled or not, each with a logo from the console’s own branding cache', async () => {
    const { integrations } = await call('integrations.list', {});
    expect(integrations).toHaveLength(32);
    expect(integrations.filter((integration) => !integration.enabled).length).toBeGreaterThan(0);
    expect(
      integrations.every((integration) => /^\/branding-cache\/[0-9a-f]{64}\.svg$/.test(integration.logo ?? '')),
    ).toBe(true);
    expect(integrations.find((integration) => integration.key === 'pqsw')).toMatchObject({ isOfflineConnector: true });
  });

  it('notifies through the host', async () => {
    expect(await call('system.notify', { title: 'QuickBooks Online linked', body: 'Harbour Bakery' })).toEqual({
      shown: true,
    });
    expect(notified).toContain('QuickBooks Online linked');
  });
});
