/**
 * What onboarding costs in Codat requests, counted in the sandbox's own request log while a person drives
 * the console: a new customer at most 3 before the link is on screen, an existing one at most 2.
 */
import { expect, test } from '@playwright/test';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let sandbox: TestSandbox;
let host: WebHostProcess;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 200 });
  host = await startWebHostProcess('web-host-economy', {
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
});
test.afterAll(async () => {
  await host.stop();
  await sandbox.close();
});

const codatRequests = () =>
  sandbox.control
    .requests()
    .map((entry) => `${entry.method} ${entry.path.split('?')[0]!.replace(/[0-9a-f-]{36}/g, '{id}')}`);

test.beforeEach(async ({ page }) => {
  // The page lists every company as it opens: count from after that listing has been answered, not during it.
  const firstListing = page.waitForResponse('**/bridge/companies.search');
  await page.goto(host.url);
  await expect(page.getByRole('searchbox', { name: 'Search companies' })).toBeVisible();
  await firstListing;
  await expect(page.getByRole('status').filter({ hasText: /^\d[\d,]* companies$/ })).toBeVisible();
  // Warm the caches an account manager's console already has: the integrations and their logos.
  await page.evaluate(() =>
    fetch('/bridge/integrations.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).then((response) => response.text()),
  );
  sandbox.control.clearRequests();
});

test('a new customer: search, create, connect — 3 requests before the link is on screen', async ({ page }) => {
  const customerId = `C${Date.now()}`;
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(customerId);
  await expect(page.getByText(/No company is named like/)).toBeVisible();
  await page.getByRole('button', { name: 'New company' }).click();
  await expect(page.getByRole('textbox', { name: 'Customer ID' })).toHaveValue(customerId);
  await page.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: customerId })).toBeVisible();
  await page.getByRole('button', { name: 'Connect platform' }).click();
  await page
    .getByRole('dialog', { name: 'Connect a platform' })
    .getByRole('button', { name: 'QuickBooks Online', exact: true })
    .click();
  await expect(page.getByRole('textbox', { name: 'Connection link' })).toHaveValue(/\/start\?otp=\d{6}$/);
  expect(codatRequests()).toEqual(['GET /companies', 'POST /companies', 'POST /companies/{id}/connections']);
});

test('an existing customer: search, connect — 2 requests before the link is on screen', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Scenario - No Connections');
  await expect(page.getByRole('option', { name: /Scenario - No Connections/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search companies' }).press('ArrowDown');
  await page.getByRole('searchbox', { name: 'Search companies' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenario - No Connections' })).toBeVisible();
  await page.getByRole('button', { name: 'Connect platform' }).click();
  await page
    .getByRole('dialog', { name: 'Connect a platform' })
    .getByRole('button', { name: 'Xero', exact: true })
    .click();
  await expect(page.getByRole('textbox', { name: 'Connection link' })).toHaveValue(/\/start\?otp=\d{6}$/);
  expect(codatRequests()).toEqual(['GET /companies', 'POST /companies/{id}/connections']);
});
