/**
 * Sandbox figures: start-up time with 100 000 seeded companies, type-ahead search latency, and requests per
 * second for a cheap call. Prints a table and returns the figures for bench/results.json.
 */
import { performance } from 'node:perf_hooks';
import { startSandbox } from '@sandbox/server';
import { percentile, typeAheadWords } from './typing';

export interface SandboxBench {
  startupMs: number;
  companies: number;
  searchP50Ms: number;
  searchP95Ms: number;
  firstPageP50Ms: number;
  requestsPerSecond: number;
  heapMiB: number;
}

export async function benchSandbox(companies = 100_000): Promise<SandboxBench> {
  const began = performance.now();
  const sandbox = await startSandbox({ companies, seed: 7, clock: { start: '2026-06-01T09:00:00Z', speed: 0 } });
  const startupMs = performance.now() - began;
  const headers = { Authorization: sandbox.authorization };
  const timed = async (path: string) => {
    const start = performance.now();
    const response = await fetch(`${sandbox.url}${path}`, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} -> ${response.status}`);
    return performance.now() - start;
  };
  try {
    // Type-ahead: the prefixes an account manager types, one request per keystroke.
    const search: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const word of typeAheadWords)
        search.push(await timed(`/companies?page=1&pageSize=20&query=${encodeURIComponent(`name~${word}`)}`));
    }
    const firstPage: number[] = [];
    for (let i = 0; i < 20; i += 1) firstPage.push(await timed('/companies?page=1&pageSize=100'));
    // Throughput: 8 concurrent clients on a cheap endpoint for a fixed number of requests.
    const total = 4000;
    let sent = 0;
    const throughputStart = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < total) {
          sent += 1;
          await timed('/profile');
        }
      }),
    );
    const requestsPerSecond = total / ((performance.now() - throughputStart) / 1000);
    return {
      startupMs,
      companies,
      searchP50Ms: percentile(search, 50),
      searchP95Ms: percentile(search, 95),
      firstPageP50Ms: percentile(firstPage, 50),
      requestsPerSecond,
      heapMiB: process.memoryUsage().heapUsed / 1024 / 1024,
    };
  } finally {
    await sandbox.close();
  }
}
