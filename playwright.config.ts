import { defineConfig } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser); flags this locked-down machine needs. */
export const chromiumLaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/artifacts',
  reporter: process.env['CI'] ? [['line']] : [['list']],
  workers: 2,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'web', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
