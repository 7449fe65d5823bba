/**
 * A `read` changes nothing anyone can tell: the renderer's data layer calls reads by itself and again on events, so a
 * read that started work or changed Linkdesk's state would do so behind the user's back. Every read the contract
 * declares runs here through main's dispatcher, and what a user could see of Linkdesk's state is compared before and
 * after. A new read without a case here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { createRecordingOpener } from '@main/platform/node';
import type { PlatformPorts } from '@main/ports';
import { scenarioNames } from '@sandbox/seed';
import {
  operationNames,
  operations,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type ReadOperationName,
} from '@shared/contract';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
let services: MainServices;
let ports: PlatformPorts;
const opener = createRecordingOpener();
const notifications: string[] = [];
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 8 });
  ports = testPorts(sandbox, {
    opener,
    notifier: { notify: (title) => notifications.push(title) > 0 },
  });
  services = createMainServices(ports, { http: { retry: { retries: 0 } } });
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = async (operation, input) => {
    const result = await dispatch(operation, input, { frameUrl: null });
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value as never;
  };
});
afterAll(async () => {
  services.dispose();
  await sandbox.close();
});

/** What a user could see of Linkdesk's own state, and what it did outside the page. */
async function linkdeskState() {
  return {
    settings: ports.settings.read(),
    auditRecords: (await call('audit.list', {})).records.length,
    handOvers: (await call('followups.list', {})).handOvers,
    inbox: (await call('inbox.list', {})).issues,
    monitorRound: (await call('monitor.status', {})).round,
    scan: await call('health.results', {}),
    opened: [...opener.opened],
    notifications: [...notifications],
  };
}

const healthy = async () => {
  const companyId = sandbox.companyId(scenarioNames.healthy);
  const company = await call('companies.get', { companyId });
  return { companyId, connectionId: company.dataConnections![0]!.id };
};

/** An input that works for each read; may look up what it needs first. */
const reads: { [N in ReadOperationName]: () => Promise<OperationInput<N>> } = {
  'app.info': async () => ({}),
  'profiles.list': async () => ({}),
  'profiles.test': async () => ({ id: 'training' }),
  'companies.search': async () => ({ text: 'Scenario' }),
  'companies.get': async () => ({ companyId: (await healthy()).companyId, fresh: true }),
  'companies.findByName': async () => ({ name: scenarioNames.healthy }),
  'connections.get': healthy,
  'data.status': async () => ({ companyId: (await healthy()).companyId }),
  'data.history': async () => ({ companyId: (await healthy()).companyId }),
  'data.pull': async () => {
    const { companyId } = await healthy();
    const { results } = await call('data.history', { companyId });
    return { companyId, datasetId: results[0]!.id };
  },
  'diagnosis.company': async () => ({ companyId: (await healthy()).companyId }),
  'diagnosis.report': async () => ({ companyId: (await healthy()).companyId }),
  'diagnosis.timeline': healthy,
  'health.results': async () => ({}),
  'health.thresholds': async () => ({}),
  'integrations.list': async () => ({}),
  'integrations.cacheSettings': async () => ({}),
  'invites.settings': async () => ({}),
  'followups.list': async () => ({}),
  'followups.settings': async () => ({}),
  'inbox.list': async () => ({}),
  'monitor.settings': async () => ({}),
  'monitor.status': async () => ({}),
  'audit.list': async () => ({}),
  'codat.checkConnectivity': async () => ({}),
};

const readNames = operationNames.filter((name) => operations[name].effect === 'read') as ReadOperationName[];

describe('reads', () => {
  it('has a case for every read the contract declares, and only for reads', () => {
    expect(Object.keys(reads).sort()).toEqual([...readNames].sort());
  });

  it.each(readNames)('%s changes nothing, however often it runs', async (operation) => {
    const input = await (reads[operation] as () => Promise<OperationInput<typeof operation>>)();
    const before = await linkdeskState();
    await call(operation, input);
    await call(operation, input);
    expect(await linkdeskState()).toEqual(before);
  });

  // The comparison sees each kind of change an act makes, so a read that made one would fail above.
  it.each([
    ['system.openExternal', async () => ({ url: 'https://docs.codat.io/' })],
    ['system.notify', async () => ({ title: 'Hello', body: '' })],
    ['invites.saveSettings', async () => ({ template: { subject: 'Hi {customer}', body: '{link}' }, sender: 'Sam' })],
    ['followups.record', async () => ({ ...(await healthy()), how: 'copied' as const })],
  ] as const)('sees what %s changes', async (operation, input) => {
    const before = await linkdeskState();
    await call(operation, (await input()) as never);
    expect(await linkdeskState()).not.toEqual(before);
  });

  it('sees what health.startScan changes', async () => {
    const before = await linkdeskState();
    const { scanId } = await call('health.startScan', {});
    expect(await linkdeskState()).not.toEqual(before);
    await call('health.cancelScan', { scanId });
  });
});
