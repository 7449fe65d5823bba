/**
 * Every write the contract declares is recorded in the audit trail by the dispatcher: exactly one record when it
 * works and exactly one when it fails. A new write operation without a case here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { scenarioNames } from '@sandbox/seed';
import {
  auditActionOf,
  operationNames,
  operations,
  type OperationName,
  type ParsedInput,
  type WriteOperationName,
} from '@shared/contract';
import { actAsCustomer } from '@support/customer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
let services: MainServices;
let call: (operation: OperationName, input: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
  services = createMainServices(testPorts(sandbox), { http: { retry: { retries: 0 } } });
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = (operation, input) => dispatch(operation, input, { frameUrl: null }) as never;
});
afterAll(async () => {
  services.dispose();
  await sandbox.close();
});

interface WriteCase {
  /** An input that works; may prepare what it needs first. */
  works(): Promise<unknown>;
  /** Makes the same kind of call fail (a fault in the sandbox, an unknown id); null where nothing can fail it. */
  fails: (() => Promise<unknown>) | null;
}

const fault = (path: string, method: string, status = 500) =>
  sandbox.control.addFault({ path, method, status, times: 1 });
const created = async (name: string) => (await call('companies.create', { customerId: name })).value.id as string;
async function linkedConnection(name: string) {
  const companyId = await created(name);
  const connection = (await call('connections.create', { companyId, platformKey: 'gbol' })).value;
  await actAsCustomer(connection.linkUrl, 'authorise');
  return { companyId, connectionId: connection.id as string };
}

const cases: Record<WriteOperationName, WriteCase> = {
  'profiles.save': {
    works: async () => ({ name: 'Audited', baseUrl: sandbox.url, environment: 'test', apiKey: sandbox.apiKey }),
    fails: async () => ({ name: 'Refused', baseUrl: sandbox.url, environment: 'test', apiKey: 'not-the-key-0000' }),
  },
  'profiles.remove': {
    works: async () => {
      const saved = await call('profiles.save', {
        name: 'To remove',
        baseUrl: sandbox.url,
        environment: 'test',
        apiKey: sandbox.apiKey,
      });
      return { id: saved.value.id };
    },
    fails: async () => ({ id: 'no-such-profile' }),
  },
  'companies.create': {
    works: async () => ({ customerId: 'Audited Create Ltd' }),
    fails: async () => (fault('/companies', 'POST', 402), { customerId: 'Refused Create Ltd' }),
  },
  'companies.delete': {
    works: async () => ({ companyId: await created('Audited Delete Ltd') }),
    fails: async () => {
      const companyId = await created('Refused Delete Ltd');
      fault(`/companies/${companyId}`, 'DELETE');
      return { companyId };
    },
  },
  'connections.create': {
    works: async () => ({ companyId: await created('Audited Connect Ltd'), platformKey: 'gbol' }),
    fails: async () => {
      const companyId = await created('Refused Connect Ltd');
      fault(`/companies/${companyId}/connections`, 'POST', 402);
      return { companyId, platformKey: 'gbol' };
    },
  },
  'connections.unlink': {
    works: async () => linkedConnection('Audited Unlink Ltd'),
    fails: async () => {
      const target = await linkedConnection('Refused Unlink Ltd');
      fault(`/companies/${target.companyId}/connections/${target.connectionId}`, 'PATCH');
      return target;
    },
  },
  'connections.delete': {
    works: async () => linkedConnection('Audited Disconnect Ltd'),
    fails: async () => {
      const target = await linkedConnection('Refused Disconnect Ltd');
      fault(`/companies/${target.companyId}/connections/${target.connectionId}`, 'DELETE');
      return target;
    },
  },
  'data.refreshAll': {
    works: async () => ({ companyId: sandbox.companyId(scenarioNames.healthy) }),
    fails: async () => {
      const companyId = sandbox.companyId(scenarioNames.healthy);
      fault(`/companies/${companyId}/data/all`, 'POST');
      return { companyId };
    },
  },
  'data.refreshDataType': {
    works: async () => ({ companyId: sandbox.companyId(scenarioNames.staleData), dataType: 'invoices' }),
    fails: async () => {
      const companyId = sandbox.companyId(scenarioNames.staleData);
      fault(`/companies/${companyId}/data/queue/invoices`, 'POST');
      return { companyId, dataType: 'invoices' };
    },
  },
  'invites.composed': {
    works: async () => ({ ...(await linkedConnection('Audited Invite Ltd')), how: 'copied' }),
    // Composing an invite changes nothing in Codat: once its input is valid it cannot fail.
    fails: null,
  },
  'followups.freshLink': {
    works: async () => linkedConnection('Audited Fresh Link Ltd'),
    fails: async () => {
      const target = await linkedConnection('Refused Fresh Link Ltd');
      fault(`/companies/${target.companyId}`, 'GET');
      return target;
    },
  },
};

const writes = operationNames.filter((name) => operations[name].effect === 'write') as WriteOperationName[];
const recordCount = async () => (await call('audit.list', {})).value.records.length as number;

describe('audited writes', () => {
  it('has a case for every write the contract declares, and only for writes', () => {
    expect(Object.keys(cases).sort()).toEqual([...writes].sort());
  });

  it.each(writes)('%s leaves exactly one record when it works, and one when it fails', async (operation) => {
    const writeCase = cases[operation];
    const input = await writeCase.works();
    const before = await recordCount();
    const worked = await call(operation, input);
    expect(worked, JSON.stringify(worked.error)).toMatchObject({ ok: true });
    const afterSuccess = (await call('audit.list', {})).value.records;
    expect(afterSuccess).toHaveLength(before + 1);
    expect(afterSuccess[0]).toMatchObject({
      action: auditActionOf(operation, operations[operation].input.parse(input) as ParsedInput<typeof operation>),
      result: { ok: true },
    });

    if (!writeCase.fails) return;
    const failingInput = await writeCase.fails();
    const beforeFailure = await recordCount();
    const failed = await call(operation, failingInput);
    sandbox.control.clearFaults();
    expect(failed.ok).toBe(false);
    const afterFailure = (await call('audit.list', {})).value.records;
    expect(afterFailure).toHaveLength(beforeFailure + 1);
    expect(afterFailure[0]).toMatchObject({ result: { ok: false, code: failed.error.code } });
  });
});
