/**
 * The monitor against the sandbox over HTTP, on the sandbox's manual clock: what a round costs when nothing
 * changed and when one connection broke, a round stopped by the day's budget, and a broken connection fixed on the
 * consent page being resolved a day later. Rounds are run by the test; the monitor's own timer only records.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { Timer } from '@main/services/timer';
import type { EventName, EventPayload, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { defaultMonitorSettings, type InboxIssue, type MonitorRound } from '@shared/domain/inbox';
import { actAsCustomer } from '@support/customer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const minute = 60_000;
const hour = 60 * minute;
const pageSize = 10;

let sandbox: TestSandbox;
let services: MainServices;
let planned: number[];
let ended: Array<{ round: MonitorRound; alerts: InboxIssue[] }>;
let changes: Array<EventPayload<'inbox.changed'>>;
let inboxDirectory: string;

const recordingTimer = (): Timer => ({
  set: (_run, delayMs) => {
    planned.push(delayMs);
    return planned.length;
  },
  clear: () => undefined,
});

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

function start() {
  services = createMainServices(testPorts(sandbox, { inboxDirectory, now: () => Date.parse(sandbox.control.now()) }), {
    http: { retry: { retries: 0 } },
    monitorTimer: recordingTimer(),
    monitorPageSize: pageSize,
    onRoundEnded: (round, alerts) => ended.push({ round, alerts }),
  });
  services.hub.subscribe((event: EventName, payload) => {
    if (event === 'inbox.changed') changes.push(payload as EventPayload<'inbox.changed'>);
  });
}

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 25 });
  planned = [];
  ended = [];
  changes = [];
  inboxDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-monitor-')), 'inbox');
  start();
  await call('monitor.saveSettings', { ...defaultMonitorSettings('training'), enabled: true });
});
afterEach(async () => {
  services.dispose();
  await sandbox.close();
});

/** Runs a round as "Check now" does, and waits for its end. */
async function round(): Promise<MonitorRound> {
  const started = await call('monitor.checkNow', {});
  expect(started.state).toBe('running');
  const done = await services.monitor.settled();
  return done!;
}

const listPages = (total: number) => Math.ceil(total / pageSize);
const isListPage = (request: { method: string; path: string }) =>
  request.method === 'GET' && /^\/companies\?/.test(request.path);

/** A company with a Xero connection the customer authorised, and its first sync done. */
async function linkedCompany(name: string) {
  const company = await sandbox.newCompany(name);
  const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
  await actAsCustomer(connection.linkUrl, 'authorise');
  sandbox.control.advanceClock(hour);
  return { companyId: company.id, connectionId: connection.id };
}

const issueOf = async (key: string) => (await call('inbox.list', {})).issues.find((issue) => issue.key === key);

