/**
 * The branding cache: a miss (list + every platform's branding + image downloads and checks), a hit from disk in a
 * fresh console (a restart), and what sanitising one SVG costs. Against the sandbox's 32 integrations. Then how
 * long a bridge call waits while hostile logos are processed: idle, during a cache miss in which three platforms
 * serve hostile logos (refused by the worker's time limit), and, for comparison, while the same logos are sanitised on main's thread
 * as they were before the worker.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { maxImageBytes, sanitiseSvg, svgShapeProblem, svgSanitiser } from '@main/branding/images';
import { sanitiseSvgHere } from '@main/branding/svg-sanitiser';
import { createMainServices } from '@main/composition';
import { createRecordingOpener, sessionOnlyVault } from '@main/platform/node';
import { createMemorySettingsStore } from '@main/settings';
import { lettermarkSvg } from '@sandbox/lettermark';
import { startSandbox } from '@sandbox/server';
import { startConsoleWebHost } from '@web/host';
import { requestWebHost } from '@support/web-host-client';
import { percentile } from './typing';

export interface BrandingBench {
  integrations: number;
  missMs: number;
  missRequests: number;
  hitAfterRestartMs: number;
  hitRequests: number;
  cacheKiB: number;
  images: number;
  /** The first SVG: the worker starts and loads jsdom (off main's thread). */
  sanitiseFirstMs: number;
  /** Each after, through the worker. */
  sanitiseP50Ms: number;
  /** Main's own cost per SVG: the shape check of a 512 KB file. */
  shapeCheckP50Ms: number;
  /** `app.info` through the web host's bridge. */
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
  /** … while the same three logos are sanitised on main's thread, as before the worker. */
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
 * was due: the caller shares main's thread here, so a call that falls due while main is blocked waits for it, as a
 * renderer's call would.
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

export async function benchBranding(): Promise<BrandingBench> {
  const sandbox = await startSandbox({ companies: 10, seed: 7, clock: { speed: 0 } });
  const brandingDirectory = mkdtempSync(path.join(tmpdir(), 'linkdesk-bench-branding-'));
  const startConsole = () =>
    createMainServices({
      facts: { name: 'Linkdesk', version: 'bench', platform: process.platform, host: 'web' },
      vault: sessionOnlyVault,
      opener: createRecordingOpener(),
      notifier: { notify: () => false },
      settings: createMemorySettingsStore(),
      training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
      auditDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-bench-audit-')),
      followUpsDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-bench-followups-')),
      inboxDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-bench-inbox-')),
      brandingDirectory,
      userName: 'bench',
    });
  const first = startConsole();
  await svgSanitiser.close(); // measure a cold start, whatever ran before
  const sanitiseStart = performance.now();
  await sanitiseSvg(lettermarkSvg({ key: 'gbol', name: 'Xero', variant: 'full' }));
  const sanitiseFirstMs = performance.now() - sanitiseStart;
  try {
    sandbox.control.clearRequests();
    let started = performance.now();
    const miss = await first.handlers['integrations.list']!({} as never);
    const missMs = performance.now() - started;
    const missRequests = sandbox.control.requests().length;

    const restarted = startConsole();
    sandbox.control.clearRequests();
    started = performance.now();
    await restarted.handlers['integrations.list']!({} as never);
    const hitAfterRestartMs = performance.now() - started;
    const hitRequests = sandbox.control.requests().length;
    first.dispose();
    restarted.dispose();

    const imagesDir = path.join(brandingDirectory, 'images');
    const files = readdirSync(imagesDir);
    const bytes = files.reduce((sum, file) => sum + statSync(path.join(imagesDir, file)).size, 0);

    const timings: number[] = [];
    for (const variant of ['full', 'square', 'button', 'buttonHover'] as const) {
      for (const key of ['gbol', 'qhyg', 'fztf', 'suuo', 'akxx']) {
        const svg = lettermarkSvg({ key, name: `Platform ${key}`, variant });
        const at = performance.now();
        await sanitiseSvg(svg);
        timings.push(performance.now() - at);
      }
    }
    timings.sort((a, b) => a - b);

    const largest = `${svgStart}${'<path d="M0 0L10 10 20 30 40 50 60 70Z" fill="#123456"/>'.repeat(4_900)}`;
    const shapeSvg = largest.padEnd(maxImageBytes - '</svg>'.length, ' ') + '</svg>';
    const shapeTimings: number[] = [];
    for (let round = 0; round < 20; round++) {
      const at = performance.now();
      if (svgShapeProblem(shapeSvg) !== null) throw new Error('the largest allowed SVG should pass the shape check');
      shapeTimings.push(performance.now() - at);
    }

    const latency = await benchBridgeLatency();
    return {
      integrations: (miss as { integrations: unknown[] }).integrations.length,
      missMs,
      missRequests,
      hitAfterRestartMs,
      hitRequests,
      cacheKiB: bytes / 1024,
      images: files.length,
      sanitiseFirstMs,
      sanitiseP50Ms: timings[Math.floor(timings.length / 2)]!,
      shapeCheckP50Ms: percentile(shapeTimings, 50),
      ...latency,
    };
  } finally {
    await sandbox.close();
  }
}

async function benchBridgeLatency() {
  const sandbox = await startSandbox({ companies: 10, seed: 7, clock: { speed: 0 } });
  /** A console over the web host with a fresh data folder: its first listing is a branding cache miss. */
  const startHost = async () => {
    const host = await startConsoleWebHost({
      port: 0,
      rendererDir: path.resolve('out/renderer'),
      version: 'bench',
      dataDir: mkdtempSync(path.join(tmpdir(), 'linkdesk-bench-hostile-')),
      training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
    });
    const bridge = async (operation: string, input: object) => {
      // The host answers only at its *.localhost name, which Node's resolver may not know: see web-host-client.
      const response = await requestWebHost(`${host.origin}/bridge/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-linkdesk-token': host.token },
        body: JSON.stringify(input),
      });
      const answer = response.json() as { ok: boolean; value: unknown; error?: { message: string } };
      if (!answer.ok) throw new Error(`${operation}: ${answer.error?.message}`);
      return answer.value;
    };
    // After main was blocked for seconds, the server may close an idle keep-alive connection as the call is sent
    // on it: the call is then sent again (its latency still counts from when it was due).
    const appInfo = () => bridge('app.info', {}).catch(() => bridge('app.info', {}));
    const listing = () =>
      bridge('integrations.list', {}) as Promise<{ integrations: Array<{ key: string; brandingNote?: string }> }>;
    return { host, appInfo, listing };
  };
  const plain = await startHost();
  const hostileConsole = await startHost();
  try {
    await sanitiseSvg(lettermarkSvg({ key: 'gbol', name: 'Xero', variant: 'full' })); // a running worker
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
    const onMainSamples = await sampleWhile(onMain, plain.appInfo, 2);
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
    await plain.host.close();
    await hostileConsole.host.close();
    await sandbox.close();
  }
}
