import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hour } from '@sandbox/clock';
import { scenarioNames } from '@sandbox/seed';
import { actAsCustomer, openLink } from '../../../support/customer';
import { startTestSandbox, type TestSandbox } from '../../../support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

async function newCompany(name = 'Connections Test Ltd') {
  return (await sandbox.call('POST', '/companies', { name })).body as { id: string };
}
async function connect(companyId: string, platformKey: string) {
  return sandbox.call('POST', `/companies/${companyId}/connections`, { platformKey });
}

describe('sandbox: connections', () => {
  it('creates a PendingAuth connection (200) with a one-time link on the sandbox’s own host', async () => {
    const company = await newCompany();
    const created = await connect(company.id, 'gbol');
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
    const company = await newCompany();
    const first = await connect(company.id, 'qhyg');
    const second = await connect(company.id, 'gbol');
    expect(second.status).toBe(400);
    expect(second.body.error).toMatch(/only one accounting connection/);
    expect(second.body.error).toContain(first.body.id);
    // Banking and commerce may be added alongside, several of each.
    expect((await connect(company.id, 'suuo')).status).toBe(200);
    expect((await connect(company.id, 'upvr')).status).toBe(200);
    expect((await connect(company.id, 'fztf')).status).toBe(200);
  });

  it('refuses unknown and disabled platforms, and a body without platformKey', async () => {
    const company = await newCompany();
    expect((await connect(company.id, 'zzzz')).status).toBe(404);
    const disabled = await connect(company.id, 'rvam');
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

describe('sandbox: the customer’s side', () => {
  it('authorising makes the connection Linked and starts the initial sync', async () => {
    const company = await newCompany('Authorise Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    const page = await openLink(connection.linkUrl);
    expect(page.html).toContain('Connect Xero');
    for (const name of ['Authorise', 'Cancel', 'Fail']) expect(page.html).toMatch(new RegExp(`>\\s*${name}\\s*<`));
    // The page was opened, so the link is used; the form still works once.
    const second = await fetch(connection.linkUrl);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('already been used');
  });

  it('drives authorise end to end: Linked, then each data type Queued -> Fetching -> Mapping -> Complete', async () => {
    const company = await newCompany('End To End Ltd');
    const { body: connection } = await connect(company.id, 'qhyg');
    const result = await actAsCustomer(connection.linkUrl, 'authorise');
    expect(result.html).toContain('Connected');
    const linked = await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`);
    expect(linked.body.status).toBe('Linked');
    const statuses = async () =>
      Object.values((await sandbox.call('GET', `/companies/${company.id}/dataStatus`)).body).map(
        (status) => (status as { currentStatus: string }).currentStatus,
      );
    expect(new Set(await statuses())).toEqual(new Set(['Queued']));
    sandbox.control.advanceClock(3_000);
    expect(new Set(await statuses())).toEqual(new Set(['Fetching']));
    sandbox.control.advanceClock(6_000);
    expect(new Set(await statuses())).toEqual(new Set(['Mapping']));
    sandbox.control.advanceClock(5_000);
    expect(new Set(await statuses())).toEqual(new Set(['Complete']));
    const history = (await sandbox.call('GET', `/companies/${company.id}/data/history`)).body.results;
    expect(history.length).toBe(5);
    for (const pull of history)
      expect(pull).toMatchObject({
        status: 'Complete',
        isCompleted: true,
        isErrored: false,
        progress: 100,
        completed: expect.any(String),
      });
    const refreshed = await sandbox.call('GET', `/companies/${company.id}`);
    expect(refreshed.body.lastSync).not.toBeNull();
    expect(refreshed.body.dataConnections[0].lastSync).toBe(refreshed.body.lastSync);
  });

  it('cancel records a dataConnectionError (403, User cancelled); fail records another; both stay PendingAuth', async () => {
    const company = await newCompany('Cancel Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    expect((await actAsCustomer(connection.linkUrl, 'cancel')).html).toContain('You cancelled');
    const cancelled = (await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body;
    expect(cancelled.status).toBe('PendingAuth');
    expect(cancelled.dataConnectionErrors).toEqual([
      {
        statusCode: '403',
        statusText: 'User cancelled linking',
        errorMessage: 'User cancelled',
        erroredOnUtc: sandbox.control.now(),
        status: 'Active',
      },
    ]);
    // Reading the connection after its link was used hands out a fresh one-time link.
    expect(cancelled.linkUrl).not.toBe(connection.linkUrl);
    sandbox.control.advanceClock(60_000);
    expect((await actAsCustomer(cancelled.linkUrl, 'fail')).html).toContain('refused');
    const failed = (await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body;
    expect(failed.status).toBe('PendingAuth');
    expect(failed.dataConnectionErrors).toHaveLength(2);
    expect(failed.dataConnectionErrors[1]).toMatchObject({
      statusCode: '502',
      status: 'Active',
      errorMessage: 'Platform authorisation failed',
    });
    // A later authorisation resolves the earlier errors.
    await actAsCustomer(failed.linkUrl, 'authorise');
    const linked = (await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body;
    expect(linked.status).toBe('Linked');
    expect(linked.dataConnectionErrors.every((error: { status: string }) => error.status === 'Resolved')).toBe(true);
  });

  it('a link expires after 24 sandbox hours even if never opened; the next read issues a new one', async () => {
    const company = await newCompany('Expiry Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    sandbox.control.advanceClock(24 * hour);
    const expired = await fetch(connection.linkUrl);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    const fresh = (await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body.linkUrl;
    expect(fresh).not.toBe(connection.linkUrl);
    expect((await openLink(fresh)).status).toBe(200);
  });

  it('a link that was tampered with is not valid', async () => {
    const company = await newCompany('Tamper Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    const wrong = connection.linkUrl.replace(/otp=\d+/, 'otp=000000');
    expect((await fetch(wrong)).status).toBe(404);
    const forged = await fetch(
      `${sandbox.url}/link/companies/${company.id}/connections/${connection.id}/consent?session=forged`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'action=authorise',
      },
    );
    expect(forged.status).toBe(410);
    expect((await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body.status).toBe(
      'PendingAuth',
    );
  });

  it('the company’s redirect opens a platform picker that leads to the consent page', async () => {
    const company = await newCompany('Picker Ltd');
    const { body } = await sandbox.call('GET', `/companies/${company.id}`);
    const picker = await fetch(body.redirect);
    const html = await picker.text();
    expect(picker.status).toBe(200);
    expect(html).toContain('Connect your software');
    expect(html).toContain('value="gbol"');
    expect(html).not.toContain('value="rvam"'); // disabled integrations are not offered
    const chosen = await fetch(body.redirect, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'platformKey=gbol',
      redirect: 'manual',
    });
    expect(chosen.status).toBe(303);
    const location = new URL(chosen.headers.get('location')!, sandbox.url).href;
    const connections = (await sandbox.call('GET', `/companies/${company.id}/connections`)).body.results;
    expect(connections).toHaveLength(1);
    expect(location).toBe(connections[0].linkUrl);
    await actAsCustomer(location, 'authorise');
    expect((await sandbox.call('GET', `/companies/${company.id}/connections`)).body.results[0].status).toBe('Linked');
    // A second accounting platform is refused on the picker, with the reason.
    const again = await fetch(body.redirect, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'platformKey=qhyg',
    });
    expect(await again.text()).toContain('already have an accounting connection');
  });
});

describe('sandbox: syncs', () => {
  it('queues a data type (200 PullOperation), refuses it while in progress, and completes it over time', async () => {
    const companyId = sandbox.companyId(scenarioNames.syncFailing);
    const queued = await sandbox.call('POST', `/companies/${companyId}/data/queue/invoices`);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      dataType: 'invoices',
      status: 'Queued',
      progress: 0,
      isCompleted: false,
      isErrored: false,
    });
    const again = await sandbox.call('POST', `/companies/${companyId}/data/queue/invoices`);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe(
      `DatasetAlreadyInProgressException: Cannot queue invoices sync for ${companyId} as previous sync ${queued.body.id} is still in progress`,
    );
    sandbox.control.advanceClock(20_000);
    const done = await sandbox.call('GET', `/companies/${companyId}/data/history/${queued.body.id}`);
    expect(done.body).toMatchObject({ status: 'Complete', isCompleted: true });
    expect((await sandbox.call('POST', `/companies/${companyId}/data/queue/invoices`)).status).toBe(200);
  });

  it('ends pulls the way a rule says: FetchError with its message, AuthError after deauthorisation', async () => {
    const company = await newCompany('Outcomes Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    await actAsCustomer(connection.linkUrl, 'authorise');
    sandbox.control.advanceClock(20_000);
    sandbox.control.addPullOutcome({ companyId: company.id, dataType: 'bills', status: 'FetchError', times: 1 });
    const failing = (await sandbox.call('POST', `/companies/${company.id}/data/queue/bills`)).body;
    sandbox.control.advanceClock(3_000);
    expect((await sandbox.call('GET', `/companies/${company.id}/data/history/${failing.id}`)).body.status).toBe(
      'Fetching',
    );
    sandbox.control.advanceClock(10_000);
    const failed = (await sandbox.call('GET', `/companies/${company.id}/data/history/${failing.id}`)).body;
    expect(failed).toMatchObject({
      status: 'FetchError',
      isErrored: true,
      isCompleted: false,
      errorMessage: expect.stringMatching(/error/),
    });
    const status = (await sandbox.call('GET', `/companies/${company.id}/dataStatus`)).body.bills;
    expect(status.currentStatus).toBe('FetchError');
    expect(status.latestSyncId).toBe(failing.id);
    expect(status.latestSuccessfulSyncId).not.toBe(failing.id);

    sandbox.control.deauthorize(company.id, connection.id);
    expect((await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body.status).toBe(
      'Deauthorized',
    );
    const denied = (await sandbox.call('POST', `/companies/${company.id}/data/queue/customers`)).body;
    sandbox.control.advanceClock(20_000);
    expect((await sandbox.call('GET', `/companies/${company.id}/data/history/${denied.id}`)).body.status).toBe(
      'AuthError',
    );
  });

  it('answers NotSupported for a type the platform lacks, and 404 for a type of another source', async () => {
    const company = await newCompany('Wave Ltd');
    const { body: connection } = await connect(company.id, 'pbtz');
    await actAsCustomer(connection.linkUrl, 'authorise');
    const pull = (await sandbox.call('POST', `/companies/${company.id}/data/queue/purchaseOrders`)).body;
    sandbox.control.advanceClock(5_000);
    expect((await sandbox.call('GET', `/companies/${company.id}/data/history/${pull.id}`)).body.status).toBe(
      'NotSupported',
    );
    const banking = await sandbox.call('POST', `/companies/${company.id}/data/queue/banking-accounts`);
    expect(banking.status).toBe(404);
    expect(banking.body.error).toMatch(/not supported/);
    expect((await sandbox.call('POST', `/companies/${company.id}/data/queue/notAType`)).status).toBe(400);
  });

  it('refreshes all types with data/all (204), and refuses a company with nothing linked', async () => {
    const healthy = sandbox.companyId(scenarioNames.noConnections);
    expect((await sandbox.call('POST', `/companies/${healthy}/data/all`)).status).toBe(400);
    const company = await newCompany('Refresh All Ltd');
    const { body: connection } = await connect(company.id, 'gbol');
    await actAsCustomer(connection.linkUrl, 'authorise');
    sandbox.control.advanceClock(20_000);
    const before = (await sandbox.call('GET', `/companies/${company.id}/data/history`)).body.totalResults;
    const refreshed = await sandbox.call('POST', `/companies/${company.id}/data/all`);
    expect(refreshed.status).toBe(204);
    expect(refreshed.text).toBe('');
    expect((await sandbox.call('GET', `/companies/${company.id}/data/history`)).body.totalResults).toBe(before + 5);
  });

  it('keeps offline-connector pulls Queued until the connector is online', async () => {
    const companyId = sandbox.companyId(scenarioNames.offlineConnector);
    sandbox.control.advanceClock(6 * hour);
    const waiting = (await sandbox.call('GET', `/companies/${companyId}/data/history`)).body.results;
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((pull: { status: string }) => pull.status === 'Queued')).toBe(true);
    sandbox.control.setConnectorOnline(companyId, true);
    sandbox.control.advanceClock(20_000);
    const done = (await sandbox.call('GET', `/companies/${companyId}/data/history`)).body.results;
    expect(done.every((pull: { status: string }) => pull.status === 'Complete')).toBe(true);
  });

  it('lists history newest first, filters with a query, and explains validation errors', async () => {
    const companyId = sandbox.companyId(scenarioNames.validationError);
    const history = (await sandbox.call('GET', `/companies/${companyId}/data/history?pageSize=100`)).body.results;
    const requested = history.map((pull: { requested: string }) => pull.requested);
    expect(requested).toEqual([...requested].sort().reverse());
    const errors = (
      await sandbox.call(
        'GET',
        `/companies/${companyId}/data/history?query=${encodeURIComponent('status!=Complete && status!=NotSupported')}`,
      )
    ).body.results;
    expect(errors.map((pull: { status: string }) => pull.status)).toEqual(['ValidationError']);
    const validation = await sandbox.call('GET', `/companies/${companyId}/sync/${errors[0].id}/validation`);
    expect(validation.body.errors.length).toBeGreaterThan(0);
    expect(validation.body.errors[0]).toMatchObject({
      ruleId: expect.any(String),
      itemId: expect.any(String),
      message: expect.any(String),
    });
  });
});

describe('sandbox: other endpoints', () => {
  it('lists integrations (≥ 30, some disabled, offline connectors marked) and serves branding images itself', async () => {
    const list = (await sandbox.call('GET', '/integrations?page=1&pageSize=100')).body;
    expect(list.totalResults).toBeGreaterThanOrEqual(30);
    const byKey = new Map(list.results.map((integration: { key: string }) => [integration.key, integration]));
    expect(byKey.get('qhyg')).toMatchObject({ name: 'QuickBooks Online', sourceType: 'Accounting', enabled: true });
    expect(byKey.get('pqsw')).toMatchObject({ isOfflineConnector: true });
    expect(byKey.get('suuo')).toMatchObject({ sourceType: 'Banking' });
    expect(byKey.get('fztf')).toMatchObject({ sourceType: 'Commerce' });
    expect(list.results.some((integration: { enabled: boolean }) => !integration.enabled)).toBe(true);
    const enabledAccounting = (
      await sandbox.call(
        'GET',
        `/integrations?page=1&pageSize=100&query=${encodeURIComponent('sourceType=Accounting&&enabled=true')}`,
      )
    ).body.results;
    expect(
      enabledAccounting.every(
        (i: { sourceType: string; enabled: boolean }) => i.sourceType === 'Accounting' && i.enabled,
      ),
    ).toBe(true);
    const branding = (await sandbox.call('GET', '/integrations/gbol/branding')).body;
    for (const image of [branding.logo.full, branding.logo.square, branding.button.default, branding.button.hover]) {
      expect(image.image.src.startsWith(sandbox.url)).toBe(true);
      const response = await fetch(image.image.src);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
    expect((await sandbox.call('GET', '/integrations/zzzz')).status).toBe(404);
    expect((await sandbox.call('GET', '/integrations/zzzz/branding')).status).toBe(404);
  });

  it('answers webhooks (no paging envelope) and a company access token', async () => {
    const webhooks = (await sandbox.call('GET', '/webhooks')).body;
    expect(Object.keys(webhooks)).toEqual(['results']);
    expect(webhooks.results[0]).toMatchObject({ eventTypes: expect.arrayContaining(['read.completed']) });
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const token = (await sandbox.call('GET', `/companies/${companyId}/accessToken`)).body;
    expect(token).toMatchObject({ expiresIn: 86400, tokenType: 'Bearer', accessToken: expect.any(String) });
  });

  it('answers unknown routes with 404 and wrong methods with 405, in Codat’s error shape', async () => {
    const missing = await sandbox.call('GET', '/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.correlationId).toBeDefined();
    expect((await sandbox.call('PUT', '/profile', {})).status).toBe(405);
  });
});
