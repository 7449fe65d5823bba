/**
 * Main's follow-up watcher against the sandbox over HTTP, on the sandbox's manual clock: what a check costs,
 * the reminder and the expiry, a customer authorising on the consent page, the first sync, and Codat refusing.
 * What a check learns is tested through "Check now" (`checkNow`); when checks happen on their own, by firing the
 * watcher's timer, a manual one on the same clock.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { CheckReport } from '@main/services/followups-watcher';
import type { EventName, EventPayload, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { actAsCustomer } from '@support/customer';
import { createManualTimer, sandboxClock, type ManualTimer } from '@support/manual-timer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const minute = 60_000;
const hour = 60 * minute;

let sandbox: TestSandbox;
let services: MainServices;
let timer: ManualTimer;
let changes: Array<EventPayload<'followups.changed'>>;
let followUpsDirectory: string;

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 3 });
  timer = createManualTimer(sandboxClock(sandbox.control));
  changes = [];
  services = createMainServices(
    testPorts(sandbox, {
      followUpsDirectory: (followUpsDirectory = path.join(
        mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-watch-')),
        'followups',
      )),
      now: () => Date.parse(sandbox.control.now()),
    }),
    { http: { retry: { retries: 0 } }, followUpTimer: timer },
  );
  services.hub.subscribe((event: EventName, payload) => {
    if (event === 'followups.changed') changes.push(payload as EventPayload<'followups.changed'>);
  });
});
afterEach(async () => {
  services.dispose();
  await sandbox.close();
});

/** New companies, each with a Xero connection whose link was copied here. */
async function handOver(count: number, prefix = 'Follow-up') {
  const handed: Array<{ companyId: string; connectionId: string; linkUrl: string; name: string }> = [];
  for (let n = 1; n <= count; n += 1) {
    const name = `${prefix} ${n} Ltd`;
    const company = await sandbox.newCompany(name);
    const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    await call('followups.record', { companyId: company.id, connectionId: connection.id, how: 'copied' });
    handed.push({ companyId: company.id, connectionId: connection.id, linkUrl: connection.linkUrl, name });
  }
  return handed;
}

const kinds = (report: { events: Array<{ kind: string; companyName: string }> }) =>
  report.events.map((event) => `${event.kind}: ${event.companyName}`);

const sandboxNow = () => Date.parse(sandbox.control.now());

/** Fires the watcher's timer, and waits for the end of the check it started on its own. */
async function scheduledCheck(): Promise<CheckReport> {
  const fired = timer.fireNext();
  const report = await services.followUps.settled();
  if (!report) throw new Error(`The timer fired at ${new Date(fired.dueAt).toISOString()} and no check started.`);
  return report;
}

/** The watcher has planned its next check (it plans after reading the hand-overs). */
const planned = () => timer.waitFor((pending) => pending.length === 1);

/** Minutes to the next check, as the status bar says it; it is the check the timer holds. */
async function minutesToNextCheck(): Promise<number | null> {
  const { watch } = await call('followups.list', {});
  expect(timer.pending().map((run) => new Date(run.dueAt).toISOString())).toEqual(
    watch.nextCheckAt ? [watch.nextCheckAt] : [],
  );
  return watch.nextCheckAt ? (Date.parse(watch.nextCheckAt) - sandboxNow()) / minute : null;
}

const isListQuery = (request: { method: string; path: string }) =>
  request.method === 'GET' && request.path.startsWith('/companies?');

