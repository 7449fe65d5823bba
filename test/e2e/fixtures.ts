import { test as base, expect, type Page } from '@playwright/test';

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

/** A page signed in to the console with this run's token, waiting until the host has answered. */
export const test = base.extend<{ consolePage: Page }>({
  consolePage: async ({ page }, use) => {
    await page.goto(webHost.url);
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Browser console');
    await use(page);
  },
});
export { expect };
