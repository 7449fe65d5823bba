/**
 * The monitor against the sandbox over HTTP, on the sandbox's manual clock. Its timer is a manual one on the same
 * clock: a round happens on its own only when the test fires the timer, so the schedule is seen as a user sees it
 * (rounds that happen or not, the Inbox's next round, round states and their problems, the sandbox's request log).
 * What a round costs and finds is tested through "Check now", the Inbox's button.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { PlatformPorts } from '@main/ports';
import { monitorDefaults } from '@main/services/monitor';
import type { EventName, EventPayload, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { InboxIssue, MonitorRound, MonitorSettings } from '@shared/domain/inbox';
import { defaultMonitorSettings } from '@shared/settings-defaults';
import { actAsCustomer } from '@support/customer';
import { createManualTimer, sandboxClock, type ManualTimer } from '@support/manual-timer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const minute = 60_000;
const hour = 60 * minute;
const pageSize = 10;

let sandbox: TestSandbox;
let ports: PlatformPorts;
let services: MainServices;
let timer: ManualTimer;
/** Sandbox time when the services started. */
let startedAt: number;
let ended: Array<{ round: MonitorRound; alerts: InboxIssue[] }>;
let changes: Array<EventPayload<'inbox.changed'>>;
let progress: MonitorRound[];
let inboxDirectory: string;

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

const sandboxNow = () => Date.parse(sandbox.control.now());
const iso = (at: number) => new Date(at).toISOString();

/** Starts main's services; a restart passes the settings on, as the settings file would. */
function start(settings?: PlatformPorts['settings']) {
  timer = createManualTimer(sandboxClock(sandbox.control));
  ports = testPorts(sandbox, { inboxDirectory, now: sandboxNow, ...(settings ? { settings } : {}) });
  services = createMainServices(ports, {
    http: { retry: { retries: 0 } },
    monitorTimer: timer,
    monitorPageSize: pageSize,
    onRoundEnded: (round, alerts) => ended.push({ round, alerts }),
  });
  startedAt = sandboxNow();
  services.hub.subscribe((event: EventName, payload) => {
    if (event === 'inbox.changed') changes.push(payload as EventPayload<'inbox.changed'>);
    if (event === 'monitor.progress') progress.push(payload as MonitorRound);
  });
}

const saveMonitor = (changes: Partial<MonitorSettings> = {}) =>
  call('monitor.saveSettings', { ...defaultMonitorSettings('training'), enabled: true, ...changes });

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 25 });
  ended = [];
  changes = [];
  progress = [];
  inboxDirectory = path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-monitor-')), 'inbox');
  start();
  await saveMonitor();
  // The monitor plans its first round once it has read its inbox.
  await timer.waitFor((planned) => planned.length === 1);
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

/** Fires the monitor's timer, and waits for the end of the round it started on its own. */
async function scheduledRound(): Promise<MonitorRound> {
  const fired = timer.fireNext();
  const done = await services.monitor.settled();
  if (!done) throw new Error(`The timer fired at ${iso(fired.dueAt)} and no round started.`);
  expect(done).toMatchObject({ trigger: 'schedule', startedAt: iso(fired.dueAt) });
  return done;
}

/** The monitor's status as the Inbox reads it; the next round it shows is one its timer holds. */
async function status() {
  const read = await call('monitor.status', {});
  if (read.nextRoundAt !== null) expect(timer.pending().map((run) => iso(run.dueAt))).toContain(read.nextRoundAt);
  return read;
}

