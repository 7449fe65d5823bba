/**
 * README › Performance, made from bench/results.json, so that no figure there is typed in by hand: the "Latest run"
 * line and the table. `npm run bench` prints it; `npx tsx bench/table.ts` prints it again from the last results, and
 * `npx tsx bench/table.ts --write` puts it into README.md between its bench-table markers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { BrandingBench } from './branding';
import type { BridgeBench } from './bridge';
import type { BundleBench } from './bundle';
import type { ClientBench, ClientRun } from './client';
import type { FollowUpBench } from './followups';
import type { FollowUpsPageBench } from './followups-page';
import type { FunnelBench } from './funnel';
import type { HealthBench } from './health';
import type { MonitorBench } from './monitor';
import type { RendererBench } from './renderer';
import type { SandboxBench } from './sandbox';

export interface Machine {
  cpus: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** `chromium --version`. */
  chromium: string;
  /** When the run started and ended. */
  date: string;
  endDate: string;
  /** os.loadavg() (1, 5 and 15 minutes) when the run started and when it ended. */
  loadAtStart: number[];
  loadAtEnd: number[];
}

export interface BenchResults {
  machine: Machine;
  sandbox: SandboxBench;
  health: HealthBench;
  monitor: MonitorBench;
  clients: ClientBench;
  bridge: BridgeBench;
  bundle: BundleBench;
  renderer: RendererBench;
  branding: BrandingBench;
  followUps: FollowUpBench;
  funnel: FunnelBench;
  followUpsPage: FollowUpsPageBench;
}

export const resultsFile = new URL('./results.json', import.meta.url);
const readmeFile = new URL('../README.md', import.meta.url);
const startMarker = '<!-- bench-table: made by `npx tsx bench/table.ts --write` from bench/results.json -->';
const endMarker = '<!-- /bench-table -->';

/** 12345.6 as "12 346": figures read as the README writes them. */
const whole = (value: number) => Math.round(value).toLocaleString('en').replace(/,/g, ' ');
const fixed = (value: number, digits: number) => value.toFixed(digits);
/** Milliseconds as "640 ms" under a second, "2.1 s" from there ("16 s", never "16." or "16.0"). */
const duration = (ms: number) => (ms < 1000 ? `${whole(ms)} ms` : `${Number(fixed(ms / 1000, ms < 10_000 ? 2 : 1))} s`);
/** Short timings: two significant places under 10 ms. */
const ms = (value: number) => (value < 10 ? fixed(value, 1) : whole(value));
const kib = (value: number) => `${fixed(value, 1)} KiB`;

/** How one listing ended: finished, or what it reported (our client says when to try again). */
function clientRun(run: ClientRun): string {
  const limited = run.rateLimited > 0 ? ` (${run.rateLimited} answered 429)` : '';
  if (run.finished) return `finishes: ${duration(run.ms)}, ${run.requests} requests${limited}`;
  const when = run.retryAfterMs !== undefined ? `, try again in ${fixed(run.retryAfterMs / 1000, 0)} s` : '';
  const what = run.code ? `reports ${run.code}${when}` : `fails (${run.error ?? 'no reason'})`;
  return `${what}, after ${duration(run.ms)}, ${run.requests} requests${limited}`;
}

