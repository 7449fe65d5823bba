/** `npm run bench`: runs the benchmarks, prints a table and writes bench/results.json. Never part of npm test. */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { benchHealth } from './health';
import { benchSandbox } from './sandbox';

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const machine = {
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
};

const sandbox = await benchSandbox(100_000);
const health = await benchHealth(10_000);
const rows: Array<[string, string]> = [
  ['Sandbox start-up, 100 000 companies', `${round(sandbox.startupMs, 0)} ms`],
  ['Type-ahead search (name~…), p50 / p95', `${round(sandbox.searchP50Ms)} / ${round(sandbox.searchP95Ms)} ms`],
  ['First page of companies (100), p50', `${round(sandbox.firstPageP50Ms)} ms`],
  ['Requests per second (GET /profile, 8 clients)', `${round(sandbox.requestsPerSecond, 0)}`],
  ['Heap after the run', `${round(sandbox.heapMiB, 0)} MiB`],
  [
    'Health scan, 10 000 companies: requests / time',
    `${health.scanRequests} requests (${health.closerLooks} closer looks) / ${round(health.scanMs / 1000)} s, ${health.issues} issues`,
  ],
  ['Rescan (nothing changed): requests / time', `${health.rescanRequests} / ${round(health.rescanMs / 1000)} s`],
  [
    'Naive scan (connections + dataStatus per company)',
    `${health.naiveRequests} requests / ${round(health.naiveMs / 1000)} s`,
  ],
  ['Scan requests saved against naive', `${round((1 - health.scanRequests / health.naiveRequests) * 100)} %`],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
await writeFile(
  new URL('./results.json', import.meta.url),
  JSON.stringify({ machine, sandbox, health }, null, 2) + '\n',
);
console.log('Wrote bench/results.json');
