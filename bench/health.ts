/**
 * The health scan of 10 000 sandbox companies: requests and time, against the naive approach of reading
 * every company's connections and data status one by one. Both run here, in the same process run.
 */
import { performance } from 'node:perf_hooks';
import { createCodatApi } from '@main/codat/api';
import { createCodatHttp } from '@main/codat/http';
import { createMainServices } from '@main/composition';
import { testPorts } from '@support/ports';
import { startSandbox, type SandboxHandle } from '@sandbox/server';

export interface HealthBench {
  companies: number;
  scanMs: number;
  scanRequests: number;
  /** Of those, pages of the company list (the rest are closer looks at single companies). */
  scanListPages: number;
  closerLooks: number;
  issues: number;
  rescanMs: number;
  rescanRequests: number;
  naiveMs: number;
  naiveRequests: number;
}

/** The naive way: every company, then its connections and its data status, one request each. */
export async function naiveScan(sandbox: SandboxHandle): Promise<{ ms: number; requests: number }> {
  const before = sandbox.control.requests().length;
  const api = createCodatApi(createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey }));
  const began = performance.now();
  const ids: string[] = [];
  for await (const page of api.pages((n) => api.listCompanies({ page: n, pageSize: 100 })))
    ids.push(...page.results.map((c) => c.id));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await api.listConnections(id);
        await api.dataStatus(id);
      }
    }),
  );
  return { ms: performance.now() - began, requests: sandbox.control.requests().length - before };
}

export async function benchHealth(companies = 10_000): Promise<HealthBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  try {
    const services = createMainServices(testPorts(sandbox, { userName: 'bench' }));
    await services.handlers['integrations.list']({});
    const scan = async () => {
      sandbox.control.clearRequests();
      const began = performance.now();
      services.scans.start();
      await services.scans.settled();
      const ms = performance.now() - began;
      const results = services.scans.results();
      const requests = sandbox.control.requests();
      const listPages = requests.filter((request) => /^\/companies\?/.test(request.path)).length;
      return { ms, requests: requests.length, listPages, results };
    };
    const first = await scan();
    const again = await scan();

    sandbox.control.clearRequests();
    const naive = await naiveScan(sandbox);
    services.dispose();
    return {
      companies,
      scanMs: first.ms,
      scanRequests: first.requests,
      scanListPages: first.listPages,
      closerLooks: first.results?.scan.closerLooks ?? 0,
      issues: first.results?.issues.length ?? 0,
      rescanMs: again.ms,
      rescanRequests: again.requests,
      naiveMs: naive.ms,
      naiveRequests: naive.requests,
    };
  } finally {
    await sandbox.close();
  }
}