describe('the follow-up watcher', () => {
  it('checks 120 open hand-overs in at most 3 requests', async () => {
    await handOver(120);
    sandbox.control.clearRequests();
    const report = await services.followUps.checkNow();
    const requests = sandbox.control.requests();
    expect(report.checked).toBe(120);
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(requests.every((request) => request.method === 'GET' && request.path.startsWith('/companies?'))).toBe(true);
    expect(report.requests).toBe(requests.length);
    expect(report.problem).toBeNull();
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.every((item) => item.state === 'awaiting' && item.codatStatus === 'PendingAuth')).toBe(true);
    // Making 120 companies and connections takes a few hundred requests: room for a busy machine.
  }, 90_000);

  it('writes and says nothing after a check that learnt nothing new', async () => {
    await handOver(2);
    await services.followUps.checkNow();
    const file = path.join(followUpsDirectory, 'training.json');
    const before = { text: readFileSync(file, 'utf8'), modified: statSync(file).mtimeMs, changes: changes.length };
    sandbox.control.advanceClock(2 * minute);
    const report = await services.followUps.checkNow();
    expect(report.requests).toBe(1);
    expect({ text: readFileSync(file, 'utf8'), modified: statSync(file).mtimeMs, changes: changes.length }).toEqual(
      before,
    );
  });

  it('reminds once 2 hours before an unused link expires, then says once that it expired', async () => {
    await handOver(2);
    sandbox.control.advanceClock(22 * hour - minute);
    expect(kinds(await services.followUps.checkNow())).toEqual([]);

    sandbox.control.advanceClock(minute);
    const reminded = await services.followUps.checkNow();
    expect(kinds(reminded)).toEqual(['expiring_soon: Follow-up 1 Ltd', 'expiring_soon: Follow-up 2 Ltd']);
    expect(changes.at(-1)?.events).toEqual(reminded.events);
    sandbox.control.advanceClock(hour);
    expect(kinds(await services.followUps.checkNow())).toEqual([]);

    sandbox.control.advanceClock(hour);
    expect(kinds(await services.followUps.checkNow())).toEqual([
      'expired: Follow-up 1 Ltd',
      'expired: Follow-up 2 Ltd',
    ]);
    expect(kinds(await services.followUps.checkNow())).toEqual([]);
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.map((item) => item.state)).toEqual(['expired', 'expired']);
  });

  it('says once that the customer linked, and then that the first sync finished', async () => {
    const [first, second] = await handOver(2);
    sandbox.control.advanceClock(hour);
    await actAsCustomer(first!.linkUrl, 'authorise');

    const linked = await services.followUps.checkNow();
    expect(kinds(linked)).toEqual(['linked: Follow-up 1 Ltd']);
    expect(linked.events[0]).toMatchObject({ connectionId: first!.connectionId, platformName: 'Xero' });
    expect(kinds(await services.followUps.checkNow())).toEqual([]);

    // The sandbox's initial sync finishes within a few sandbox minutes.
    sandbox.control.advanceClock(hour);
    expect(kinds(await services.followUps.checkNow())).toEqual(['first_sync_finished: Follow-up 1 Ltd']);
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.map((item) => [item.connection.id, item.state])).toEqual([
      [first!.connectionId, 'synced'],
      [second!.connectionId, 'awaiting'],
    ]);
  });

  it('still sees a first sync that finished while nobody checked for a day', async () => {
    const [first] = await handOver(1);
    await actAsCustomer(first!.linkUrl, 'authorise');
    expect(kinds(await services.followUps.checkNow())).toEqual(['linked: Follow-up 1 Ltd']);
    // The console was closed overnight: the first check after it reads the first sync once more.
    sandbox.control.advanceClock(24 * hour);
    expect(kinds(await services.followUps.checkNow())).toEqual(['first_sync_finished: Follow-up 1 Ltd']);
    expect((await call('followups.list', {})).handOvers[0]?.state).toBe('synced');
  });

  it('says the first sync failed, with the data types that failed', async () => {
    const [first] = await handOver(1);
    sandbox.control.addPullOutcome({ companyId: first!.companyId, dataType: 'invoices', status: 'FetchError' });
    await actAsCustomer(first!.linkUrl, 'authorise');
    await services.followUps.checkNow();
    sandbox.control.advanceClock(hour);
    const report = await services.followUps.checkNow();
    expect(report.events).toMatchObject([
      { kind: 'first_sync_failed', detail: expect.stringContaining('invoices: FetchError') },
    ]);
  });

  it('tells this connection’s first sync from what the company synced before the hand-over', async () => {
    // The company's bank connection linked earlier, and its transactions failed to sync.
    const company = await sandbox.newCompany('Synced Before Ltd');
    const bank = await call('connections.create', { companyId: company.id, platformKey: 'suuo' });
    sandbox.control.addPullOutcome({ companyId: company.id, dataType: 'banking-transactions', status: 'FetchError' });
    await actAsCustomer(bank.linkUrl, 'authorise');
    sandbox.control.advanceClock(hour);
    sandbox.control.clearPullOutcomes();

    const xero = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
    await call('followups.record', { companyId: company.id, connectionId: xero.id, how: 'opened' });
    await actAsCustomer(xero.linkUrl, 'authorise');
    sandbox.control.advanceClock(hour);
    expect(kinds(await services.followUps.checkNow())).toEqual([
      'linked: Synced Before Ltd',
      'first_sync_finished: Synced Before Ltd',
    ]);
  });

  it('marks a cancelled attempt with Codat’s words, and notifies nothing for it', async () => {
    const [first] = await handOver(1);
    await actAsCustomer(first!.linkUrl, 'cancel');
    expect(kinds(await services.followUps.checkNow())).toEqual([]);
    const { handOvers } = await call('followups.list', {});
    expect(handOvers[0]).toMatchObject({
      state: 'cancelled',
      problem: { statusCode: '403', statusText: 'User cancelled linking', errorMessage: 'User cancelled' },
    });
  });

  it('keeps every hand-over when Codat rate-limits the check, waits as long as it asks, and catches up after', async () => {
    await handOver(3);
    await planned();
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 600, times: 1 });
    const refused = await scheduledCheck();
    expect(refused.problem).toMatch(/could not ask Codat/);
    expect((await call('followups.list', {})).watch).toMatchObject({
      reason: 'rate_limited',
      problem: expect.stringMatching(/could not ask Codat/),
    });
    // The next check waits as long as Codat asked (not the 2 minutes of a first back-off) …
    expect(await minutesToNextCheck()).toBe(10);
    // … and "Check now" meanwhile asks Codat nothing.
    sandbox.control.clearRequests();
    expect((await services.followUps.checkNow()).problem).toMatch(/wait until .*, as Codat asked/);
    expect(timer.advance(10 * minute - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    expect((await call('followups.list', {})).handOvers.map((item) => item.state)).toEqual([
      'awaiting',
      'awaiting',
      'awaiting',
    ]);

    const after = await scheduledCheck();
    expect(after).toMatchObject({ problem: null, requests: 1 });
    const { handOvers, watch } = await call('followups.list', {});
    expect(handOvers.every((item) => item.codatStatus === 'PendingAuth')).toBe(true);
    expect(watch).toMatchObject({ problem: null, reason: null });
    expect(await minutesToNextCheck()).toBe(2);
  });

  it('backs off after failed checks, doubling up to 30 minutes, and a check that works resets it', async () => {
    await handOver(1);
    await planned();
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 500 });
    const gaps: Array<number | null> = [];
    for (let n = 0; n < 6; n += 1) {
      expect((await scheduledCheck()).problem).toBe(
        'Follow-ups could not ask Codat (An internal error occurred (injected by the sandbox).); they will try again.',
      );
      gaps.push(await minutesToNextCheck());
    }
    expect(gaps).toEqual([2, 4, 8, 16, 30, 30]);
    expect((await call('followups.list', {})).watch).toMatchObject({ reason: 'refused' });
    expect(sandbox.control.requests().filter(isListQuery)).toHaveLength(6);

    sandbox.control.clearFaults();
    expect(await scheduledCheck()).toMatchObject({ problem: null, requests: 1 });
    expect(await minutesToNextCheck()).toBe(2);
  });

  it('keeps what it learnt before Codat’s quota ran out', async () => {
    await handOver(60);
    sandbox.control.setRateLimit({ remaining: 1 });
    const partial = await services.followUps.checkNow();
    expect(partial.problem).toMatch(/could not ask Codat/);
    const statuses = (await call('followups.list', {})).handOvers.map((item) => item.codatStatus);
    expect(statuses.filter((status) => status === 'PendingAuth')).toHaveLength(49);
    expect(statuses.filter((status) => status === null)).toHaveLength(11);
  }, 60_000);

  it('leaves the last of the day’s quota to the user’s own work until it resets', async () => {
    await handOver(1);
    await planned();
    sandbox.control.setRateLimit({ remaining: 40 });
    expect((await scheduledCheck()).requests).toBe(1);
    sandbox.control.clearRequests();
    const kept = await scheduledCheck();
    expect(kept.problem).toMatch(/only 39 Codat requests are left today, kept for your own work/);
    expect(sandbox.control.requests()).toEqual([]);
    const reset = sandbox.control.rateLimit().resetsAt;
    expect((await call('followups.list', {})).watch).toMatchObject({ reason: 'quota', nextCheckAt: reset });

    // At 00:00 UTC the day's quota is whole again: the check asks Codat.
    expect(await scheduledCheck()).toMatchObject({ problem: null, requests: 1 });
    expect(sandbox.control.requests().map((request) => request.at)).toEqual([reset]);
  });

  it('still expires links while Codat cannot be reached', async () => {
    await handOver(1);
    sandbox.control.addFault({ path: '/companies', method: 'GET', drop: 'before' });
    sandbox.control.advanceClock(24 * hour);
    const report = await services.followUps.checkNow();
    expect(report.problem).toMatch(/could not ask Codat/);
    expect(kinds(report)).toEqual(['expired: Follow-up 1 Ltd']);
  });

  it('checks every 2 minutes while a link works, and plans none once every link has ended', async () => {
    await handOver(1);
    await planned();
    expect(await minutesToNextCheck()).toBe(2);
    sandbox.control.clearRequests();
    expect(timer.advance(2 * minute - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    expect(await scheduledCheck()).toMatchObject({ checked: 1, requests: 1 });
    expect(sandbox.control.requests().filter(isListQuery)).toHaveLength(1);
    expect(await minutesToNextCheck()).toBe(2);

    // A day on, the link has expired: the check says so, and none is planned after it.
    sandbox.control.advanceClock(25 * hour);
    expect(kinds(await scheduledCheck())).toEqual(['expired: Follow-up 1 Ltd']);
    expect(await minutesToNextCheck()).toBeNull();
  });
});

