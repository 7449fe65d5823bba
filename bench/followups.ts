/**
 * One follow-up check of many open hand-overs against the sandbox: how many Codat requests it costs (the company
 * list answer carries each company's connections, so one request covers up to 49 hand-overs), and how long it takes.
 */
import { performance } from 'node:perf_hooks';
import { createMainServices } from '@main/composition';
import { testPorts } from '@support/ports';
import { startSandbox } from '@sandbox/server';

export interface FollowUpBench {
  handOvers: number;
  requestsPerCheck: number;
  checkMs: number;
}

export async function benchFollowUps(handOvers = 500): Promise<FollowUpBench> {
  const sandbox = await startSandbox({ companies: 5, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const services = createMainServices(
    testPorts(sandbox, { userName: 'bench', now: () => Date.parse(sandbox.control.now()) }),
    { followUpTimer: { set: () => null, clear: () => undefined } },
  );
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  const call = async (operation: string, input: unknown) => {
    const result = await dispatch(operation, input, { frameUrl: null });
    if (!result.ok) throw new Error(`${operation}: ${result.error.message}`);
    return result.value as { id: string };
  };
  try {
    for (let n = 0; n < handOvers; n += 1) {
      const company = await call('companies.create', { customerId: `Bench Follow-up ${n}` });
      const connection = await call('connections.create', { companyId: company.id, platformKey: 'gbol' });
      await call('followups.record', { companyId: company.id, connectionId: connection.id, how: 'copied' });
    }
    sandbox.control.clearRequests();
    const began = performance.now();
    const report = await services.followUps.checkNow();
    const checkMs = performance.now() - began;
    if (report.checked !== handOvers || report.problem) throw new Error(`The check failed: ${report.problem}`);
    return { handOvers, requestsPerCheck: sandbox.control.requests().length, checkMs };
  } finally {
    services.dispose();
    await sandbox.close();
  }
}
