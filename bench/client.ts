/**
 * Our Codat client against the official SDK (@codat/platform) on the same sandbox, in the same process run:
 * listing 10 000 companies (100 pages of 100); the same with every 20th request answered 429 (Retry-After 1 s),
 * 5 over the listing; and the same with its third page answered 429 more times in a row than our client retries
 * (does each finish or report, how long, how many requests).
 */
import { CodatPlatform } from '@codat/platform';
import { performance } from 'node:perf_hooks';
import { createCodatApi } from '@main/codat/api';
import { createCodatHttp, defaultRetryPolicy } from '@main/codat/http';
import type { FaultRule } from '@sandbox/faults';
import { startSandbox } from '@sandbox/server';
import { BridgeFailure } from '@shared/result';

export interface ClientRun {
  finished: boolean;
  companies: number;
  ms: number;
  requests: number;
  /** How many of those were answered 429. */
  rateLimited: number;
  error?: string;
  /** Our client's failure: its code, and when it says to try again. */
  code?: string;
  retryAfterMs?: number;
}
export interface ClientBench {
  pageSize: number;
  ours: ClientRun;
  sdk: ClientRun;
  /** Every `every429`th request answered 429 with Retry-After `retryAfterSeconds`. */
  every429: number;
  retryAfterSeconds: number;
  oursWith429: ClientRun;
  sdkWith429: ClientRun;
  /** How many times our client retries a request (then it reports). */
  ourRetries: number;
  /** The third page answered 429 `inARow429` times in a row (Retry-After `retryAfterSeconds`), then normally. */
  inARow429: number;
  oursPastRetries: ClientRun;
  sdkPastRetries: ClientRun;
}

/** More than our client's retries, so it reports rather than waits on. */
const inARow429 = defaultRetryPolicy.retries + 2;
const every429 = 20;
const retryAfterSeconds = 1;

export async function benchClients(companies = 10_000): Promise<ClientBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const ours = createCodatApi(createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey }));
  const sdk = new CodatPlatform({ authHeader: sandbox.authorization, serverURL: sandbox.url });
  const pageSize = 100;

  /** Lists with `list`, under the fault `rule` (a fresh one for each run, so its count starts at zero). */
  async function measure(list: () => Promise<number>, rule?: FaultRule): Promise<ClientRun> {
    sandbox.control.clearFaults();
    if (rule) sandbox.control.addFault(rule);
    sandbox.control.clearRequests();
    const began = performance.now();
    const counts = () => {
      const requests = sandbox.control.requests();
      return { requests: requests.length, rateLimited: requests.filter((entry) => entry.status === 429).length };
    };
    try {
      const count = await list();
      return { finished: true, companies: count, ms: performance.now() - began, ...counts() };
    } catch (error) {
      return {
        finished: false,
        companies: 0,
        ms: performance.now() - began,
        ...counts(),
        error: error instanceof Error ? error.message.slice(0, 120) : String(error),
        ...(error instanceof BridgeFailure
          ? {
              code: error.error.code,
              ...(error.error.retryAfterMs !== undefined ? { retryAfterMs: error.error.retryAfterMs } : {}),
            }
          : {}),
      };
    } finally {
      sandbox.control.clearFaults();
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
  const spread429: FaultRule = {
    path: '/companies',
    method: 'GET',
    status: 429,
    retryAfterSeconds,
    every: every429,
  };
  const pastRetries429: FaultRule = {
    path: '/companies',
    method: 'GET',
    query: { page: '3' },
    status: 429,
    retryAfterSeconds,
    times: inARow429,
  };
  try {
    // Warm both (and the sandbox) first, so neither pays for the other's JIT.
    await listOurs();
    await listSdk();
    return {
      pageSize,
      ours: await measure(listOurs),
      sdk: await measure(listSdk),
      every429,
      retryAfterSeconds,
      oursWith429: await measure(listOurs, spread429),
      sdkWith429: await measure(listSdk, spread429),
      ourRetries: defaultRetryPolicy.retries,
      inARow429,
      oursPastRetries: await measure(listOurs, pastRetries429),
      sdkPastRetries: await measure(listSdk, pastRetries429),
    };
  } finally {
    await sandbox.close();
  }
}
