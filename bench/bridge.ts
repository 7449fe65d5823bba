/**
 * Through the web host, as the console does: onboarding's Codat requests for a new and an existing customer
 * (against the minimum of 3 and 2), and type-ahead search latency through the bridge against a direct HTTP call
 * to the same sandbox, over 100 000 companies. Both sides run here, in the same process run.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '@sandbox/server';
import { percentile, typeAheadWords } from './typing';
import { startConsoleWebHost } from '@web/host';
import { monitorOffDataDir, webHostBridge } from './console';

export interface BridgeBench {
  newCustomerRequests: number;
  existingCustomerRequests: number;
  searchBridgeP50Ms: number;
  searchBridgeP95Ms: number;
  searchDirectP50Ms: number;
  searchDirectP95Ms: number;
  companies: number;
}

export async function benchBridge(companies = 100_000): Promise<BridgeBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const host = await startConsoleWebHost({
    port: 0,
    rendererDir: path.resolve('out/renderer'),
    version: 'bench',
    dataDir: monitorOffDataDir('bridge'),
    training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
  });
  const callBridge = webHostBridge(host);
  const bridge = async (operation: string, input: object) =>
    (await callBridge(operation, input)) as Record<string, unknown>;
  try {
    await bridge('integrations.list', {}); // the console's cache is warm by the time a customer calls
    sandbox.control.clearRequests();
    const customerId = `Bench Customer ${Date.now()}`;
    await bridge('companies.search', { text: customerId });
    const company = (await bridge('companies.create', { customerId })) as { id: string };
    await bridge('companies.get', { companyId: company.id });
    await bridge('connections.create', { companyId: company.id, platformKey: 'qhyg' });
    const newCustomerRequests = sandbox.control.requests().length;

    sandbox.control.clearRequests();
    const found = (await bridge('companies.search', { text: 'Scenario - No Connections' })) as {
      results: Array<{ id: string }>;
    };
    await bridge('companies.get', { companyId: found.results[0]!.id });
    await bridge('connections.create', { companyId: found.results[0]!.id, platformKey: 'gbol' });
    const existingCustomerRequests = sandbox.control.requests().length;

    const viaBridge: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (const word of typeAheadWords) {
        let began = performance.now();
        await bridge('companies.search', { text: word, pageSize: 100 });
        viaBridge.push(performance.now() - began);
        began = performance.now();
        const response = await fetch(
          `${sandbox.url}/companies?page=1&pageSize=100&query=${encodeURIComponent(`name~${word}`)}`,
          {
            headers: { Authorization: sandbox.authorization },
          },
        );
        await response.arrayBuffer();
        direct.push(performance.now() - began);
      }
    }
    return {
      companies,
      newCustomerRequests,
      existingCustomerRequests,
      searchBridgeP50Ms: percentile(viaBridge, 50),
      searchBridgeP95Ms: percentile(viaBridge, 95),
      searchDirectP50Ms: percentile(direct, 50),
      searchDirectP95Ms: percentile(direct, 95),
    };
  } finally {
    await host.close();
    await sandbox.close();
  }
}
