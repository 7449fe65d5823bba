import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { SandboxOptions } from '@sandbox/server';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { requestWebHost, resolveLocalhostNamesToLoopback } from '@support/web-host-client';
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

/** One web host per spec file at a time: files expect a fresh console, even when one worker runs them all. */
interface OwnHosts {
  forFile(file: string): Promise<WebHostProcess>;
  stop(): Promise<void>;
}

function ownHostsOfWorker(workerIndex: number): OwnHosts {
  let current: { file: string; host: WebHostProcess } | null = null;
  return {
    async forFile(file) {
      if (current?.file === file) return current.host;
      await current?.host.stop();
      current = null;
      const host = await startWebHostProcess(`web-host-worker-${workerIndex}-${path.basename(file, '.spec.ts')}`);
      current = { file, host };
      // Start its training sandbox now, as the shared host's has been by earlier tests: a spec should not time
      // its first steps against the sandbox's start-up on a busy machine. (No quota: an unauthenticated HEAD.)
      await requestWebHost(`${host.origin}/bridge/codat.checkConnectivity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-linkdesk-token': host.token },
        body: '{}',
      });
      return host;
    },
    async stop() {
      await current?.host.stop();
      current = null;
    },
  };
}

/** What the built-in training sandbox holds (src/main/platform/node): 200 companies, seed 7, on real time. */
export const trainingWorld: SandboxOptions = { companies: 200, seed: 7, clock: { speed: 1 } };

export const test = base.extend<
  {
    consolePage: Page;
    ownHost: WebHostProcess;
    ownConsolePage: Page;
    sandboxOptions: SandboxOptions;
    /** `sandboxHost`'s main runs on a clock the test moves on (`sandboxHost.advanceClock`). */
    shiftableMainClock: boolean;
    sandbox: TestSandbox;
    sandboxHost: WebHostProcess;
    sandboxConsolePage: Page;
    /**
     * Moves time on for the sandbox, main (`shiftableMainClock` must be set) and the page together. Requesting it
     * installs Playwright's clock in `sandboxConsolePage` before the app starts again, so all its timers use it.
     */
    passTime: (ms: number) => Promise<void>;
  },
  { ownHosts: OwnHosts }
>({
  /** A page signed in to the shared console, waiting until the host has answered. */
  consolePage: async ({ page }, use) => {
    await signIn(page, webHost.url);
    await use(page);
  },
  ownHosts: [
    async ({}, use, workerInfo) => {
      const hosts = ownHostsOfWorker(workerInfo.workerIndex);
      await use(hosts);
      await hosts.stop();
    },
    { scope: 'worker' },
  ],
  /** A web host of this spec file's own, for specs that change settings or data. */
  ownHost: async ({ ownHosts }, use, testInfo) => {
    await use(await ownHosts.forFile(testInfo.file));
  },
  ownConsolePage: async ({ page, ownHost }, use) => {
    await signIn(page, ownHost.url);
    await use(page);
  },
  /** How `sandbox` is seeded: `test.use({ sandboxOptions: { … } })`. By default the training sandbox's world. */
  sandboxOptions: [trainingWorld, { option: true }],
  shiftableMainClock: [false, { option: true }],
  /**
   * A sandbox of this test's own, for a test that needs Codat to misbehave (faults, a spent quota, odd branding,
   * going away). Each test gets a fresh one and a fresh console on it: main keeps Codat's answers for a minute
   * and a rescan reuses earlier closer looks, so nothing an earlier test did may answer for this one.
   */
  sandbox: async ({ sandboxOptions }, use) => {
    const sandbox = await startTestSandbox(sandboxOptions);
    await use(sandbox);
    await sandbox.close(); // also when the test closed it already
  },
  sandboxHost: async ({ sandbox, shiftableMainClock }, use, testInfo) => {
    const host = await startWebHostProcess(`web-host-${path.basename(testInfo.file, '.spec.ts')}-${testInfo.testId}`, {
      args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
      shiftableClock: shiftableMainClock,
    });
    await use(host);
    await host.stop();
  },
  sandboxConsolePage: async ({ page, sandboxHost }, use) => {
    await signIn(page, sandboxHost.url);
    await use(page);
  },
  passTime: async ({ sandboxConsolePage: page, sandboxHost, sandbox, shiftableMainClock }, use) => {
    if (!shiftableMainClock) throw new Error('passTime needs test.use({ shiftableMainClock: true }).');
    await page.clock.install();
    await page.reload();
    await use(async (ms) => {
      sandbox.control.advanceClock(ms);
      await sandboxHost.advanceClock(ms);
      await page.clock.fastForward(ms);
    });
  },
});

export { expect };
