/** The customer’s side of a connection link: consent, authorise, cancel, fail, expiry, and the platform picker. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hour } from '@sandbox/clock';
import { actAsCustomer, openLink } from '@support/customer';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

describe('sandbox: the customer’s side', () => {
  it('authorising makes the connection Linked and starts the initial sync', async () => {
    const company = await sandbox.newCompany('Authorise Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
    const page = await openLink(connection.linkUrl);
    expect(page.html).toContain('Connect Xero');
    for (const name of ['Authorise', 'Cancel', 'Fail']) expect(page.html).toMatch(new RegExp(`>\\s*${name}\\s*<`));
    // The page was opened, so the link is used; the form still works once.
    const second = await fetch(connection.linkUrl);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('already been used');
  });

  it('drives authorise end to end: Linked, then each data type Queued -> Fetching -> Mapping -> Complete', async () => {
    const company = await sandbox.newCompany('End To End Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'qhyg');
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
    const company = await sandbox.newCompany('Cancel Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
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
    const company = await sandbox.newCompany('Expiry Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
    sandbox.control.advanceClock(24 * hour);
    const expired = await fetch(connection.linkUrl);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    const fresh = (await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`)).body.linkUrl;
    expect(fresh).not.toBe(connection.linkUrl);
    expect((await openLink(fresh)).status).toBe(200);
  });

  it('a link that was tampered with is not valid', async () => {
    const company = await sandbox.newCompany('Tamper Ltd');
    const { body: connection } = await sandbox.connect(company.id, 'gbol');
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
    const company = await sandbox.newCompany('Picker Ltd');
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
