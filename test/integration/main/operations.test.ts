/** Unlink and delete through main's handlers against the sandbox, each recorded in the audit trail with its result. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices } from '@main/composition';
import { scenarioNames } from '@sandbox/seed';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { actAsCustomer } from '@support/customer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
let attempt: <N extends OperationName>(
  operation: N,
  input: OperationInput<N>,
) => Promise<{ ok: true; value: OperationOutput<N> } | { ok: false; error: BridgeError }>;
const call = async <N extends OperationName>(operation: N, input: OperationInput<N>) => {
  const result = await attempt(operation, input);
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value;
};

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
  const services = createMainServices(testPorts(sandbox), { http: { retry: { retries: 1, initialDelayMs: 10 } } });
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  attempt = (operation, input) => dispatch(operation, input, { frameUrl: null }) as never;
});
afterAll(() => sandbox.close());

describe('revoke, delete and the audit trail', () => {
  it('unlinks a Linked connection and records it', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const company = await call('companies.get', { companyId, fresh: true });
    const xero = company.dataConnections!.find((connection) => connection.platformName === 'Xero')!;
    const unlinked = await call('connections.unlink', { companyId, connectionId: xero.id });
    expect(unlinked.status).toBe('Unlinked');
    const { records } = await call('audit.list', { action: 'connection.unlink' });
    expect(records[0]).toMatchObject({
      user: 'tester',
      profile: { name: 'Training sandbox', environment: 'training' },
      target: { companyId, companyName: scenarioNames.healthy, connectionId: xero.id, platformName: 'Xero' },
      result: { ok: true },
    });
  });

  it('a failed delete leaves the connection in place and is recorded with Codat’s correlationId', async () => {
    const companyId = sandbox.companyId(scenarioNames.unlinked);
    const company = await call('companies.get', { companyId, fresh: true });
    const connection = company.dataConnections![0]!;
    sandbox.control.addFault({
      path: `/companies/${companyId}/connections/${connection.id}`,
      method: 'DELETE',
      status: 500,
    });
    const failed = await attempt('connections.delete', { companyId, connectionId: connection.id });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'codat', status: 500, correlationId: expect.any(String) },
    });
    sandbox.control.clearFaults();
    expect((await call('companies.get', { companyId, fresh: true })).dataConnections).toHaveLength(1);
    const { records } = await call('audit.list', { action: 'connection.delete' });
    expect(records[0]).toMatchObject({
      target: { connectionId: connection.id },
      result: { ok: false, status: 500, correlationId: !failed.ok ? failed.error.correlationId : '' },
    });
    // Now it works, and is recorded too.
    expect(await call('connections.delete', { companyId, connectionId: connection.id })).toEqual({ deleted: true });
    expect((await call('audit.list', { action: 'connection.delete' })).records[0]!.result).toEqual({ ok: true });
  });

  it('explains a target that changed meanwhile (already deleted) instead of failing obscurely', async () => {
    const company = await call('companies.create', { customerId: 'Gone Meanwhile Ltd' });
    await sandbox.call('DELETE', `/companies/${company.id}`); // deleted elsewhere
    const gone = await attempt('companies.delete', { companyId: company.id });
    expect(gone).toMatchObject({
      ok: false,
      error: { status: 404, message: expect.stringMatching(/no longer exists/) },
    });
  });

  it('records creates, refreshes and invites, and filters by action, company and date', async () => {
    const company = await call('companies.create', { customerId: 'Audit Trail Ltd' });
    const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    await call('invites.composed', { companyId: company.id, connectionId: connection.id, how: 'email_app' });
    await actAsCustomer(connection.linkUrl, 'authorise');
    sandbox.control.addFault({ path: `/companies/${company.id}/data/all`, method: 'POST', status: 500, times: 1 });
    const failedRefresh = await attempt('data.refreshAll', { companyId: company.id });
    expect(failedRefresh).toMatchObject({ ok: false, error: { status: 500 } });
    await call('data.refreshAll', { companyId: company.id });
    sandbox.control.advanceClock(6 * 60 * 60_000); // the syncs it queued finish
    await call('data.refreshDataType', { companyId: company.id, dataType: 'invoices' });
    const mine = await call('audit.list', { company: 'audit trail' });
    expect(mine.records.map((record) => record.action)).toEqual([
      'data.refreshType',
      'data.refreshAll',
      'data.refreshAll',
      'invite.compose',
      'connection.create',
      'company.create',
    ]);
    expect(mine.records[0]).toMatchObject({ target: { dataType: 'invoices' }, result: { ok: true } });
    expect(mine.records[1]!.result).toEqual({ ok: true });
    expect(mine.records[2]!.result).toMatchObject({
      ok: false,
      status: 500,
      correlationId: !failedRefresh.ok ? failedRefresh.error.correlationId : '',
    });
    expect(mine.records[3]).toMatchObject({
      detail: 'Invite opened in the email app',
      target: { platformName: 'Xero' },
    });
    expect((await call('audit.list', { company: company.id })).records).toHaveLength(6);
    expect((await call('audit.list', { from: '2999-01-01' })).records).toEqual([]);
  });
});

describe('timeline', () => {
  it('includes our own audit records for the connection', async () => {
    const company = await call('companies.create', { customerId: 'Timeline Audit Ltd' });
    const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    await call('invites.composed', { companyId: company.id, connectionId: connection.id, how: 'copied' });
    const { events } = await call('diagnosis.timeline', { companyId: company.id, connectionId: connection.id });
    const ours = events.filter((event) => event.kind === 'audit').map((event) => event.title);
    expect(ours.sort()).toEqual(['Connection created in Linkdesk by tester', 'Invite composed in Linkdesk by tester']);
  });
});

describe('profiles in the audit trail', () => {
  it('records adding, editing (what changed, the key only by its hint) and removing a profile', async () => {
    const other = await startTestSandbox({ companies: 1, apiKey: 'audited-profile-key-1234' });
    try {
      const added = await call('profiles.save', {
        name: 'Audited',
        baseUrl: other.url,
        environment: 'test',
        apiKey: other.apiKey,
      });
      await call('profiles.save', {
        id: added.id,
        name: 'Audited EU',
        baseUrl: other.url,
        environment: 'production',
        apiKey: 'audited-profile-key-1234',
      });
      await call('profiles.remove', { id: added.id });
      const failed = await attempt('profiles.save', {
        name: 'Refused',
        baseUrl: other.url,
        environment: 'test',
        apiKey: 'wrong-key-000000',
      });
      expect(failed.ok).toBe(false);

      const records = (await call('audit.list', {})).records.filter((record) => record.action.startsWith('profile.'));
      expect(records.map((record) => [record.action, record.target.profileName, record.result.ok])).toEqual([
        ['profile.add', 'Refused', false],
        ['profile.remove', 'Audited EU', true],
        ['profile.edit', 'Audited EU', true],
        ['profile.add', 'Audited', true],
      ]);
      expect(records[2]!.detail).toBe(
        'Changed: renamed from Audited; environment test → production; key replaced (…1234 → …1234)',
      );
      expect(JSON.stringify(records)).not.toContain('audited-profile-key');
    } finally {
      await other.close();
    }
  });
});
