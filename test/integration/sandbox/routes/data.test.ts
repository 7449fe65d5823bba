/** The sandbox’s data routes over HTTP: queue and refresh, how pulls end, data status, history and validation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hour } from '@sandbox/clock';
import { scenarioNames } from '@sandbox/seed';
import { actAsCustomer } from '@support/customer';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

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
    const company = await sandbox.newCompany('Outcomes Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
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
    const company = await sandbox.newCompany('Wave Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'pbtz');
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
    const company = await sandbox.newCompany('Refresh All Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
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