/** Minutes from the last round's start to the next round the Inbox shows. */
async function minutesToNextRound(): Promise<number | null> {
  const { round: last, nextRoundAt } = await status();
  return last && nextRoundAt ? (Date.parse(nextRoundAt) - Date.parse(last.startedAt)) / minute : null;
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
    await saveMonitor({ dailyBudgetPercent: 0.5 });
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
    const { budget, nextRoundAt } = await status();
    expect(budget.limitToday).toBe(2);
    expect(budget.usedToday).toBeGreaterThanOrEqual(spent);
    expect(budget.usedToday).toBeLessThanOrEqual(2);
    // The next round is planned for 00:00 UTC.
    expect(nextRoundAt).toBe(iso(Math.ceil(sandboxNow() / (24 * hour)) * 24 * hour));

    // "Check now" the same day asks Codat nothing.
    sandbox.control.clearRequests();
    expect(await round()).toMatchObject({ state: 'stopped_for_budget', requestsUsed: 0 });
    expect(sandbox.control.requests()).toHaveLength(0);

    // The next day, with a larger quota again, the round goes through.
    sandbox.control.advanceClock(24 * hour);
    sandbox.control.setRateLimit({ dailyQuota: 100_000 });
    await saveMonitor();
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
    start(ports.settings);
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

describe('when the monitor checks on its own', () => {
  it('waits a minute after start before its first round, so that the user’s own first requests go first', async () => {
    const firstAt = startedAt + monitorDefaults.startupDelayMs;
    expect(await status()).toMatchObject({ enabled: true, round: null, nextRoundAt: iso(firstAt) });
    expect(timer.advance(monitorDefaults.startupDelayMs - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);

    const first = await scheduledRound();
    expect(first).toMatchObject({ state: 'finished', companiesScanned: 25, startedAt: iso(firstAt) });
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(listPages(25));
    expect(sandbox.control.requests().every((request) => request.at === iso(firstAt))).toBe(true);
  });

  it('checks again "Check every" minutes after the last round started, and plans again when the setting changes', async () => {
    const first = await scheduledRound();
    expect(await minutesToNextRound()).toBe(30);
    // The setting changes 10 minutes later: the next round is still counted from the last one's start.
    expect(timer.advance(10 * minute)).toEqual([]);
    for (const everyMinutes of [15, 60, 240] as const) {
      await saveMonitor({ everyMinutes });
      expect(await minutesToNextRound()).toBe(everyMinutes);
    }

    sandbox.control.clearRequests();
    expect(timer.advance(230 * minute - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    const second = await scheduledRound();
    expect(second.startedAt).toBe(iso(Date.parse(first.startedAt) + 240 * minute));
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(listPages(25));

    await saveMonitor({ everyMinutes: 15 });
    const third = await scheduledRound();
    expect(third.startedAt).toBe(iso(Date.parse(second.startedAt) + 15 * minute));
    expect(await minutesToNextRound()).toBe(15);
  });

  it('backs off after failed rounds, doubling up to 4 hours, says why it failed (after a restart too), and a round that works resets it', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 500 });
    const gaps: Array<number | null> = [];
    for (let n = 0; n < 6; n += 1) {
      expect(await scheduledRound()).toMatchObject({ state: 'failed', companiesScanned: 0, requestsUsed: 0 });
      gaps.push(await minutesToNextRound());
    }
    expect(gaps).toEqual([30, 60, 120, 240, 240, 240]);
    const failedProblem =
      'The round failed before listing any company: An internal error occurred (injected by the sandbox). It will try again.';
    expect((await status()).round).toMatchObject({ state: 'failed', problem: failedProblem });
    expect(
      sandbox.control
        .requests()
        .filter(isListPage)
        .map((request) => request.status),
    ).toEqual(Array(6).fill(500));

    // The Inbox says the same after a restart: the round is kept in the inbox file.
    services.dispose();
    start(ports.settings);
    expect((await status()).round).toMatchObject({ state: 'failed', problem: failedProblem });

    sandbox.control.clearFaults();
    expect(await scheduledRound()).toMatchObject({ state: 'finished', companiesScanned: 25, problem: null });
    expect(await minutesToNextRound()).toBe(30);
  });

  it('waits as long as Codat’s Retry-After asks before the next round', async () => {
    await scheduledRound();
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 3 * 3600, times: 1 });
    const limited = await scheduledRound();
    expect(limited).toMatchObject({ state: 'failed', requestsUsed: 0 });
    expect(limited.problem).toMatch(/^The round failed before listing any company: Rate limit exceeded/);
    expect(sandbox.control.requests().at(-1)?.status).toBe(429);
    expect(await minutesToNextRound()).toBe(180);

    sandbox.control.clearRequests();
    expect(timer.advance(180 * minute - 1)).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    expect(await scheduledRound()).toMatchObject({ state: 'finished', companiesScanned: 25 });
    expect(await minutesToNextRound()).toBe(30);
  });

  it('pauses when the day’s quota is down to the reserve, waits for the reset, and carries on after it', async () => {
    await scheduledRound();
    // Others used the day's quota: 4 000 of 100 000 are left (the reserve is 5 %, 5 000).
    sandbox.control.setRateLimit({ remaining: 4_000 });
    const paused = await scheduledRound();
    expect(paused).toMatchObject({ state: 'paused_for_quota', companiesScanned: pageSize, requestsUsed: 1 });
    expect(paused.problem).toBe(
      `It stopped after ${pageSize} companies of 25 to keep the day's remaining Codat requests for your own work. Nothing it did not see was resolved.`,
    );
    const reset = sandbox.control.rateLimit().resetsAt;
    expect(reset).toBe('2026-06-02T00:00:00.000Z');
    expect(await status()).toMatchObject({ round: { state: 'paused_for_quota' }, nextRoundAt: reset });

    // "Check now" meanwhile asks Codat nothing, and says why.
    sandbox.control.clearRequests();
    expect(await round()).toMatchObject({
      state: 'paused_for_quota',
      requestsUsed: 0,
      problem:
        'Only 3,999 Codat requests are left today, kept for your own work; the monitor checks again when the quota resets.',
    });
    expect(sandbox.control.requests()).toEqual([]);
    expect((await status()).nextRoundAt).toBe(reset);

    // After 00:00 UTC the day's quota is whole again.
    expect(timer.advance(Date.parse(reset) - sandboxNow() - 1)).toEqual([]);
    expect(await scheduledRound()).toMatchObject({ state: 'finished', companiesScanned: 25, startedAt: reset });
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(listPages(25));
  });

  it('brings a snoozed issue back as New when its snooze ends, and tells the pages', async () => {
    await scheduledRound();
    const before = await call('inbox.list', {});
    const key = before.issues[0]!.key;
    const until = sandboxNow() + hour;
    await call('inbox.snooze', { keys: [key], until: iso(until) });
    expect((await call('inbox.list', {})).counts.new).toBe(before.counts.new - 1);
    // With monitoring off only the snooze's end is planned.
    await saveMonitor({ enabled: false });
    expect(await status()).toMatchObject({ enabled: false, nextRoundAt: null });
    expect(timer.pending().map((run) => run.dueAt)).toEqual([until]);

    changes = [];
    const told = new Promise<EventPayload<'inbox.changed'>>((resolve) =>
      services.hub.subscribe((event, payload) => {
        if (event === 'inbox.changed') resolve(payload as EventPayload<'inbox.changed'>);
      }),
    );
    timer.fireNext();
    expect(await told).toEqual({ profileId: 'training', newCount: before.counts.new });
    const back = await issueOf(key);
    expect(back).toMatchObject({ state: 'new', snoozedUntil: null });
    expect(back?.history.map((line) => line.kind)).toEqual(['first_seen', 'snoozed', 'snooze_ended']);
    expect(await status()).toMatchObject({ nextRoundAt: null });
    expect(timer.pending()).toEqual([]);
  });
});

