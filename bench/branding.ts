/**
 * The branding cache and the SVG sanitiser, as production runs them: the consoles are the built web host
 * (`out/main/web.js`, each in its own process, as `npm run web` starts it) and the sanitiser's worker is the built
 * `out/main/svg-worker.js`, never the TypeScript through tsx. Run `npm run build` first.
 *
 * Against the sandbox's 32 integrations: a cache miss in a fresh console (list + every platform's branding + image
 * downloads and checks; its sanitiser's worker starts during it), a hit from disk in a restarted console, and what
 * sanitising one SVG costs. Then how long a bridge call waits: idle, during a cache miss, during a cache miss in
 * which three platforms serve hostile logos (refused by the worker's time limit), and, for comparison, while the
 * same logos are sanitised on main's thread as they were before the worker (a console in this process, from source:
 * that way of working is no longer built).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createSvgSanitiser, maxImageBytes, svgShapeProblem } from '@main/branding/images';
import { sanitiseSvgHere } from '@main/branding/svg-sanitiser';
import { lettermarkSvg } from '@sandbox/lettermark';
import { startSandbox, type SandboxHandle } from '@sandbox/server';
import { startConsoleWebHost } from '@web/host';
import { startWebHostProcess } from '../test/e2e/web-host-process';
import { monitorOffDataDir, webHostBridge } from './console';
import { percentile } from './typing';

export interface BrandingBench {
  integrations: number;
  /** Through the bridge of a fresh built console, whose worker starts during the miss. */
  missMs: number;
  missRequests: number;
  hitAfterRestartMs: number;
  hitRequests: number;
  cacheKiB: number;
  images: number;
  /** The first SVG: the built worker starts and loads jsdom (off main's thread). */
  sanitiseFirstMs: number;
  /** Each after, through the built worker. */
  sanitiseP50Ms: number;
  /** Main's own cost per SVG: the shape check of a 512 KB file. */
  shapeCheckP50Ms: number;
  /** `app.info` through the bridge of a built console in its own process, due every 20 ms. */
  bridgeIdleP50Ms: number;
  bridgeIdleWorstMs: number;
  /** … during a branding cache miss (the baseline for the next) … */
  bridgePlainMissP50Ms: number;
  bridgePlainMissWorstMs: number;
  /** … during a cache miss in which three platforms' logos are hostile (each stopped at the worker's time limit). */
  bridgeHostileP50Ms: number;
  bridgeHostileWorstMs: number;
  hostileMissMs: number;
  hostileRefused: number;
  /** … while the same three logos are sanitised on main's thread, as before the worker (a console from source here). */
  bridgeOnMainWorstMs: number;
  onMainSanitiseMs: number;
}

/**
 * Logos that pass the shape check but take jsdom seconds (DOMPurify parses as HTML, where `<div/>` is not
 * self-closing, misnested formatting elements are re-opened, and unknown attributes are removed one by one).
 */
const svgStart = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="1" height="1"/>';
const hostileLogos = [
  `${svgStart}${'<div/>'.repeat(4_000)}</svg>`,
  `${svgStart}${'<b/><i/><u/><s/>'.repeat(1_000)}</svg>`,
  `${svgStart}<rect ${Array.from({ length: 30_000 }, (_, n) => `x${n}=""`).join(' ')}/></svg>`,
];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Latencies of `call`, due every 20 ms until `busy` settles (at least `atLeast` of them), each measured from when it
 * was due. A call that falls due while the console's main thread is blocked waits for it, as a renderer's call
 * would: its answer waits (a console in another process), or its sending does too (the console in this process).
 */
async function sampleWhile(busy: Promise<unknown>, call: () => Promise<unknown>, atLeast = 1): Promise<number[]> {
  let done = false;
  void busy.finally(() => (done = true)).catch(() => undefined);
  const samples: number[] = [];
  let due = performance.now();
  while (!done || samples.length < atLeast) {
    const wait = due - performance.now();
    if (wait > 0) await pause(wait);
    await call();
    samples.push(performance.now() - due);
    due = Math.max(due + 20, performance.now());
  }
  return samples;
}

const builtWorker = path.resolve('out/main/svg-worker.js');

