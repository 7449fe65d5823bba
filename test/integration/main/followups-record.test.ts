/** Hand-overs recorded by main when a link is copied, opened or sent in an invite, through the bridge's gate. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { EventName, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const hour = 3_600_000;
let sandbox: TestSandbox;
let followUpsDirectory: string;
let services: MainServices;
const events: Array<{ event: EventName; payload: unknown }> = [];

function startConsole() {
  const console = createMainServices(
    testPorts(sandbox, { followUpsDirectory, now: () => Date.parse(sandbox.control.now()) }),
    // Checks are the watcher test's business: here its timer never fires.
    { http: { retry: { retries: 0 } }, followUpTimer: { set: () => null, clear: () => undefined } },
  );
  const dispatch = console.dispatcher({ isTrustedCaller: () => true });
  const attempt = <N extends OperationName>(operation: N, input: OperationInput<N>) =>
    dispatch(operation, input, { frameUrl: null }) as Promise<
      { ok: true; value: OperationOutput<N> } | { ok: false; error: BridgeError }
    >;
  const call = async <N extends OperationName>(operation: N, input: OperationInput<N>) => {
    const result = await attempt(operation, input);
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value;
  };
  return { services: console, attempt, call };
}
let call: ReturnType<typeof startConsole>['call'];
let attempt: ReturnType<typeof startConsole>['attempt'];

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 5 });
  followUpsDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-record-')), 'followups');
  ({ services, call, attempt } = startConsole());
  services.hub.subscribe((event, payload) => events.push({ event, payload }));
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

describe('recording hand-overs', () => {
  it('records a copied link with its company, platform, who, how, and when the link expires', async () => {
    const issuedAt = sandbox.control.now();
    const { companyId, connectionId } = await newConnection('Copied Link Ltd');
    sandbox.control.advanceClock(10 * 60_000);
    const recorded = await call('followups.record', { companyId, connectionId, how: 'copied' });
    expect(recorded).toMatchObject({
      profileId: 'training',
      company: { id: companyId, name: 'Copied Link Ltd' },
      connection: { id: connectionId, platformKey: 'gbol', platformName: 'Xero' },
      by: 'tester',
      how: 'copied',
      recipient: null,
      state: 'awaiting',
      // The link's day counts from when Codat issued it, not from when it was copied.
      link: { issuedAt, expiresAt: new Date(Date.parse(issuedAt) + 24 * hour).toISOString() },
    });
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.map((item) => item.id)).toContain(recorded.id);
    expect(events).toContainEqual({ event: 'followups.changed', payload: { profileId: 'training', events: [] } });
  });

  it('keeps one hand-over when the same link is then sent in an invite, with its recipient, and audits the invite', async () => {
    const { companyId, connectionId } = await newConnection('Invited Ltd');
    await call('followups.record', { companyId, connectionId, how: 'opened' });
    await call('invites.composed', { companyId, connectionId, how: 'email_app', recipient: 'ann@invited.test' });
    const mine = (await call('followups.list', {})).handOvers.filter((item) => item.connection.id === connectionId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ how: 'invite', recipient: 'ann@invited.test', state: 'awaiting' });
    const { records } = await call('audit.list', { action: 'invite.compose' });
    expect(records.some((record) => record.target.connectionId === connectionId)).toBe(true);
  });

  it('refuses a recipient that is not an email address', async () => {
    const { companyId, connectionId } = await newConnection('Bad Address Ltd');
    const refused = await attempt('invites.composed', {
      companyId,
      connectionId,
      how: 'copied',
      recipient: 'ann@x.test, bob@y.test',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('follows a fresh link instead of the old one, once Codat issued a new link', async () => {
    const { companyId, connectionId, linkUrl } = await newConnection('Fresh Link Ltd');
    const first = await call('followups.record', { companyId, connectionId, how: 'copied' });
    sandbox.control.advanceClock(25 * hour);
    const fresh = await call('connections.get', { companyId, connectionId });
    expect(fresh.linkUrl).not.toBe(linkUrl);
    const second = await call('followups.record', { companyId, connectionId, how: 'copied' });
    expect(second.id).not.toBe(first.id);
    expect(second.link.issuedAt).toBe(sandbox.control.now());
    const mine = (await call('followups.list', {})).handOvers.filter((item) => item.connection.id === connectionId);
    expect(mine.map((item) => [item.id, item.state, item.supersededBy])).toEqual([
      [first.id, 'superseded', second.id],
      [second.id, 'awaiting', null],
    ]);
  });

  it('says why a connection Codat does not list cannot be followed up', async () => {
    const company = await sandbox.newCompany('No Such Connection Ltd');
    const refused = await attempt('followups.record', {
      companyId: company.id,
      connectionId: '00000000-0000-4000-8000-000000000000',
      how: 'copied',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/lists no connection .* No Such Connection Ltd/) },
    });
  });

  it('still has every hand-over after a restart', async () => {
    const before = (await call('followups.list', {})).handOvers;
    const restarted = startConsole();
    try {
      expect((await restarted.call('followups.list', {})).handOvers).toEqual(before);
    } finally {
      restarted.services.dispose();
    }
  });
});
