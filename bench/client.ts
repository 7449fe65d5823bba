/**
 * Our Codat client against the official SDK (@codat/platform) on the same sandbox, in the same process run:
 * listing 10 000 companies, then the same with 429 bursts injected (does each finish, how long, how many requests).
 */
import { CodatPlatform } from '@codat/platform';
import { performance } from 'node:perf_hooks';
import { createCodatApi } from '@main/codat/api';
import { createCodatHttp } from '@main/codat/http';
import { startSandbox } from '@sandbox/server';

export interface ClientRun {
  finished: boolean;
  companies: number;
  ms: number;
  requests: number;
  error?: string;
}
export interface ClientBench {
  ours: ClientRun;
  sdk: ClientRun;
  oursWith429: ClientRun;
  sdkWith429: ClientRun;
}

export async function benchClients(companies = 10_000): Promise<ClientBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const ours = createCodatApi(createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey }));
  const sdk = new CodatPlatform({ authHeader: sandbox.authorization, serverURL: sandbox.url });
  const pageSize = 100;

  async function measure(list: () => Promise<number>): Promise<ClientRun> {
    sandbox.control.clearRequests();
    const began = performance.now();
    try {
      const count = await list();
      return {
        finished: true,
        companies: count,
        ms: performance.now() - began,
        requests: sandbox.control.requests().length,
      };
    } catch (error) {
      return {
        finished: false,
        companies: 0,
        ms: performance.now() - began,
        requests: sandbox.control.requests().length,
        error: error instanceof Error ? error.message.slice(0, 120) : String(error),
      };
    }
  }
  const listOurs = async () => {
    let count = 0;
    for await (const page of ours.pages((n) => ours.listCompanies({ page: n, pageSize }))) count += page.results.length;
    return count;
  };
  const listSdk = async () => {
    let count = 0;
    for (let page = 1; ; page += 1) {
      const result = await sdk.companies.list({ page, pageSize });
      count += result.results?.length ?? 0;
      if (!result.links?.next || (result.results?.length ?? 0) === 0) return count;
    }
  };
  // A burst of rate limiting every 20th request, each telling the client to wait a second.
  const injectBursts = () => {
    for (let page = 2; page <= companies / pageSize; page += 20) {
      sandbox.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 1, times: 1 });
    }
  };
  try {
    // Warm both (and the sandbox) first, so neither pays for the other's JIT.
    await listOurs();
    await listSdk();
    const result: ClientBench = {
      ours: await measure(listOurs),
      sdk: await measure(listSdk),
      oursWith429: { finished: false, companies: 0, ms: 0, requests: 0 },
      sdkWith429: { finished: false, companies: 0, ms: 0, requests: 0 },
    };
    injectBursts();
    result.oursWith429 = await measure(listOurs);
    sandbox.control.clearFaults();
    injectBursts();
    result.sdkWith429 = await measure(listSdk);
    sandbox.control.clearFaults();
    return result;
  } finally {
    await sandbox.close();
  }
}