/** The "Latest run" line. */
export function latestRunLine({ machine }: BenchResults): string {
  const load = (values: number[]) => values.map((value) => fixed(value, 1)).join(' / ');
  return (
    `Latest run: ${machine.cpus} (${machine.platform}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `${machine.chromium}, ${machine.date.slice(0, 16).replace('T', ' ')}–${machine.endDate.slice(11, 16)} UTC. ` +
    `Load average (1 / 5 / 15 min): ${load(machine.loadAtStart)} at the start, ${load(machine.loadAtEnd)} at the end.`
  );
}

/** The table's rows: what was measured, and its figures. */
export function tableRows(results: BenchResults): Array<[string, string]> {
  const { sandbox, health, monitor, clients, bridge, bundle, renderer, branding, followUps, funnel } = results;
  const page = results.followUpsPage;
  const lazy = bundle.onFirstUseGzipKiB;
  const lazyKiB = (name: string) => (lazy[name] === undefined ? 'not built' : kib(lazy[name]));
  const companies = (count: number) => whole(count);
  const perCompanyKiB = (sandbox.heapMiB * 1024) / sandbox.companies;
  return [
    [`Sandbox start-up with ${companies(sandbox.companies)} companies`, duration(sandbox.startupMs)],
    [
      `Sandbox type-ahead (\`name~…\`, pageSize 20) over ${companies(sandbox.companies)} companies, p50 / p95`,
      `${ms(sandbox.searchP50Ms)} / ${ms(sandbox.searchP95Ms)} ms`,
    ],
    ['Sandbox first page of companies (pageSize 100), p50', `${ms(sandbox.firstPageP50Ms)} ms`],
    ['Sandbox requests per second (`GET /profile`, 8 concurrent clients)', whole(sandbox.requestsPerSecond)],
    [
      `Heap of the bench's process holding the sandbox of ${companies(sandbox.companies)} companies`,
      `${whole(sandbox.heapMiB)} MiB (${fixed(perCompanyKiB, 1)} KiB a company)`,
    ],
    [
      `List ${companies(clients.ours.companies)} companies (pages of ${clients.pageSize}): our client / the official SDK`,
      `${duration(clients.ours.ms)}, ${clients.ours.requests} requests / ${duration(clients.sdk.ms)}, ${clients.sdk.requests} requests`,
    ],
    [
      `The same with every ${clients.every429}th request answered 429 (Retry-After ${clients.retryAfterSeconds} s): ours / SDK`,
      `${clientRun(clients.oursWith429)} / ${clientRun(clients.sdkWith429)}`,
    ],
    [
      `The same with page 3's first ${clients.inARow429} requests answered 429 (Retry-After ${clients.retryAfterSeconds} s), more in a row than our client's ${clients.ourRetries} retries: ours / SDK`,
      `${clientRun(clients.oursPastRetries)} / ${clientRun(clients.sdkPastRetries)}`,
    ],
    [
      `Health scan of ${companies(health.companies)} companies`,
      `${whole(health.scanRequests)} requests, ${duration(health.scanMs)} (${health.scanListPages} list pages, then closer looks at ${whole(health.closerLooks)} companies; ${whole(health.issues)} issues)`,
    ],
    ['Rescan with nothing changed', `${whole(health.rescanRequests)} requests, ${duration(health.rescanMs)}`],
    [
      "Naive scan (every company's connections and data status)",
      `${whole(health.naiveRequests)} requests, ${duration(health.naiveMs)}`,
    ],
    [
      `Monitor, ${companies(monitor.companies)} companies: first round / nothing changed / 1 % of connections changed / naive full rescan`,
      `${whole(monitor.first.requests)} requests, ${duration(monitor.first.ms)} / ${whole(monitor.unchanged.requests)} requests, ${duration(monitor.unchanged.ms)} / ${whole(monitor.onePercentChanged.requests)} requests, ${duration(monitor.onePercentChanged.ms)} / ${whole(monitor.naiveRequests)} requests, ${duration(monitor.naiveMs)}`,
    ],
    [
      'Onboarding before the link is on screen: new customer / existing customer (the minimum is 3 / 2)',
      `${bridge.newCustomerRequests} / ${bridge.existingCustomerRequests} Codat requests`,
    ],
    [
      `Search over ${companies(bridge.companies)} companies (pageSize 100), p50 / p95: through the web host's bridge (which asks a second time for words of 4+ letters, forgiving search) vs direct to the sandbox (once)`,
      `${ms(bridge.searchBridgeP50Ms)} / ${ms(bridge.searchBridgeP95Ms)} ms vs ${ms(bridge.searchDirectP50Ms)} / ${ms(bridge.searchDirectP95Ms)} ms`,
    ],
    [
      'Renderer bundle (JS + CSS, gzip): loaded at start / everything',
      `${kib(bundle.atStartGzipKiB)} / ${kib(bundle.allGzipKiB)}`,
    ],
    [
      'Loaded on first use (each chunk’s own JS + CSS, gzip): the command palette / the Follow-ups page / Link completion with its chart / the Inbox',
      `${lazyKiB('CommandPalette')} / ${lazyKiB('FollowUpsPage')} / ${lazyKiB('LinkCompletion')} / ${lazyKiB('InboxPage')}`,
    ],
    ['Time until the Companies list is usable (Chromium, through the web host)', duration(renderer.timeToUsableMs)],
    [
      `JS heap with the Health page showing ${whole(renderer.healthIssues)} issues`,
      `${whole(renderer.heapMiBWithHealthRows)} MiB`,
    ],
    [
      'Dropped frames while scrolling those issues for 2 s (headless)',
      `${renderer.droppedFrames} of ${renderer.scrollFrames}`,
    ],
    [
      `Branding cache miss in a fresh built console, ${branding.integrations} integrations (list + branding + ${branding.images} image downloads, checks and SVG sanitising; its worker starts during it)`,
      `${duration(branding.missMs)}, ${branding.missRequests} Codat requests, ${whole(branding.cacheKiB)} KiB on disk`,
    ],
    [
      'Branding cache hit in a restarted console',
      `${duration(branding.hitAfterRestartMs)}, ${branding.hitRequests} Codat requests`,
    ],
    [
      'Sanitising one SVG in the built worker: the first (starts it, loads jsdom, off main’s thread) / each after, p50',
      `${duration(branding.sanitiseFirstMs)} / ${ms(branding.sanitiseP50Ms)} ms`,
    ],
    ['Shape check of a 512 KB SVG on main, p50', `${fixed(branding.shapeCheckP50Ms, 1)} ms`],
    [
      '`app.info` through a built console’s bridge, p50 / worst: idle; during a branding cache miss; the same miss with 3 hostile logos (each stopped at 5 s)',
      `${ms(branding.bridgeIdleP50Ms)} / ${ms(branding.bridgeIdleWorstMs)} ms; ${ms(branding.bridgePlainMissP50Ms)} / ${ms(branding.bridgePlainMissWorstMs)} ms; ${ms(branding.bridgeHostileP50Ms)} / ${ms(branding.bridgeHostileWorstMs)} ms (${branding.hostileRefused} logos refused, the miss took ${duration(branding.hostileMissMs)})`,
    ],
    [
      'The same 3 hostile logos sanitised on main, as before the worker (a console in the bench’s process): worst `app.info`',
      duration(branding.bridgeOnMainWorstMs),
    ],
    [
      `Follow-up check of ${whole(followUps.handOvers)} open hand-overs`,
      `${followUps.requestsPerCheck} Codat requests, ${duration(followUps.checkMs)}`,
    ],
    [
      `Follow-ups page with ${whole(page.handOvers)} past hand-overs: click until the groups and the Link completion table are drawn (Chromium, median of ${page.runs})`,
      `${duration(page.completionMs)} (${whole(page.rowsShown)} rows shown; longest task ${whole(page.longestTaskMs)} ms)`,
    ],
    [
      `Link completion funnel of ${whole(funnel.handOvers)} hand-overs, p50 / switching "By" to Platform on the page`,
      `${ms(funnel.p50Ms)} ms / ${whole(page.byPlatformMs)} ms`,
    ],
  ];
}

