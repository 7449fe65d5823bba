/**
 * The branding cache: a miss (list + every platform's branding + image downloads and checks), a hit from disk in a
 * fresh console (a restart), and what sanitising one SVG costs. Against the sandbox's 32 integrations.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sanitiseSvg } from '../src/main/branding/images';
import { createMainServices } from '../src/main/bridge/handlers';
import { createRecordingOpener, sessionOnlyVault } from '../src/main/platform/node';
import { createMemorySettingsStore } from '../src/main/settings';
import { lettermarkSvg } from '../src/sandbox/lettermark';
import { startSandbox } from '../src/sandbox/server';

export interface BrandingBench {
  integrations: number;
  missMs: number;
  missRequests: number;
  hitAfterRestartMs: number;
  hitRequests: number;
  cacheKiB: number;
  images: number;
  sanitiseFirstMs: number;
  sanitiseP50Ms: number;
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
      brandingDirectory,
      userName: 'bench',
    });
  const first = startConsole();
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
    };
  } finally {
    await sandbox.close();
  }
}
