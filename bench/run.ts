/** `npm run bench`: runs the benchmarks, prints a table and writes bench/results.json. Never part of npm test. */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
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
const rows: Array<[string, string]> = [
  ['Sandbox start-up, 100 000 companies', `${round(sandbox.startupMs, 0)} ms`],
  ['Type-ahead search (name~…), p50 / p95', `${round(sandbox.searchP50Ms)} / ${round(sandbox.searchP95Ms)} ms`],
  ['First page of companies (100), p50', `${round(sandbox.firstPageP50Ms)} ms`],
  ['Requests per second (GET /profile, 8 clients)', `${round(sandbox.requestsPerSecond, 0)}`],
  ['Heap after the run', `${round(sandbox.heapMiB, 0)} MiB`],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
await writeFile(new URL('./results.json', import.meta.url), JSON.stringify({ machine, sandbox }, null, 2) + '\n');
console.log('Wrote bench/results.json');
