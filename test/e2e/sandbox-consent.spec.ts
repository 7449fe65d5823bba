/** The sandbox's customer pages in a real browser: what a trainee playing the customer sees and clicks. */
import { expect, test } from '@playwright/test';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 15 });
});
test.afterAll(() => sandbox.close());

test('the customer authorises on the consent page and the connection is Linked', async ({ page }) => {
  const { body: company } = await sandbox.call('POST', '/companies', { name: 'Browser Bakery Ltd' });
  const { body: connection } = await sandbox.call('POST', `/companies/${company.id}/connections`, {
    platformKey: 'qhyg',
  });
  await page.goto(connection.linkUrl);
  await expect(page.getByRole('heading', { name: 'Connect QuickBooks Online' })).toBeVisible();
  await expect(page.getByText('Browser Bakery Ltd is asking for read access')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sandbox-consent.png' });
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
  const after = await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`);
  expect(after.body.status).toBe('Linked');
  // Opening the link again shows the connection as connected, not a second consent form.
  await page.goto(connection.linkUrl);
  await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Authorise' })).toHaveCount(0);
});

test('the customer cancels, and the connection records it', async ({ page }) => {
  const { body: company } = await sandbox.call('POST', '/companies', { name: 'Cancelling Cafe Ltd' });
  const { body: connection } = await sandbox.call('POST', `/companies/${company.id}/connections`, {
    platformKey: 'gbol',
  });
  await page.goto(connection.linkUrl);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'You cancelled' })).toBeVisible();
  const after = await sandbox.call('GET', `/companies/${company.id}/connections/${connection.id}`);
  expect(after.body.dataConnectionErrors[0]).toMatchObject({ statusCode: '403', errorMessage: 'User cancelled' });
});

test('the company link lets the customer pick a platform, then consent', async ({ page }) => {
  const { body: company } = await sandbox.call('POST', '/companies', { name: 'Picking Pottery Ltd' });
  await page.goto(company.redirect);
  await expect(page.getByRole('heading', { name: 'Connect your software' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Banking' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sandbox-picker.png', fullPage: true });
  await page.getByRole('button', { name: 'Xero', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Connect Xero' })).toBeVisible();
  await page.getByRole('button', { name: 'Fail' }).click();
  await expect(page.getByRole('heading', { name: 'The platform refused the connection' })).toBeVisible();
  const connections = (await sandbox.call('GET', `/companies/${company.id}/connections`)).body.results;
  expect(connections).toHaveLength(1);
  expect(connections[0]).toMatchObject({ integrationKey: 'gbol', status: 'PendingAuth' });
  expect(connections[0].dataConnectionErrors).toHaveLength(1);
});
