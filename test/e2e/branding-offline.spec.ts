/**
 * Branding offline: load the integrations, stop the Codat sandbox, reload (and restart the console on the same
 * data folder): every logo still renders from the disk cache, nothing is loaded from another host, the status
 * bar and the pages say offline, and the onboarding picker still shows its logos. When Codat is back the cache
 * catches up in the background.
 */
import type { Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { expect, test } from './fixtures';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let sandbox: TestSandbox;
let host: WebHostProcess;

test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
  host = await startWebHostProcess('web-host-branding-offline', {
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
});
test.afterAll(async () => {
  await host?.stop();
  await sandbox?.close();
});

/** Every image on the page: loaded, with pixels that are neither all transparent nor all one colour. */
async function blankImages(page: Page): Promise<string[]> {
  return page.evaluate(`(async () => {
    const images = Array.from(document.querySelectorAll('main img'));
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const blank = [];
    for (const image of images) {
      if (!image.complete || image.naturalWidth === 0) { blank.push(image.currentSrc + ' did not load'); continue; }
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let i = 0; i < pixels.length && colours.size < 2; i += 4) {
        if (pixels[i + 3] > 0) colours.add(pixels[i] + ',' + pixels[i + 1] + ',' + pixels[i + 2] + ',' + pixels[i + 3]);
      }
      if (colours.size < 2) blank.push(image.currentSrc + ' is blank');
    }
    return blank;
  })()`);
}

async function openIntegrations(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  await expect(page.getByText(/32 integrations/)).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => page.locator('main img').count()).toBeGreaterThanOrEqual(32);
}

/** Records every request the page makes that leaves the console's own origin. */
function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

test('cached logos render offline, after a reload and after a restart, and the console says it is offline', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const foreign = foreignRequests(page, host.origin);
  await openIntegrations(page, host.url);
  expect(await blankImages(page)).toEqual([]);
  const imageCount = await page.locator('main img').count();

  // Open a company (and its picker's data) while Codat is there.
  const companyId = sandbox.companyId(scenarioNames.noConnections);
  await page.goto(`${host.origin}/#/companies/${companyId}`);
  await expect(page.getByRole('button', { name: 'Connect platform' })).toBeVisible();

  await sandbox.close();

  // The picker, opened after Codat went away: every logo from the cache, and it says so.
  await page.getByRole('button', { name: 'Connect platform' }).click();
  const picker = page.getByRole('dialog');
  await expect(picker.getByText(/Offline — cached/)).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' }).getByRole('status')).toHaveText('Offline');
  const pickerImages = picker.locator('img');
  await expect.poll(() => pickerImages.count()).toBeGreaterThanOrEqual(25);
  expect(
    await pickerImages.evaluateAll(
      (images) =>
        images.filter(
          (image) => !(image as HTMLImageElement).complete || (image as HTMLImageElement).naturalWidth === 0,
        ).length,
    ),
  ).toBe(0);
  await page.keyboard.press('Escape');

  // A reload with Codat gone.
  await openIntegrations(page, `${host.origin}/`);
  await expect(page.getByRole('contentinfo', { name: 'Status' }).getByRole('status')).toHaveText('Offline');
  await expect(page.getByText(/Offline — cached/).first()).toBeVisible();
  expect(await page.locator('main img').count()).toBe(imageCount);
  expect(await blankImages(page)).toEqual([]);
  expect(foreign).toEqual([]);

  // A restart of the console on the same data folder, in a fresh browser: only the disk cache is left.
  await host.stop();
  host = await startWebHostProcess('web-host-branding-offline-restarted', {
    dataDir: host.dataDir,
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const freshForeign = foreignRequests(fresh, host.origin);
  await openIntegrations(fresh, host.url);
  await expect(fresh.getByRole('contentinfo', { name: 'Status' }).getByRole('status')).toHaveText('Offline');
  await expect(fresh.getByText(/Offline — cached/).first()).toBeVisible();
  expect(await fresh.locator('main img').count()).toBe(imageCount);
  expect(await blankImages(fresh)).toEqual([]);
  expect(freshForeign).toEqual([]);

  // Codat is back on the same address: the console notices by itself and says online again.
  sandbox = await startTestSandbox({ companies: 20, port: Number(new URL(sandbox.url).port), apiKey: sandbox.apiKey });
  await expect(fresh.getByRole('contentinfo', { name: 'Status' }).getByRole('status')).toHaveText('Online', {
    timeout: 30_000,
  });
  await expect(fresh.getByText(/Offline — cached/)).toHaveCount(0);
  // …and fetches the branding again in the background, without anyone asking.
  await expect
    .poll(
      () => sandbox.control.requests().filter((entry) => /^\/integrations\/\w+\/branding$/.test(entry.path)).length,
      {
        timeout: 20_000,
      },
    )
    .toBe(32);
  await context.close();
});