/** The rows as a Markdown table, padded as Prettier pads it. */
export function markdownTable(rows: Array<[string, string]>): string {
  const header: [string, string] = ['figure', 'value'];
  const width = (column: 0 | 1) => Math.max(...[header, ...rows].map((row) => [...row[column]].length));
  const pad = (text: string, column: 0 | 1) => text + ' '.repeat(width(column) - [...text].length);
  const line = (row: [string, string]) => `| ${pad(row[0], 0)} | ${pad(row[1], 1)} |`;
  return [line(header), `| ${'-'.repeat(width(0))} | ${'-'.repeat(width(1))} |`, ...rows.map(line)].join('\n');
}

export function performanceSection(results: BenchResults): string {
  return `${latestRunLine(results)}\n\n${markdownTable(tableRows(results))}`;
}

async function writeIntoReadme(section: string): Promise<void> {
  const readme = await readFile(readmeFile, 'utf8');
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start === -1 || end < start) throw new Error(`README.md has no ${startMarker} … ${endMarker} to fill.`);
  await writeFile(readmeFile, `${readme.slice(0, start + startMarker.length)}\n\n${section}\n\n${readme.slice(end)}`);
}

// `npx tsx bench/table.ts [--write]`: the section from the last results.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as BenchResults;
  const section = performanceSection(results);
  if (process.argv.includes('--write')) {
    await writeIntoReadme(section);
    console.log('Wrote the Performance table into README.md.');
  } else console.log(section);
}
