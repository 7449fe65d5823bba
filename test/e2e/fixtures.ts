import { test as base, expect, type Page } from '@playwright/test';
import { resolveLocalhostNamesToLoopback } from '../support/web-host-client';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

// The console answers at a *.localhost name. The browser resolves it itself; Playwright's own requests from
// Node (route.fetch) need the same.
resolveLocalhostNamesToLoopback();

/** The shared web host started by global-setup.ts: for tests that only look. */
export const webHost = {
  get url() {
    return required('LINKDESK_WEB_URL');
  },
  get origin() {
    return required('LINKDESK_WEB_ORIGIN');
  },
  get token() {
    return required('LINKDESK_WEB_TOKEN');
  },
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e global setup did not start the web host.`);
  return value;
}

async function signIn(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Browser console');
}

export const test = base.extend<{ consolePage: Page; ownConsolePage: Page }, { ownHost: WebHostProcess }>({
  /** A page signed in to the shared console, waiting until the host has answered. */
  consolePage: async ({ page }, use) => {
    await signIn(page, webHost.url);
    await use(page);
  },
  /** A web host of this worker's own, for specs that change settings or data. */
  ownHost: [
    async ({}, use, workerInfo) => {
      const host = await startWebHostProcess(`web-host-worker-${workerInfo.workerIndex}`);
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  ownConsolePage: async ({ page, ownHost }, use) => {
    await signIn(page, ownHost.url);
    await use(page);
  },
});
export { expect };
