/** `npm run bench`: runs the benchmarks, prints a table and writes bench/results.json. Never part of npm test. */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { benchBranding } from './branding';
import { benchBridge } from './bridge';
import { benchClients } from './client';
import { benchFollowUps } from './followups';
import { benchFollowUpsPage } from './followups-page';
import { benchFunnel } from './funnel';
import { benchHealth } from './health';
import { benchMonitor } from './monitor';
import { benchRenderer } from './renderer';
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
const monitor = await benchMonitor(10_000);
const clients = await benchClients(10_000);
const bridge = await benchBridge(100_000);
const renderer = await benchRenderer(25_000);
const branding = await benchBranding();
const followUps = await benchFollowUps(500);
const funnel = benchFunnel(5000);
const followUpsPage = await benchFollowUpsPage(5000);
const run = (r: { finished: boolean; ms: number; requests: number }) =>
  r.finished ? `${round(r.ms / 1000, 2)} s, ${r.requests} requests` : `did not finish (${r.requests} requests)`;
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
  [
    'Monitor, 10 000 companies: first round / nothing changed / 1 % of connections changed (requests, time)',
    `${monitor.first.requests} (${round(monitor.first.ms / 1000)} s) / ${monitor.unchanged.requests} (${round(monitor.unchanged.ms / 1000)} s; ${monitor.unchanged.listPages} list pages) / ${monitor.onePercentChanged.requests} (${round(monitor.onePercentChanged.ms / 1000)} s; ${monitor.onePercentChanged.listPages} list pages + ${monitor.onePercentChanged.requests - monitor.onePercentChanged.listPages} for ${monitor.changedCompanies} changed companies)`,
  ],
  ['… each next to a naive full rescan', `${monitor.naiveRequests} requests / ${round(monitor.naiveMs / 1000)} s`],
  ['Scan requests saved against naive', `${round((1 - health.scanRequests / health.naiveRequests) * 100)} %`],
  ['List 10 000 companies: our client / official SDK', `${run(clients.ours)} / ${run(clients.sdk)}`],
  ['… with 429 bursts (5 × Retry-After 1 s): ours / SDK', `${run(clients.oursWith429)} / ${run(clients.sdkWith429)}`],
  ['Onboarding requests: new customer (minimum 3)', `${bridge.newCustomerRequests}`],
  ['Onboarding requests: existing customer (minimum 2)', `${bridge.existingCustomerRequests}`],
  [
    `Search over ${bridge.companies.toLocaleString('en')} companies, p50 / p95: bridge vs direct`,
    `${round(bridge.searchBridgeP50Ms)} / ${round(bridge.searchBridgeP95Ms)} ms vs ${round(bridge.searchDirectP50Ms)} / ${round(bridge.searchDirectP95Ms)} ms (bridge overhead ${round(bridge.searchBridgeP50Ms - bridge.searchDirectP50Ms)} ms at p50)`,
  ],
  [
    'Renderer bundle (JS + CSS, gzip): loaded at start / in all (the rest, the command palette, on first use)',
    `${round(renderer.initialGzipKiB)} / ${round(renderer.bundleGzipKiB)} KiB`,
  ],
  ['Time until the Companies list is usable (Chromium, web host)', `${renderer.timeToUsableMs} ms`],
  [
    `JS heap with the Health page showing ${renderer.healthIssues.toLocaleString('en')} issues`,
    `${round(renderer.heapMiBWithHealthRows)} MiB`,
  ],
  ['Dropped frames while scrolling them for 2 s', `${renderer.droppedFrames} of ${renderer.scrollFrames}`],
  [
    `Branding cache miss (${branding.integrations} integrations): time / Codat requests`,
    `${round(branding.missMs, 0)} ms / ${branding.missRequests} requests (${branding.images} images, ${round(branding.cacheKiB)} KiB on disk)`,
  ],
  [
    'Branding cache hit after a restart: time / Codat requests',
    `${round(branding.hitAfterRestartMs)} ms / ${branding.hitRequests} requests`,
  ],
  [
    'Sanitising one SVG in the worker: first (starts it, loads jsdom) / p50 after',
    `${round(branding.sanitiseFirstMs, 0)} ms / ${round(branding.sanitiseP50Ms, 2)} ms`,
  ],
  ['Shape check of a 512 KB SVG on main, p50', `${round(branding.shapeCheckP50Ms, 2)} ms`],
  [
    'app.info via the bridge, p50 / worst: idle; during a branding cache miss; the same with 3 hostile logos',
    `${round(branding.bridgeIdleP50Ms)} / ${round(branding.bridgeIdleWorstMs)} ms; ${round(branding.bridgePlainMissP50Ms)} / ${round(branding.bridgePlainMissWorstMs)} ms; ${round(branding.bridgeHostileP50Ms)} / ${round(branding.bridgeHostileWorstMs)} ms (miss ${round(branding.hostileMissMs / 1000)} s, ${branding.hostileRefused} logos refused)`,
  ],
  [
    '… the same logos sanitised on main, as before the worker: worst',
    `${round(branding.bridgeOnMainWorstMs, 0)} ms (sanitising took ${round(branding.onMainSanitiseMs / 1000)} s)`,
  ],
  [
    `Follow-up check of ${followUps.handOvers} open hand-overs: Codat requests / time`,
    `${followUps.requestsPerCheck} requests / ${round(followUps.checkMs, 0)} ms`,
  ],
  [
    `Link completion funnel of ${funnel.handOvers.toLocaleString('en')} past hand-overs: first / p50 / p95`,
    `${round(funnel.firstMs)} / ${round(funnel.p50Ms)} / ${round(funnel.p95Ms)} ms`,
  ],
  [
    `Follow-ups page, ${followUpsPage.handOvers.toLocaleString('en')} past hand-overs (${followUpsPage.rowsShown.toLocaleString('en')} rows shown): click until the first group / Link completion is painted, median of ${followUpsPage.runs}`,
    `${round(followUpsPage.firstGroupMs, 0)} / ${round(followUpsPage.completionMs, 0)} ms (longest task ${round(followUpsPage.longestTaskMs, 0)} ms)`,
  ],
  [
    '… Link completion by platform; longest task while it stands still for 12 s',
    `${round(followUpsPage.byPlatformMs, 0)} ms; ${round(followUpsPage.idleLongestTaskMs, 0)} ms (${followUpsPage.idleLongTasks} tasks over 50 ms)`,
  ],
  [
    'Follow-ups chunks loaded when first opened (JS + CSS, gzip): page / Link completion with its chart',
    `${round(followUpsPage.pageChunkGzipKiB)} / ${round(followUpsPage.completionChunkGzipKiB)} KiB`,
  ],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
await writeFile(
  new URL('./results.json', import.meta.url),
  JSON.stringify(
    { machine, sandbox, health, monitor, clients, bridge, renderer, branding, followUps, funnel, followUpsPage },
    null,
    2,
  ) + '\n',
);
console.log('Wrote bench/results.json');
