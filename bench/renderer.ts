/**
 * The renderer in Debian's Chromium: time until the Companies list is usable, JS heap after the Health page shows
 * a scan of about 10 000 issues, and dropped frames while scrolling them. (Its size: bundle.ts.)
 */
import { chromium } from '@playwright/test';
import path from 'node:path';
import { startSandbox } from '@sandbox/server';
import { startConsoleWebHost } from '@web/host';
import { chromiumLaunchOptions, monitorOffDataDir } from './console';

export interface RendererBench {
  /** The browser's own version, as Playwright reads it. */
  browserVersion: string;
  timeToUsableMs: number;
  healthIssues: number;
  heapMiBWithHealthRows: number;
  scrollFrames: number;
  droppedFrames: number;
}

const scrollProbe = `new Promise((resolve) => {
  const scroller = document.querySelector('.app-main');
  let last = performance.now();
  const end = last + 2000;
  let frames = 0;
  let dropped = 0;
  const step = (now) => {
    frames += 1;
    if (now - last > 25) dropped += 1;
    last = now;
    scroller.scrollTop += 120;
    if (now < end) requestAnimationFrame(step);
    else resolve({ frames, dropped });
  };
  requestAnimationFrame(step);
})`;

export async function benchRenderer(companies = 25_000): Promise<RendererBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const host = await startConsoleWebHost({
    port: 0,
    rendererDir: path.resolve('out/renderer'),
    version: 'bench',
    dataDir: monitorOffDataDir('renderer'),
    training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const began = Date.now();
    await page.goto(host.url);
    await page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option').first().waitFor();
    const timeToUsableMs = Date.now() - began;

    await page.getByRole('link', { name: 'Health' }).click();
    await page.getByRole('button', { name: 'Scan all companies' }).click();
    await page.getByText(/^Scanned [\d,]+ companies/).waitFor({ timeout: 300_000 });
    const countText = (await page.locator('.issues-count').textContent({ timeout: 60_000 })) ?? '';
    const healthIssues = Number(countText.replace(/[^\d]/g, ''));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

    // Scroll the page for two seconds, a little every frame, counting frames that took more than 1.5 frames.
    // (A script string: this file is type-checked for Node, without the DOM's types.)
    const frames = await page.evaluate<{ frames: number; dropped: number }>(scrollProbe);
    return {
      browserVersion: browser.version(),
      timeToUsableMs,
      healthIssues,
      heapMiBWithHealthRows: heap.usedSize / 1024 / 1024,
      scrollFrames: frames.frames,
      droppedFrames: frames.dropped,
    };
  } finally {
    await browser.close();
    await host.close();
    await sandbox.close();
  }
}
