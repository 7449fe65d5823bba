/**
 * The one-accounting-connection rule when Linkdesk cannot tell a platform's source type: the platform is not in
 * the cached catalogue (Codat added it since, or its record could not be read). Linkdesk does not guess either
 * way: it asks Codat, which enforces the rule, and passes Codat's refusal on in Codat's words, with its
 * correlation ID, and records it in the audit trail.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMainServices } from '@main/composition';
import { scenarioNames } from '@sandbox/seed';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

let sandbox: TestSandbox;
let attempt: <N extends OperationName>(
  operation: N,
  input: OperationInput<N>,
) => Promise<{ ok: true; value: OperationOutput<N> } | { ok: false; error: BridgeError }>;
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
  // Xero (an accounting platform) is missing from the catalogue the console fetches and caches.
  sandbox.control.addFault({
    path: '/integrations',
    method: 'GET',
    rewrite: [{ at: 'results[key=gbol]', remove: true }],
  });
  const services = createMainServices(testPorts(sandbox));
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  attempt = (operation, input) => dispatch(operation, input, { frameUrl: null }) as never;
  call = async (operation, input) => {
    const result = await attempt(operation, input);
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value;
  };
  const catalog = await call('integrations.list', {});
  expect(catalog.integrations.map((card) => card.key)).not.toContain('gbol');
  expect(catalog.integrations.map((card) => card.key)).toContain('qhyg');
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.clearRequests());

const connectionCreates = () =>
  sandbox.control.requests().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/connections'));

it('a second accounting platform missing from the catalogue is refused by Codat, in its words, and audited', async () => {
  const companyId = sandbox.companyId(scenarioNames.syncFailing); // has QuickBooks Online (accounting)
  await call('companies.get', { companyId, fresh: true });
  sandbox.control.clearRequests();

  const refused = await attempt('connections.create', { companyId, platformKey: 'gbol' });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'codat',
      status: 400,
      message: expect.stringMatching(/^A company can have only one accounting connection\. .*QuickBooks Online/),
      correlationId: expect.stringMatching(/^[0-9a-f]{32}$/),
    },
  });
  expect(connectionCreates()).toHaveLength(1); // asked once: a 400 is not retried
  expect((await sandbox.call('GET', `/companies/${companyId}/connections`)).body.results).toHaveLength(1);

  const { records } = await call('audit.list', { action: 'connection.create' });
  expect(records.at(0)).toMatchObject({
    target: { companyId, platformName: 'gbol' },
    result: { ok: false, status: 400, correlationId: !refused.ok ? refused.error.correlationId : 'none' },
  });
});

it('the same platform for a company without an accounting connection is created: not knowing is no refusal', async () => {
  const companyId = sandbox.companyId(scenarioNames.noConnections);
  const connection = await call('connections.create', { companyId, platformKey: 'gbol' });
  expect(connection).toMatchObject({ integrationKey: 'gbol', status: 'PendingAuth' });
  expect(connectionCreates()).toHaveLength(1);
});
