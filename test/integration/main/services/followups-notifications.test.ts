/**
 * Follow-up reminders as desktop notifications: main's watcher against the sandbox over HTTP, on the sandbox's
 * manual clock, with a notifier that records what the desktop would show. Checks are run by the test.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { NotificationTarget, PlatformPorts } from '@main/ports';
import { createMemorySettingsStore } from '@main/storage/settings';
import type { EventName, EventPayload, OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { actAsCustomer } from '@support/customer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

const minute = 60_000;
const hour = 60 * minute;

interface Shown {
  title: string;
  body: string;
  target: NotificationTarget | undefined;
}

let sandbox: TestSandbox;
let ports: PlatformPorts;
let services: MainServices;
let shown: Shown[];
let changes: Array<EventPayload<'followups.changed'>>;
let desktop: boolean;

function start(): MainServices {
  const started = createMainServices(ports, {
    http: { retry: { retries: 0 } },
    followUpTimer: { set: () => 1, clear: () => undefined },
  });
  started.hub.subscribe((event: EventName, payload) => {
    if (event === 'followups.changed') changes.push(payload as EventPayload<'followups.changed'>);
  });
  return started;
}

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 1 });
  shown = [];
  changes = [];
  desktop = true;
  ports = testPorts(sandbox, {
    notifier: {
      notify: (title, body, target) => {
        if (!desktop) return false;
        shown.push({ title, body, target });
        return true;
      },
    },
    settings: createMemorySettingsStore(),
    followUpsDirectory: path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-notify-')), 'followups'),
    now: () => Date.parse(sandbox.control.now()),
  });
  services = start();
});
afterEach(async () => {
  services.dispose();
  await sandbox.close();
});

async function handOver(name: string) {
  const company = await sandbox.newCompany(name);
  const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
  await call('followups.record', { companyId: company.id, connectionId: connection.id, how: 'copied' });
  return { companyId: company.id, linkUrl: connection.linkUrl };
}

describe('follow-up notifications', () => {
  it('reminds 2 hours before an unused link expires, then says it expired, once each', async () => {
    const acme = await handOver('Acme Ltd');
    await services.followUps.checkNow();
    sandbox.control.advanceClock(22 * hour);
    await services.followUps.checkNow();
    expect(shown).toEqual([
      {
        title: 'The link for Acme Ltd expires in 2 hours and has not been used',
        body: expect.any(String),
        target: { companyId: acme.companyId },
      },
    ]);
    sandbox.control.advanceClock(hour);
    await services.followUps.checkNow();
    expect(shown).toHaveLength(1);

    sandbox.control.advanceClock(hour);
    await services.followUps.checkNow();
    await services.followUps.checkNow();
    expect(shown.map((notice) => notice.title)).toEqual([
      'The link for Acme Ltd expires in 2 hours and has not been used',
      'The link for Acme Ltd expired unused: send a fresh link',
    ]);
    // The page is told main showed it, so it does not show it again.
    expect(changes.at(-1)?.notice).toMatchObject({ title: shown[1]!.title, shownByMain: true });
  });

  it('says the customer linked exactly once, even after more checks and a restart', async () => {
    const acme = await handOver('Acme Ltd');
    sandbox.control.advanceClock(hour);
    await actAsCustomer(acme.linkUrl, 'authorise');
    await services.followUps.checkNow();
    await services.followUps.checkNow();
    expect(shown).toEqual([
      { title: 'Acme Ltd linked Xero', body: expect.any(String), target: { companyId: acme.companyId } },
    ]);

    services.dispose();
    services = start();
    await services.followUps.checkNow();
    await services.followUps.checkNow();
    expect(shown.map((notice) => notice.title)).toEqual(['Acme Ltd linked Xero']);
  });

  it('groups what one check found into one notification that opens the Follow-ups page', async () => {
    const acme = await handOver('Acme Ltd');
    await handOver('Beta Ltd');
    sandbox.control.advanceClock(22 * hour);
    await actAsCustomer(acme.linkUrl, 'authorise');
    await services.followUps.checkNow();
    expect(shown).toEqual([
      {
        title: '2 follow-ups',
        body: 'Acme Ltd linked Xero; Beta Ltd’s link expires in 2 hours',
        target: { page: 'followups' },
      },
    ]);
  });

  it('shows nothing of a kind turned off in the settings', async () => {
    const acme = await handOver('Acme Ltd');
    await handOver('Beta Ltd');
    await call('followups.saveSettings', {
      checkEveryMinutes: 2,
      notify: { linked: true, firstSync: true, expiringSoon: false, expired: true },
    });
    sandbox.control.advanceClock(22 * hour);
    await services.followUps.checkNow();
    expect(shown).toEqual([]);
    expect(changes.at(-1)?.events.map((item) => item.kind)).toEqual(['expiring_soon', 'expiring_soon']);
    expect(changes.at(-1)?.notice ?? null).toBeNull();

    await actAsCustomer(acme.linkUrl, 'authorise');
    await services.followUps.checkNow();
    expect(shown.map((notice) => notice.title)).toEqual(['Acme Ltd linked Xero']);
  });

  it('hands the notice to the page where the host has no desktop notifications (the browser console)', async () => {
    desktop = false;
    await handOver('Acme Ltd');
    sandbox.control.advanceClock(22 * hour);
    await services.followUps.checkNow();
    expect(changes.at(-1)?.notice).toMatchObject({
      title: 'The link for Acme Ltd expires in 2 hours and has not been used',
      shownByMain: false,
    });
  });

  it('tells the page when Codat rate-limits the watcher, when it checks next, and when it can ask again', async () => {
    await handOver('Acme Ltd');
    await services.followUps.checkNow();
    const quiet = changes.length;
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 600 });
    await services.followUps.checkNow();
    expect(changes).toHaveLength(quiet + 1);
    const refused = changes.at(-1)!;
    expect(refused.events).toEqual([]);
    expect(refused.watch).toMatchObject({
      reason: 'rate_limited',
      problem: expect.stringMatching(/could not ask Codat/),
    });
    expect(Date.parse(refused.watch!.nextCheckAt!) - Date.parse(sandbox.control.now())).toBeGreaterThanOrEqual(
      10 * minute,
    );

    sandbox.control.clearFaults();
    sandbox.control.advanceClock(10 * minute);
    await services.followUps.checkNow();
    expect(changes.at(-1)?.watch).toMatchObject({ reason: null, problem: null });
    // Then quiet again: a check that learns nothing says nothing.
    const settled = changes.length;
    await services.followUps.checkNow();
    expect(changes).toHaveLength(settled);
  });
});
