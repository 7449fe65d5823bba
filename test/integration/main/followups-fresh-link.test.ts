/**
 * Fresh links in bulk (Health): followups.freshLink reads a working link from the sandbox, records its hand-over
 * and audits it, through the bridge's gate; it fails cleanly, leaving the hand-overs as they were, and asks Codat
 * nothing once the day's quota is down to the reserve.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const hour = 3_600_000;
let sandbox: TestSandbox;
let services: MainServices;
let dispatch: ReturnType<MainServices['dispatcher']>;

const attempt = <N extends OperationName>(operation: N, input: OperationInput<N>) =>
  dispatch(operation, input, { frameUrl: null }) as Promise<
    { ok: true; value: OperationOutput<N> } | { ok: false; error: BridgeError }
  >;
async function call<N extends OperationName>(operation: N, input: OperationInput<N>) {
  const result = await attempt(operation, input);
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 3 });
  const followUpsDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-fresh-link-')), 'followups');
  services = createMainServices(
    testPorts(sandbox, { followUpsDirectory, now: () => Date.parse(sandbox.control.now()) }),
    { http: { retry: { retries: 0 } }, followUpTimer: { set: () => null, clear: () => undefined } },
  );
  dispatch = services.dispatcher({ isTrustedCaller: () => true });
});
afterAll(async () => {
  services.dispose();
  await sandbox.close();
});

async function newConnection(name: string) {
  const company = await sandbox.newCompany(name);
  const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
  return { companyId: company.id, connectionId: connection.id, linkUrl: connection.linkUrl };
}

describe('followups.freshLink', () => {
  it('reads a working link from Codat, records its hand-over and audits it under the company’s name', async () => {
    const { companyId, connectionId, linkUrl } = await newConnection('Bulk Fresh Ltd');
    // The first link lapsed unused: Codat issues a new one when the connection is read.
    sandbox.control.advanceClock(25 * hour);
    const issuedAt = sandbox.control.now();
    const fresh = await call('followups.freshLink', { companyId, connectionId });
    expect(fresh.url).not.toBe(linkUrl);
    expect(fresh.url).toMatch(new RegExp(`/connections/${connectionId}/start\\?otp=\\d{6}$`));
    expect(fresh.expiresAt).toBe(new Date(Date.parse(issuedAt) + 24 * hour).toISOString());
    expect(fresh.handOver).toMatchObject({
      company: { id: companyId, name: 'Bulk Fresh Ltd' },
      connection: { id: connectionId, platformName: 'Xero' },
      by: 'tester',
      how: 'fresh_link',
      state: 'awaiting',
      link: { issuedAt, expiresAt: fresh.expiresAt },
    });
    // The customer can use it: the consent page behind it opens.
    expect((await fetch(fresh.url)).status).toBe(200);
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.filter((item) => item.connection.id === connectionId).map((item) => item.id)).toEqual([
      fresh.handOver.id,
    ]);
    const { records } = await call('audit.list', { action: 'link.fresh' });
    expect(records.find((record) => record.target.connectionId === connectionId)).toMatchObject({
      target: { companyId, companyName: 'Bulk Fresh Ltd', platformName: 'Xero' },
      result: { ok: true },
    });
  });

  it('costs one request to Codat for a company it has not read before, whose connection never linked', async () => {
    const { companyId, connectionId } = await newConnection('One Request Ltd');
    sandbox.control.clearRequests();
    await call('followups.freshLink', { companyId, connectionId });
    expect(sandbox.control.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /companies/${companyId}`,
    ]);
  });

  it('tells who the last invite for the connection went to, for the mail merge', async () => {
    const { companyId, connectionId } = await newConnection('Invited Before Ltd');
    await call('invites.composed', { companyId, connectionId, how: 'copied', recipient: 'ann@invited.test' });
    sandbox.control.advanceClock(25 * hour);
    const fresh = await call('followups.freshLink', { companyId, connectionId });
    expect(fresh.lastRecipient).toBe('ann@invited.test');
    expect(fresh.handOver.recipient).toBeNull();
  });

  it('fails cleanly for a connection Codat does not list: nothing recorded, the failure audited', async () => {
    const company = await sandbox.newCompany('No Such Link Ltd');
    const connectionId = '00000000-0000-4000-8000-00000000dead';
    const before = (await call('followups.list', {})).handOvers;
    const refused = await attempt('followups.freshLink', { companyId: company.id, connectionId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/lists no connection .* No Such Link Ltd/) },
    });
    expect((await call('followups.list', {})).handOvers).toEqual(before);
    const { records } = await call('audit.list', { action: 'link.fresh' });
    expect(records.find((record) => record.target.connectionId === connectionId)).toMatchObject({
      result: { ok: false, code: 'invalid_input' },
    });
  });

  it('says Codat’s answer, with its correlation id, for a company Codat does not know', async () => {
    const refused = await attempt('followups.freshLink', {
      companyId: '00000000-0000-4000-8000-0000000000aa',
      connectionId: '00000000-0000-4000-8000-0000000000bb',
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 404, correlationId: expect.any(String) } });
  });

  it('asks Codat nothing once the day’s quota is down to the reserve, and says so', async () => {
    const { companyId, connectionId } = await newConnection('Quota Guard Ltd');
    sandbox.control.setRateLimit({ remaining: 40 });
    // A read brings the figures main guards with.
    await call('connections.get', { companyId, connectionId });
    sandbox.control.clearRequests();
    const before = (await call('followups.list', {})).handOvers;
    const refused = await attempt('followups.freshLink', { companyId, connectionId });
    sandbox.control.setRateLimit({ remaining: 100_000 });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', message: expect.stringMatching(/left/) },
    });
    expect(sandbox.control.requests()).toEqual([]);
    expect((await call('followups.list', {})).handOvers).toEqual(before);
  });
});