describe('a profile switch while the monitor checks', () => {
  let live: TestSandbox;
  let liveId: string;

  beforeEach(async () => {
    live = await startTestSandbox({ companies: 5 });
    liveId = (
      await call('profiles.save', { name: 'Live', baseUrl: live.url, environment: 'production', apiKey: live.apiKey })
    ).id;
    // The Live profile checks hourly.
    const stored = ports.settings.read();
    ports.settings.write({
      ...stored,
      monitor: {
        ...stored.monitor,
        [liveId]: { ...defaultMonitorSettings('production'), enabled: true, everyMinutes: 60 },
      },
    });
    live.control.clearRequests();
  });
  afterEach(async () => {
    await live.close();
  });

  /** After the switch: the new profile's first round is due at once, asks only its own Codat, and its interval is its own. */
  async function liveGoesOn() {
    sandbox.control.clearRequests();
    const { nextRoundAt } = await status();
    expect(nextRoundAt).toBe(iso(sandboxNow()));
    // Nothing else is planned: no round for the old profile.
    expect(timer.pending().map((run) => iso(run.dueAt))).toEqual([nextRoundAt]);
    const first = await scheduledRound();
    expect(first).toMatchObject({ state: 'finished', companiesScanned: 5 });
    expect(live.control.requests().filter(isListPage)).toHaveLength(1);
    expect(sandbox.control.requests()).toEqual([]);
    expect(await minutesToNextRound()).toBe(60);
  }

  it('stops the old profile’s round quietly, keeps it for that profile, and goes on with the new profile’s', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'GET', hang: true, times: 1 });
    timer.fireNext();
    const running = (await status()).round!;
    expect(running).toMatchObject({ state: 'running', trigger: 'schedule' });
    await expect
      .poll(
        () =>
          sandbox.control
            .requests()
            .filter(isListPage)
            .map((request) => request.status),
        { timeout: 30_000 },
      )
      .toEqual(['hung']);

    progress = [];
    changes = [];
    await call('profiles.activate', { id: liveId });
    const stopped = await services.monitor.settled();
    expect(stopped).toMatchObject({
      roundId: running.roundId,
      state: 'cancelled',
      problem: 'The round was stopped (the profile changed).',
    });
    await liveGoesOn();
    // Nothing of the old round reached the pages after the switch: they show the Live profile now.
    expect(progress.filter((round) => round.roundId === running.roundId)).toEqual([]);
    expect(changes.filter((change) => change.profileId === 'training')).toEqual([]);

    // The training profile's Inbox says what became of its round.
    await call('profiles.activate', { id: 'training' });
    expect((await status()).round).toMatchObject({ roundId: running.roundId, state: 'cancelled' });
  }, 60_000);

  it('answers "Check now" right after the switch with a round of the new profile, not the old one being stopped', async () => {
    sandbox.control.addFault({ path: '/companies', method: 'GET', hang: true, times: 1 });
    timer.fireNext();
    const old = (await status()).round!;
    await expect
      .poll(
        () =>
          sandbox.control
            .requests()
            .filter(isListPage)
            .map((request) => request.status),
        { timeout: 30_000 },
      )
      .toEqual(['hung']);

    await call('profiles.activate', { id: liveId });
    const checking = await call('monitor.checkNow', {});
    expect(checking).toMatchObject({ state: 'running', trigger: 'check_now' });
    expect(checking.roundId).not.toBe(old.roundId);
    expect(await services.monitor.settled()).toMatchObject({
      roundId: checking.roundId,
      state: 'finished',
      companiesScanned: 5,
    });
    expect(live.control.requests().filter(isListPage)).toHaveLength(1);
  }, 60_000);

  it('never lets a round that started just before the switch ask the new profile’s Codat for the old profile', async () => {
    const trainingIssuesBefore = (await call('inbox.list', {})).issues;
    timer.fireNext();
    // At once, while the round reads its inbox before its first request (the profile service, as the switcher calls it).
    services.profiles.activate(liveId);
    const stopped = await services.monitor.settled();
    expect(stopped).toMatchObject({ state: 'cancelled', requestsUsed: 0 });
    expect(live.control.requests()).toEqual([]);
    expect(sandbox.control.requests()).toEqual([]);
    await liveGoesOn();

    await call('profiles.activate', { id: 'training' });
    expect((await call('inbox.list', {})).issues).toEqual(trainingIssuesBefore);
    expect((await status()).round).toMatchObject({ state: 'cancelled' });
  });
});
