/** The connections service on its own, against the sandbox over HTTP. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompanyService } from '@main/services/companies';
import { createCompanyCache } from '@main/services/company-cache';
import { createConnectionService } from '@main/services/connections';
import { scenarioNames } from '@sandbox/seed';
import { codatFor } from '@support/codat';
import { actAsCustomer } from '@support/customer';
import { failureOf } from '@support/failure';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.clearRequests());

function servicesOf() {
  const api = codatFor(sandbox);
  const cache = createCompanyCache();
  const companies = createCompanyService({ api, cache });
  return { companies, connections: createConnectionService({ api, cache, companies }) };
}

describe('connections service', () => {
  it('refuses a second accounting connection before asking Codat, naming the one there is', async () => {
    const { connections } = servicesOf();
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const refused = await failureOf(connections.create(companyId, 'qhyg', 'Accounting'));
    expect(refused.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/one accounting/i) });
    expect(sandbox.control.requests().map((entry) => entry.method)).toEqual(['GET']);
  });

  it('lets Codat decide when the platform’s type is not known (not in the cached catalogue)', async () => {
    const { connections } = servicesOf();
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const refused = await failureOf(connections.create(companyId, 'qhyg', undefined));
    expect(refused.error).toMatchObject({ code: 'codat', status: 400, correlationId: expect.any(String) });
  });

  it('creates a connection, reads it fresh, and the company it belongs to knows it without asking again', async () => {
    const { companies, connections } = servicesOf();
    const company = await companies.create({ customerId: 'Connections Service Ltd' });
    const created = await connections.create(company.id, 'gbol', 'Accounting');
    await actAsCustomer(created.linkUrl, 'authorise');
    expect((await connections.get(company.id, created.id)).status).toBe('Linked');
    sandbox.control.clearRequests();
    expect((await companies.get(company.id, false)).dataConnections?.map((c) => c.status)).toEqual(['Linked']);
    expect(sandbox.control.requests()).toEqual([]);
    expect(connections.observed(created.id).map((seen) => seen.status)).toEqual(['PendingAuth', 'Linked']);
  });

  it('unlinks and deletes, and explains a connection deleted elsewhere', async () => {
    const { companies, connections } = servicesOf();
    const company = await companies.create({ customerId: 'Unlink Service Ltd' });
    const created = await connections.create(company.id, 'gbol', 'Accounting');
    await actAsCustomer(created.linkUrl, 'authorise');
    expect((await connections.unlink(company.id, created.id)).status).toBe('Unlinked');
    expect(await connections.delete(company.id, created.id)).toEqual({ deleted: true });
    expect((await companies.get(company.id, false)).dataConnections).toEqual([]);
    const gone = await failureOf(connections.delete(company.id, created.id));
    expect(gone.error.message).toMatch(/no longer exists in Codat/);
  });
});
