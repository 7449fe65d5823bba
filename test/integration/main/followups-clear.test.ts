/**
 * "Clear done" on the Follow-ups page: main forgets the hand-overs that have ended, keeps every open one (and
 * the expired or cancelled ones, still to act on), says so to the pages, and the file on disk agrees.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { EventName, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { actAsCustomer } from '@support/customer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const hour = 3_600_000;
let sandbox: TestSandbox;
let followUpsDirectory: string;
let services: MainServices;
let events: EventName[];

function startConsole() {
  services = createMainServices(
    testPorts(sandbox, { followUpsDirectory, now: () => Date.parse(sandbox.control.now()) }),
    // The test runs the checks itself: the watcher's timer never fires.
    { http: { retry: { retries: 0 } }, followUpTimer: { set: () => null, clear: () => undefined } },
  );
  events = [];
  services.hub.subscribe((event) => events.push(event));
}

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

async function handOver(name: string) {
  const company = await sandbox.newCompany(name);
  const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
  await call('followups.record', { companyId: company.id, connectionId: connection.id, how: 'copied' });
  return { companyId: company.id, connectionId: connection.id, linkUrl: connection.linkUrl };
}

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 3 });
  followUpsDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-clear-')), 'followups');
  startConsole();
});
afterEach(async () => {
  services.dispose();
  await sandbox.close();
});

const states = async () =>
  Object.fromEntries((await call('followups.list', {})).handOvers.map((item) => [item.company.name, item.state]));

describe('clearing done follow-ups', () => {
  it('forgets the ended hand-overs, keeps the open and expired ones, and says so to the pages', async () => {
    const synced = await handOver('Synced Ltd');
    const replaced = await handOver('Replaced Ltd');
    await handOver('Waiting Ltd');
    await actAsCustomer(synced.linkUrl, 'authorise');
    await services.followUps.checkNow();
    sandbox.control.advanceClock(hour);
    await services.followUps.checkNow();
    // A fresh link for "Replaced" a day later supersedes its first; "Waiting" expired unused meanwhile.
    sandbox.control.advanceClock(24 * hour);
    await services.followUps.checkNow();
    const target = { companyId: replaced.companyId, connectionId: replaced.connectionId };
    await call('connections.get', target);
    await call('followups.record', { ...target, how: 'copied' });
    await handOver('Fresh Ltd');
    expect(await states()).toEqual({
      'Synced Ltd': 'synced',
      'Replaced Ltd': 'awaiting',
      'Waiting Ltd': 'expired',
      'Fresh Ltd': 'awaiting',
    });
    const before = (await call('followups.list', {})).handOvers.length;
    expect(before).toBe(5);

    events = [];
    expect(await call('followups.clearDone', {})).toEqual({ cleared: 2 });
    expect(events).toEqual(['followups.changed']);
    const kept = (await call('followups.list', {})).handOvers;
    expect(kept.map((item) => [item.company.name, item.state])).toEqual([
      ['Waiting Ltd', 'expired'],
      ['Replaced Ltd', 'awaiting'],
      ['Fresh Ltd', 'awaiting'],
    ]);

    // Nothing left to clear: nothing to tell either.
    events = [];
    expect(await call('followups.clearDone', {})).toEqual({ cleared: 0 });
    expect(events).toEqual([]);

    // Gone for good: a restart reads the same from disk.
    services.dispose();
    startConsole();
    expect((await call('followups.list', {})).handOvers.map((item) => item.id)).toEqual(kept.map((item) => item.id));
  });

  it('tells the page who "mine" is: the OS user hand-overs are recorded as', async () => {
    await handOver('Mine Ltd');
    const { you, handOvers } = await call('followups.list', {});
    expect(you).toBe('tester');
    expect(handOvers[0]?.by).toBe(you);
  });
});

describe('checking follow-ups now', () => {
  it('asks Codat at once when the page asks (the customer says they have authorised), at the cost of a planned check', async () => {
    const first = await handOver('Now Ltd');
    await handOver('Later Ltd');
    await actAsCustomer(first.linkUrl, 'authorise');
    sandbox.control.clearRequests();
    events = [];
    expect(await call('followups.checkNow', {})).toEqual({ checked: 2, problem: null });
    // One list of both companies, and the linked one's data status (its first sync).
    expect(sandbox.control.requests().map((request) => request.path.split('?')[0])).toEqual([
      '/companies',
      `/companies/${first.companyId}/dataStatus`,
    ]);
    expect(await states()).toEqual({ 'Now Ltd': 'linked', 'Later Ltd': 'awaiting' });
    expect(events).toContain('followups.changed');
    expect((await call('followups.list', {})).watch.checkedAt).toBe(sandbox.control.now());
  });
});