describe('follow-ups per profile', () => {
  it('keeps each profile’s hand-overs to itself, and checks only the active profile’s', async () => {
    await handOver(2);
    const live = await call('profiles.save', {
      name: 'Live',
      baseUrl: sandbox.url,
      environment: 'production',
      apiKey: sandbox.apiKey,
    });
    await call('profiles.activate', { id: live.id });
    expect((await call('followups.list', {})).handOvers).toEqual([]);
    sandbox.control.clearRequests();
    expect(await services.followUps.checkNow()).toMatchObject({ checked: 0, requests: 0 });
    expect(sandbox.control.requests()).toEqual([]);

    await call('profiles.activate', { id: 'training' });
    const { handOvers } = await call('followups.list', {});
    expect(handOvers.map((item) => [item.profileId, item.company.name])).toEqual([
      ['training', 'Follow-up 1 Ltd'],
      ['training', 'Follow-up 2 Ltd'],
    ]);
    expect(await services.followUps.checkNow()).toMatchObject({ checked: 2, requests: 1 });
  });
});

describe('follow-ups across a profile switch', () => {
  it('never asks the new profile’s Codat about the previous profile’s hand-overs when the switch comes as a check starts', async () => {
    const live = await startTestSandbox({ companies: 1 });
    try {
      const { id } = await call('profiles.save', {
        name: 'Live',
        baseUrl: live.url,
        environment: 'production',
        apiKey: live.apiKey,
      });
      await handOver(1);
      await planned();
      live.control.clearRequests();
      sandbox.control.clearRequests();
      timer.fireNext();
      // At once, while the check reads its hand-overs (the profile service, as the switcher calls it).
      services.profiles.activate(id);
      expect(await services.followUps.settled()).toMatchObject({ checked: 1, requests: 0 });
      expect(live.control.requests()).toEqual([]);
      expect(sandbox.control.requests()).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('checks the new profile’s hand-overs at the usual interval, not after the previous profile’s back-off', async () => {
    await handOver(1);
    await planned();
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 500 });
    for (let n = 0; n < 3; n += 1) await scheduledCheck();
    expect(await minutesToNextCheck()).toBe(8);
    sandbox.control.clearFaults();

    const live = await call('profiles.save', {
      name: 'Live',
      baseUrl: sandbox.url,
      environment: 'production',
      apiKey: sandbox.apiKey,
    });
    await call('profiles.activate', { id: live.id });
    await handOver(1, 'Live');
    await planned();
    expect(await minutesToNextCheck()).toBe(2);
  });
});

describe('how often the watcher checks', () => {
  it('checks as often as the setting says, plans again when it changes, and refuses an interval under a minute', async () => {
    expect(await call('followups.settings', {})).toMatchObject({ checkEveryMinutes: 2 });
    await call('followups.saveSettings', { checkEveryMinutes: 10 });
    await handOver(1);
    await planned();
    expect(await minutesToNextCheck()).toBe(10);
    sandbox.control.clearRequests();
    expect(timer.advance(10 * minute - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    expect(await scheduledCheck()).toMatchObject({ checked: 1, requests: 1 });
    expect(await minutesToNextCheck()).toBe(10);

    await call('followups.saveSettings', { checkEveryMinutes: 5 });
    await timer.waitFor((pending) => pending[0]?.delayMs === 5 * minute);
    expect(await minutesToNextCheck()).toBe(5);
    const refused = await services.dispatcher({ isTrustedCaller: () => true })(
      'followups.saveSettings',
      { checkEveryMinutes: 0 },
      { frameUrl: null },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(refused)).toContain('At least every minute.');
  });
});

describe('the follow-up watcher after a restart', () => {
  it('checks at once for a link that expired while the console was closed', async () => {
    const directory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-restart-')), 'followups');
    const ports = () =>
      testPorts(sandbox, { followUpsDirectory: directory, now: () => Date.parse(sandbox.control.now()) });
    services.dispose();
    timer = createManualTimer(sandboxClock(sandbox.control));
    services = createMainServices(ports(), { http: { retry: { retries: 0 } }, followUpTimer: timer });
    await handOver(1);
    services.dispose();

    sandbox.control.advanceClock(30 * hour);
    timer = createManualTimer(sandboxClock(sandbox.control));
    services = createMainServices(ports(), { http: { retry: { retries: 0 } }, followUpTimer: timer });
    expect((await planned()).map((run) => run.delayMs)).toEqual([0]);
    expect(kinds(await scheduledCheck())).toEqual(['expired: Follow-up 1 Ltd']);
  });
});
