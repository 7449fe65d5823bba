/** The sandbox’s connection routes over HTTP: create, read, unlink, delete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

describe('sandbox: connections', () => {
  it('creates a PendingAuth connection (200) with a one-time link on the sandbox’s own host', async () => {
    const company = await sandbox.newCompany();
    const created = await sandbox.connect(company.id, 'gbol');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'PendingAuth',
      integrationKey: 'gbol',
      platformName: 'Xero',
      sourceType: 'Accounting',
      dataConnectionErrors: null,
    });
    expect(created.body).not.toHaveProperty('lastSync');
    expect(created.body.linkUrl).toMatch(
      new RegExp(`^${sandbox.url}/link/companies/${company.id}/connections/${created.body.id}/start\\?otp=\\d{6}$`),
    );
    const listed = await sandbox.call('GET', `/companies/${company.id}/connections`);
    expect(listed.body.results.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const fetched = await sandbox.call('GET', `/companies/${company.id}/connections/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
  });

  it('allows one accounting connection per company and says which one exists', async () => {
    const company = await sandbox.newCompany();
    const first = await sandbox.connect(company.id, 'qhyg');
    const second = await sandbox.connect(company.id, 'gbol');
    expect(second.status).toBe(400);
    expect(second.body.error).toMatch(/only one accounting connection/);
    expect(second.body.error).toContain(first.body.id);
    // Banking and commerce may be added alongside, several of each.
    expect((await sandbox.connect(company.id, 'suuo')).status).toBe(200);
    expect((await sandbox.connect(company.id, 'upvr')).status).toBe(200);
    expect((await sandbox.connect(company.id, 'fztf')).status).toBe(200);
  });

  it('refuses unknown and disabled platforms, and a body without platformKey', async () => {
    const company = await sandbox.newCompany();
    expect((await sandbox.connect(company.id, 'zzzz')).status).toBe(404);
    const disabled = await sandbox.connect(company.id, 'rvam');
    expect(disabled.status).toBe(400);
    expect(disabled.body.error).toMatch(/not enabled/);
    expect((await sandbox.call('POST', `/companies/${company.id}/connections`, {})).status).toBe(400);
  });

  it('unlinks only Linked connections, and says why otherwise', async () => {
    const unlinkedId = sandbox.companyId(scenarioNames.unlinked);
    const pendingId = sandbox.companyId(scenarioNames.awaitingAuth);
    const healthyId = sandbox.companyId(scenarioNames.healthy);
    const pending = (await sandbox.call('GET', `/companies/${pendingId}/connections`)).body.results[0];
    const refused = await sandbox.call('PATCH', `/companies/${pendingId}/connections/${pending.id}`, {
      status: 'Unlinked',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/Only a Linked connection can be unlinked.*PendingAuth/);
    const already = (await sandbox.call('GET', `/companies/${unlinkedId}/connections`)).body.results[0];
    expect(
      (await sandbox.call('PATCH', `/companies/${unlinkedId}/connections/${already.id}`, { status: 'Unlinked' })).body
        .error,
    ).toMatch(/Unlinked/);
    const linked = (await sandbox.call('GET', `/companies/${healthyId}/connections`)).body.results[0];
    expect(
      (await sandbox.call('PATCH', `/companies/${healthyId}/connections/${linked.id}`, { status: 'Linked' })).status,
    ).toBe(400);
    expect(
      (await sandbox.call('PATCH', `/companies/${healthyId}/connections/${linked.id}`, { status: 'Unlinked', x: 1 }))
        .status,
    ).toBe(400);
    const done = await sandbox.call('PATCH', `/companies/${healthyId}/connections/${linked.id}`, {
      status: 'Unlinked',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('Unlinked');
    // Data already synced stays readable after an unlink.
    const history = await sandbox.call('GET', `/companies/${healthyId}/data/history?pageSize=100`);
    expect(history.body.results.some((pull: { connectionId: string }) => pull.connectionId === linked.id)).toBe(true);
  });

  it('deletes a connection (200, no body): gone from lists, 404 after, its data gone', async () => {
    const companyId = sandbox.companyId(scenarioNames.deauthorized);
    const connection = (await sandbox.call('GET', `/companies/${companyId}/connections`)).body.results[0];
    const deleted = await sandbox.call('DELETE', `/companies/${companyId}/connections/${connection.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await sandbox.call('GET', `/companies/${companyId}/connections/${connection.id}`)).status).toBe(404);
    expect((await sandbox.call('GET', `/companies/${companyId}`)).body.dataConnections).toEqual([]);
    expect((await sandbox.call('GET', `/companies/${companyId}/data/history`)).body.totalResults).toBe(0);
    expect((await sandbox.call('DELETE', `/companies/${companyId}/connections/${connection.id}`)).status).toBe(404);
  });
});
