/**
 * Values Codat adds later, seen in the console: the sandbox's rewrite fault makes Xero's source type "Payroll", a
 * connection "Suspended" and a pull "Throttled". Each page renders, shows the value as unknown, and shows the rest.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { platforms } from '@sandbox/catalog';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let sandbox: TestSandbox;
let host: WebHostProcess;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 30 });
});
test.afterAll(() => sandbox.close());
// A console of each test's own: main keeps Codat's answers for a minute, and a list an earlier test fetched
// without the rewrite must not answer for this one.
test.beforeEach(async () => {
  sandbox.control.clearFaults();
  host = await startWebHostProcess('web-host-forward-compat', {
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
});
test.afterEach(() => host.stop());
test.use({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });

async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${where}: ${violation.id} at ${node.target.join(' ')}`),
  );
  expect(found).toEqual([]);
}

test('the Integrations page lists a platform whose source type Linkdesk does not know, as such, with all the others', async ({
  page,
}) => {
  sandbox.control.addFault({
    path: '/integrations',
    method: 'GET',
    rewrite: [{ at: 'results[key=gbol].sourceType', value: 'Payroll' }],
  });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  const total = platforms.length;
  await expect(page.getByText(`Showing ${total} of ${total}`)).toBeVisible({ timeout: 20_000 });
  const catalogue = page.getByRole('tabpanel', { name: 'Catalogue' });
  const xero = catalogue.getByRole('article', { name: 'Xero', exact: true });
  await expect(xero).toContainText('Unknown type: Payroll');
  await expect(catalogue.getByRole('article', { name: 'QuickBooks Online', exact: true })).toContainText('Accounting');

  await page.getByRole('combobox', { name: 'Source type' }).selectOption({ label: 'Unknown type: Payroll' });
  await expect(page.getByText(`Showing 1 of ${total}`)).toBeVisible();
  await expect(catalogue.getByRole('article')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/forward-compat-integrations.png' });
});

test('a company whose connection and pull statuses Linkdesk does not know: the view, the diagnosis and the sync status say so', async ({
  page,
}) => {
  const companyId = sandbox.companyId(scenarioNames.healthy);
  // The list (which the console keeps for a minute) and the company itself say so alike.
  sandbox.control.addFault({
    path: '/companies',
    method: 'GET',
    rewrite: [{ at: `results[id=${companyId}].dataConnections[integrationKey=gbol].status`, value: 'Suspended' }],
  });
  sandbox.control.addFault({
    path: `/companies/${companyId}`,
    method: 'GET',
    rewrite: [{ at: 'dataConnections[integrationKey=gbol].status', value: 'Suspended' }],
  });
  sandbox.control.addFault({
    path: `/companies/${companyId}/connections/*`,
    method: 'GET',
    rewrite: [{ at: 'status', value: 'Suspended' }],
  });
  sandbox.control.addFault({
    path: `/companies/${companyId}/dataStatus`,
    method: 'GET',
    rewrite: [{ at: 'invoices.currentStatus', value: 'Throttled' }],
  });

  await page.goto(host.url);
  await page.goto(`${host.origin}/#/companies/${companyId}`);
  await expect(page.getByRole('heading', { level: 1, name: scenarioNames.healthy })).toBeVisible();
  const xero = page.getByRole('article', { name: 'Xero' });
  await expect(xero).toContainText('Unknown status: Suspended');
  await expect(page.getByRole('article', { name: 'Plaid' })).toContainText('Linked');

  const investigate = page.getByRole('region', { name: 'Investigate' });
  await investigate.getByRole('tab', { name: 'Diagnosis', exact: true }).click();
  const diagnosis = page.getByRole('tabpanel', { name: 'Diagnosis' });
  const issues = diagnosis.getByRole('article', { name: 'Status Linkdesk does not know' });
  await expect(issues).toHaveCount(2);
  await expect(issues.filter({ hasText: 'Suspended' })).toHaveCount(1);
  await expect(issues.filter({ hasText: 'Throttled' })).toHaveCount(1);
  await expectNoAxeViolations(page, 'diagnosis with unknown statuses');

  await investigate.getByRole('tab', { name: 'Sync status', exact: true }).click();
  const sync = page.getByRole('tabpanel', { name: 'Sync status' });
  const invoices = sync.getByRole('row').filter({ has: page.getByRole('button', { name: 'Refresh invoices' }) });
  await expect(invoices.getByRole('cell').first()).toHaveText('Unknown status: Throttled');
  await expect(sync.getByText(/1 in a status Linkdesk does not know/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/forward-compat-company.png' });
});

test('a company record Codat sends in an unexpected shape is left out of the list, and the list says so', async ({
  page,
}) => {
  const broken = sandbox.companyId(scenarioNames.unlinked);
  sandbox.control.addFault({
    path: '/companies',
    method: 'GET',
    rewrite: [{ at: `results[id=${broken}].redirect`, value: 42 }],
  });
  await page.goto(host.url);
  const search = page.getByRole('searchbox', { name: 'Search companies' });
  await search.fill('Scenario');
  await expect(page.getByRole('option', { name: new RegExp(scenarioNames.healthy) })).toBeVisible();
  await expect(page.getByRole('option', { name: new RegExp(scenarioNames.unlinked) })).toHaveCount(0);
  await expect(page.getByText('1 company Codat listed could not be read, so it is not shown.')).toBeVisible();
});