/** A built console (`out/main/web.js`) in its own process, on `dataDir`, with the sandbox as its training profile. */
async function builtConsole(name: string, sandbox: SandboxHandle, dataDir: string) {
  const host = await startWebHostProcess(`bench-${name}`, {
    dataDir,
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
  const bridge = webHostBridge(host);
  // After main was blocked for seconds, the server may close an idle keep-alive connection as the call is sent
  // on it: the call is then sent again (its latency still counts from when it was due).
  const appInfo = () => bridge('app.info', {}).catch(() => bridge('app.info', {}));
  const listing = () =>
    bridge('integrations.list', {}) as Promise<{ integrations: Array<{ key: string; brandingNote?: string }> }>;
  return { host, appInfo, listing };
}

export async function benchBranding(): Promise<BrandingBench> {
  if (!existsSync(builtWorker)) throw new Error(`No ${builtWorker}: run npm run build first.`);
  const sanitiser = createSvgSanitiser({ workerFile: pathToFileURL(builtWorker) });
  const sanitise = async (svg: string) => {
    const result = await sanitiser.sanitise(svg);
    if (!result.ok) throw new Error(result.problem);
  };
  let started = performance.now();
  await sanitise(lettermarkSvg({ key: 'gbol', name: 'Xero', variant: 'full' }));
  const sanitiseFirstMs = performance.now() - started;
  const timings: number[] = [];
  for (const variant of ['full', 'square', 'button', 'buttonHover'] as const) {
    for (const key of ['gbol', 'qhyg', 'fztf', 'suuo', 'akxx']) {
      const svg = lettermarkSvg({ key, name: `Platform ${key}`, variant });
      const at = performance.now();
      await sanitise(svg);
      timings.push(performance.now() - at);
    }
  }
  await sanitiser.close();

  const largest = `${svgStart}${'<path d="M0 0L10 10 20 30 40 50 60 70Z" fill="#123456"/>'.repeat(4_900)}`;
  const shapeSvg = largest.padEnd(maxImageBytes - '</svg>'.length, ' ') + '</svg>';
  const shapeTimings: number[] = [];
  for (let round = 0; round < 20; round++) {
    const at = performance.now();
    if (svgShapeProblem(shapeSvg) !== null) throw new Error('the largest allowed SVG should pass the shape check');
    shapeTimings.push(performance.now() - at);
  }

  const sandbox = await startSandbox({ companies: 10, seed: 7, clock: { speed: 0 } });
  try {
    const dataDir = monitorOffDataDir('branding');
    const first = await builtConsole('branding-miss', sandbox, dataDir);
    sandbox.control.clearRequests();
    started = performance.now();
    const miss = await first.listing();
    const missMs = performance.now() - started;
    const missRequests = sandbox.control.requests().length;
    await first.host.stop();

    const restarted = await builtConsole('branding-hit', sandbox, dataDir);
    sandbox.control.clearRequests();
    started = performance.now();
    await restarted.listing();
    const hitAfterRestartMs = performance.now() - started;
    const hitRequests = sandbox.control.requests().length;
    await restarted.host.stop();

    const imagesDir = path.join(dataDir, 'branding', 'images');
    const files = readdirSync(imagesDir);
    const bytes = files.reduce((sum, file) => sum + statSync(path.join(imagesDir, file)).size, 0);

    const latency = await benchBridgeLatency(sandbox);
    return {
      integrations: miss.integrations.length,
      missMs,
      missRequests,
      hitAfterRestartMs,
      hitRequests,
      cacheKiB: bytes / 1024,
      images: files.length,
      sanitiseFirstMs,
      sanitiseP50Ms: percentile(timings, 50),
      shapeCheckP50Ms: percentile(shapeTimings, 50),
      ...latency,
    };
  } finally {
    await sandbox.close();
  }
}

async function benchBridgeLatency(sandbox: SandboxHandle) {
  // Two fresh consoles: for each, its first listing is a branding cache miss.
  const plain = await builtConsole('branding-plain', sandbox, monitorOffDataDir('branding-plain'));
  const hostileConsole = await builtConsole('branding-hostile', sandbox, monitorOffDataDir('branding-hostile'));
  // As before the worker: a console in this process, whose main thread is this one.
  const inProcess = await startConsoleWebHost({
    port: 0,
    rendererDir: path.resolve('out/renderer'),
    version: 'bench',
    dataDir: monitorOffDataDir('branding-on-main'),
    training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
  });
  const inProcessBridge = webHostBridge(inProcess);
  const inProcessAppInfo = () => inProcessBridge('app.info', {}).catch(() => inProcessBridge('app.info', {}));
  try {
    const idle = await sampleWhile(pause(2_000), plain.appInfo);
    const plainMiss = await sampleWhile(plain.listing(), plain.appInfo);

    // The same cache miss, with three platforms' full logos hostile.
    ['gbol', 'qhyg', 'fztf'].forEach((key, n) =>
      sandbox.control.setBrandingImage(key, 'full.svg', {
        contentType: 'image/svg+xml',
        body: Buffer.from(hostileLogos[n]!),
      }),
    );
    let started = performance.now();
    const listing = hostileConsole.listing();
    const hostile = await sampleWhile(listing, hostileConsole.appInfo);
    const hostileMissMs = performance.now() - started;
    const refused = (await listing).integrations.filter((item) =>
      item.brandingNote?.includes('the SVG took too long to make safe'),
    ).length;
    sandbox.control.clearBrandingImages();

    // As before the worker: the same logos sanitised on main's thread (jsdom loaded first, as it was by then).
    await sanitiseSvgHere(lettermarkSvg({ key: 'gbol', name: 'Xero', variant: 'full' }));
    started = performance.now();
    const onMain = (async () => {
      await pause(100);
      for (const logo of hostileLogos) {
        await sanitiseSvgHere(logo);
        await pause(0);
      }
    })();
    const onMainSamples = await sampleWhile(onMain, inProcessAppInfo, 2);
    const onMainSanitiseMs = performance.now() - started;

    return {
      bridgeIdleP50Ms: percentile(idle, 50),
      bridgeIdleWorstMs: Math.max(...idle),
      bridgePlainMissP50Ms: percentile(plainMiss, 50),
      bridgePlainMissWorstMs: Math.max(...plainMiss),
      bridgeHostileP50Ms: percentile(hostile, 50),
      bridgeHostileWorstMs: Math.max(...hostile),
      hostileMissMs,
      hostileRefused: refused,
      bridgeOnMainWorstMs: Math.max(...onMainSamples),
      onMainSanitiseMs,
    };
  } finally {
    await plain.host.stop();
    await hostileConsole.host.stop();
    await inProcess.close();
  }
}