describe('the monitor', () => {
  it('costs only the list pages when nothing changed', async () => {
    const first = await round();
    expect(first).toMatchObject({ state: 'finished', trigger: 'check_now', companiesScanned: 25, problem: null });
    const inbox = await call('inbox.list', {});
    expect(inbox.issues.length).toBeGreaterThan(0);
    expect(inbox.counts.new).toBe(inbox.issues.length);
    expect(first.newIssues).toBe(inbox.issues.length);
    expect(ended[0]?.alerts.length).toBeGreaterThan(0);
    // The pages hear the New count, and the round's alert (warning or worse) with it: main has no desktop here.
    expect(changes.at(-1)).toMatchObject({
      profileId: 'training',
      newCount: inbox.issues.length,
      notice: { title: `${ended[0]?.alerts.length} new issues`, target: { page: 'inbox' }, shownByMain: false },
    });

    sandbox.control.advanceClock(30 * minute);
    sandbox.control.clearRequests();
    const again = await round();
    const requests = sandbox.control.requests();
    expect(requests.every(isListPage)).toBe(true);
    expect(requests).toHaveLength(listPages(25));
    expect(again).toMatchObject({ state: 'finished', requestsUsed: listPages(25), newIssues: 0, resolvedIssues: 0 });
    expect(ended[1]?.alerts).toEqual([]);
    expect((await call('inbox.list', {})).issues.every((issue) => issue.seenCount === 2)).toBe(true);
  });

  it('looks closely only at the company whose connection was deauthorised, and shows its issue as New, notified once', async () => {
    const broken = await linkedCompany('Broken Link Ltd');
    await round();
    sandbox.control.advanceClock(30 * minute);
    await round();
    expect(await issueOf(`deauthorized:${broken.connectionId}`)).toBeUndefined();

    sandbox.control.deauthorize(broken.companyId, broken.connectionId);
    sandbox.control.advanceClock(30 * minute);
    sandbox.control.clearRequests();
    const after = await round();
    const closer = sandbox.control.requests().filter((request) => !isListPage(request));
    expect(closer.length).toBeLessThanOrEqual(2);
    expect(closer.every((request) => request.path.includes(broken.companyId))).toBe(true);
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(listPages(26));

    const issue = await issueOf(`deauthorized:${broken.connectionId}`);
    expect(issue).toMatchObject({ state: 'new', seenCount: 1, issue: { companyName: 'Broken Link Ltd' } });
    expect(after.newIssues).toBe(1);
    expect(ended.at(-1)?.alerts.map((alert) => alert.key)).toEqual([`deauthorized:${broken.connectionId}`]);

    sandbox.control.advanceClock(30 * minute);
    await round();
    expect(ended.at(-1)?.alerts).toEqual([]);
    expect(await issueOf(`deauthorized:${broken.connectionId}`)).toMatchObject({ state: 'new', seenCount: 2 });
  });

  it('stops when the day’s budget is spent, says so, resolves nothing it did not see, and waits for the next day', async () => {
    await round();
    const seenFirst = (await call('inbox.list', {})).issues;
    // A day on (a new UTC day), with a budget of 2 requests: 0.5 % of a 400-request quota.
    sandbox.control.advanceClock(25 * hour);
    sandbox.control.setRateLimit({ dailyQuota: 400 });
    await call('monitor.saveSettings', {
      ...defaultMonitorSettings('training'),
      enabled: true,
      dailyBudgetPercent: 0.5,
    });
    sandbox.control.clearRequests();

    const stopped = await round();
    const spent = sandbox.control.requests().length;
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(2);
    expect(stopped).toMatchObject({ state: 'stopped_for_budget', requestsUsed: spent, resolvedIssues: 0 });
    expect(stopped.problem).toMatch(/budget for today is spent \(2 requests, 0\.5 % of the day's quota\)/);
    expect(stopped.problem).toMatch(/It stopped after \d+ compan(y|ies) of 25\./);
    expect(stopped.companiesScanned).toBeLessThan(25);
    const inbox = await call('inbox.list', {});
    expect(inbox.counts.resolved).toBe(0);
    expect(inbox.issues).toHaveLength(seenFirst.length);
    const { budget } = await call('monitor.status', {});
    expect(budget.limitToday).toBe(2);
    expect(budget.usedToday).toBeGreaterThanOrEqual(spent);
    expect(budget.usedToday).toBeLessThanOrEqual(2);
    // The next round is planned for 00:00 UTC.
    const now = Date.parse(sandbox.control.now());
    expect(planned.at(-1)).toBe(Math.ceil(now / (24 * hour)) * 24 * hour - now);

    // "Check now" the same day asks Codat nothing.
    sandbox.control.clearRequests();
    expect(await round()).toMatchObject({ state: 'stopped_for_budget', requestsUsed: 0 });
    expect(sandbox.control.requests()).toHaveLength(0);

    // The next day, with a larger quota again, the round goes through.
    sandbox.control.advanceClock(24 * hour);
    sandbox.control.setRateLimit({ dailyQuota: 100_000 });
    await call('monitor.saveSettings', { ...defaultMonitorSettings('training'), enabled: true });
    expect(await round()).toMatchObject({ state: 'finished', companiesScanned: 25 });
    expect((await call('monitor.status', {})).budget.usedToday).toBeGreaterThan(0);
  });

  it('resolves a connection fixed on the consent page once rounds have not seen it for 24 hours', async () => {
    const broken = await linkedCompany('Fixed Later Ltd');
    const key = `deauthorized:${broken.connectionId}`;
    sandbox.control.deauthorize(broken.companyId, broken.connectionId);
    await round();
    expect(await call('inbox.acknowledge', { keys: [key] })).toEqual({ changed: 1 });

    // The customer links again with a fresh link.
    const { linkUrl } = await call('connections.get', broken);
    await actAsCustomer(linkUrl, 'authorise');
    sandbox.control.advanceClock(hour);
    await round();
    expect(await issueOf(key)).toMatchObject({ state: 'acknowledged', seenCount: 1 });

    sandbox.control.advanceClock(21 * hour);
    await round();
    expect((await issueOf(key))?.state).toBe('acknowledged');

    sandbox.control.advanceClock(2 * hour);
    const resolving = await round();
    expect(resolving.resolvedIssues).toBeGreaterThanOrEqual(1);
    const resolved = await issueOf(key);
    expect(resolved?.state).toBe('resolved');
    expect(resolved?.history.map((line) => [line.kind, line.by])).toEqual([
      ['first_seen', null],
      ['acknowledged', 'tester'],
      ['resolved', null],
    ]);

    // Kept on disk: a restart shows the same inbox.
    services.dispose();
    start();
    expect((await issueOf(key))?.state).toBe('resolved');
  });

  it('adds what the Health page’s scan found to the same inbox', async () => {
    await call('health.startScan', {});
    await services.scans.settled();
    const { issues } = await call('inbox.list', {});
    expect(issues.length).toBe((await call('health.results', {}))?.issues.length);
    expect(issues.length).toBeGreaterThan(0);
    expect((await call('monitor.status', {})).round).toMatchObject({ trigger: 'health_scan', state: 'finished' });
  });
});
