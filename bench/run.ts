/**
 * `npm run bench`: runs the benchmarks, writes bench/results.json and prints README › Performance made from it
 * (bench/table.ts). Needs `npm run build` first (the built renderer, web host and SVG worker). Never part of npm test.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { benchBranding } from './branding';
import { benchBridge } from './bridge';
import { benchBundle } from './bundle';
import { benchClients } from './client';
import { chromiumVersion } from './console';
import { benchFollowUps } from './followups';
import { benchFollowUpsPage } from './followups-page';
import { benchFunnel } from './funnel';
import { benchHealth } from './health';
import { benchMonitor } from './monitor';
import { benchRenderer } from './renderer';
import { benchSandbox } from './sandbox';
import { performanceSection, resultsFile, type BenchResults } from './table';

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const loadAverage = () => os.loadavg().map((value) => round(value, 2));

const date = new Date().toISOString();
const loadAtStart = loadAverage();
const bundle = benchBundle();
const sandbox = await benchSandbox(100_000);
const health = await benchHealth(10_000);
const monitor = await benchMonitor(10_000);
const clients = await benchClients(10_000);
const bridge = await benchBridge(100_000);
const renderer = await benchRenderer(25_000);
const branding = await benchBranding();
const followUps = await benchFollowUps(500);
const funnel = benchFunnel(5000);
const followUpsPage = await benchFollowUpsPage(5000);

const results: BenchResults = {
  machine: {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    chromium: chromiumVersion(),
    date,
    endDate: new Date().toISOString(),
    loadAtStart,
    loadAtEnd: loadAverage(),
  },
  sandbox,
  health,
  monitor,
  clients,
  bridge,
  bundle,
  renderer,
  branding,
  followUps,
  funnel,
  followUpsPage,
};
// As Prettier lays it out, so the file passes the project's format check as written.
const resultsPath = fileURLToPath(resultsFile);
const layout = await resolveConfig(resultsPath);
await writeFile(resultsFile, await format(JSON.stringify(results, null, 2), { ...layout, filepath: resultsPath }));
console.log(performanceSection(results));
console.log('\nWrote bench/results.json. `npx tsx bench/table.ts --write` puts this table into README.md.');
