/**
 * Unlink, then delete, a sandbox connection from the company view, and see both in the audit log with their
 * results; a delete that fails (fault 500) leaves the connection in place, shows Codat's correlation ID, and is
 * logged as a failure; the log's CSV export.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { callBridge } from './bridge';
import { exportCsv, parseCsv } from './csv';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let sandbox: TestSandbox;
let host: WebHostProcess;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 30 });
  host = await startWebHostProcess('web-host-revoke', {
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
});
test.afterAll(async () => {
  await host.stop();
  await sandbox.close();
});

async function openCompany(page: Page, name: string) {
  await page.goto(host.url);
  await page.goto(`${host.origin}/#/companies/${sandbox.companyId(name)}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('unlink then delete a connection; both are in the audit log with their results', async ({ page }) => {
  await openCompany(page, scenarioNames.syncFailing);
  sandbox.control.clearRequests(); // count this test's own requests only
  const card = page.getByRole('article', { name: 'QuickBooks Online' });
  await card.getByRole('button', { name: 'Unlink', exact: true }).click();
  const unlinkDialog = page.getByRole('dialog', { name: 'Unlink QuickBooks Online?' });
  await expect(unlinkDialog).toContainText('Data already synced stays readable');
  // It opens on Cancel, not on the action: Enter alone revokes nothing.
  await expect(unlinkDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectPadded(unlinkDialog);
  await page.screenshot({ path: 'test-results/screenshots/revoke-unlink.png' });
  await page.keyboard.press('Enter');
  await expect(unlinkDialog).toHaveCount(0);
  expect(sandbox.control.requests().filter((entry) => entry.method === 'PATCH')).toEqual([]);
  await card.getByRole('button', { name: 'Unlink', exact: true }).click();
  await unlinkDialog.getByRole('button', { name: 'Unlink connection' }).dblclick();
  await expect(unlinkDialog).toHaveCount(0);
  await expect(card).toContainText('Unlinked');
  expect(sandbox.control.requests().filter((entry) => entry.method === 'PATCH')).toHaveLength(1); // a double-click sends one
  await expect(card.getByRole('button', { name: 'Unlink', exact: true })).toHaveCount(0);
  await expect(card).toContainText('Unlink is for Linked connections; this one is Unlinked.');

  await card.getByRole('button', { name: 'Delete connection' }).click();
  const deleteDialog = page.getByRole('dialog', { name: /Delete the QuickBooks Online connection of/ });
  await expect(deleteDialog).toContainText('This cannot be undone');
  await expect(deleteDialog.getByRole('button', { name: 'Delete connection' })).toBeDisabled();
  await expect(deleteDialog.getByRole('textbox', { name: 'Platform name' })).toBeFocused();
  await expectPadded(deleteDialog);
  await deleteDialog.getByRole('textbox', { name: 'Platform name' }).fill('QuickBooks Online');
  await page.screenshot({ path: 'test-results/screenshots/revoke-delete.png' });
  await deleteDialog.getByRole('button', { name: 'Delete connection' }).click();
  await expect(page.getByRole('article', { name: 'QuickBooks Online' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  // This company's rows only: the other tests here write to the same audit log (a failed delete among them).
  const rows = page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('row')
    .filter({ hasText: scenarioNames.syncFailing });
  await expect(rows.filter({ hasText: 'Connection deleted' })).toContainText('OK');
  await expect(rows.filter({ hasText: 'Connection unlinked' })).toContainText('OK');
  await page.screenshot({ path: 'test-results/screenshots/audit-log.png' });
});

test('a delete that fails leaves the connection, shows the correlation ID, and is logged as failed', async ({
  page,
}) => {
  const companyId = sandbox.companyId(scenarioNames.unlinked);
  await openCompany(page, scenarioNames.unlinked);
  const connectionId = (await sandbox.call('GET', `/companies/${companyId}/connections`)).body.results[0].id as string;
  sandbox.control.addFault({
    path: `/companies/${companyId}/connections/${connectionId}`,
    method: 'DELETE',
    status: 500,
  });
  const card = page.getByRole('article', { name: 'FreeAgent' });
  await card.getByRole('button', { name: 'Delete connection' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete the FreeAgent connection/ });
  await dialog.getByRole('textbox', { name: 'Platform name' }).fill('FreeAgent');
  await dialog.getByRole('button', { name: 'Delete connection' }).click();
  // The client retries a 500 a few times (about 5 s) before it gives up.
  const error = dialog.getByRole('alert');
  await expect(error).toContainText(/Correlation ID [0-9a-f]{32}/, { timeout: 20_000 });
  const correlationId = /Correlation ID ([0-9a-f]{32})/.exec((await error.textContent()) ?? '')?.[1];
  sandbox.control.clearFaults();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: 'FreeAgent' })).toBeVisible();
  expect((await sandbox.call('GET', `/companies/${companyId}/connections`)).body.results).toHaveLength(1);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('combobox', { name: 'Action' }).selectOption('connection.delete');
  const failed = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'Failed' });
  await expect(failed).toContainText(scenarioNames.unlinked);
  await expect(failed).toContainText(correlationId!);
});

test('delete company: More actions is a menu button; the delete asks for the name, opens the list and leaves Recent', async ({
  page,
}) => {
  const companyId = sandbox.companyId(scenarioNames.noConnections);
  // Both opened from the Companies page, so both are in Recent.
  await page.goto(host.url);
  for (const name of [scenarioNames.unlinked, scenarioNames.noConnections]) {
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('searchbox', { name: 'Search companies' }).fill(name);
    await page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  // A menu button: says it opens a menu and whether it is open; arrows, Escape and a click outside work.
  const more = page.getByRole('button', { name: 'More actions' });
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  const deleteItem = menu.getByRole('menuitem', { name: 'Delete company' });
  await expect(deleteItem).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  // It covers nothing below the header: "Connect platform" stays in view and clickable.
  const connect = page.getByRole('button', { name: 'Connect platform' });
  for (const size of [
    { width: 1280, height: 800 },
    { width: 900, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await connect.scrollIntoViewIfNeeded();
    await expect(menu).toBeVisible();
    expect(overlaps(await menu.boundingBox(), await connect.boundingBox())).toBe(false);
  }
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(deleteItem).toBeFocused();
  await page.keyboard.press('End');
  await expect(deleteItem).toBeFocused();
  await page.getByRole('heading', { level: 2, name: 'Connections' }).click(); // outside
  await expect(menu).toHaveCount(0);

  await more.press('Enter');
  await expect(deleteItem).toBeFocused();
  await deleteItem.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Delete ${scenarioNames.noConnections}?` });
  const typed = dialog.getByRole('textbox', { name: 'Company name' });
  await expect(typed).toBeFocused();
  await typed.fill(scenarioNames.noConnections);
  await dialog.getByRole('button', { name: 'Delete company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  expect((await sandbox.call('GET', `/companies/${companyId}`)).status).toBe(404);
  const recent = page.getByRole('listbox', { name: 'Recent companies' });
  await expect(recent.getByRole('option', { name: new RegExp(scenarioNames.unlinked) })).toBeVisible();
  await expect(recent.getByRole('option', { name: new RegExp(scenarioNames.noConnections) })).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(
    page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'Company deleted' }),
  ).toContainText('OK');
});

type Box = { x: number; y: number; width: number; height: number } | null;
function overlaps(a: Box, b: Box): boolean {
  if (!a || !b) throw new Error('not on screen');
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The dialog's content keeps clear of its edges. */
async function expectPadded(dialog: Locator) {
  const frame = await dialog.boundingBox();
  const heading = await dialog.getByRole('heading').first().boundingBox();
  const lastButton = await dialog.getByRole('button', { name: 'Cancel' }).boundingBox();
  if (!frame || !heading || !lastButton) throw new Error('dialog not on screen');
  expect(heading.x - frame.x).toBeGreaterThanOrEqual(16);
  expect(heading.y - frame.y).toBeGreaterThanOrEqual(16);
  expect(frame.y + frame.height - (lastButton.y + lastButton.height)).toBeGreaterThanOrEqual(16);
}

test('the audit log exports as CSV: a header, one row per record, every field quoted, formulas inert', async ({
  page,
}) => {
  await page.goto(host.url);
  // Codat keeps "-", "@", "," and spaces in a name: a spreadsheet would run this one as a formula.
  const name = '-2-3 Harbour, @once';
  const created = await callBridge(page, 'companies.create', { customerId: name });
  if (!created.ok) throw new Error(created.error.message);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('combobox', { name: 'Action' }).selectOption('company.create');
  await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: name })).toContainText(
    'Company created',
  );

  const { fileName, text } = await exportCsv(page);
  expect(fileName).toMatch(/^linkdesk-audit-\d{4}-\d\d-\d\d\.csv$/);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  expect(header).toEqual([
    'Time',
    'User',
    'Profile',
    'Environment',
    'API host',
    'Action',
    'Company',
    'Company ID',
    'Connection ID',
    'Platform',
    'Data type',
    'Detail',
    'Result',
    'Correlation ID',
  ]);
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) expect(record[5]).toBe('Company created');
  const row = records.find((record) => record[7] === created.value.id);
  expect(row).toBeDefined();
  const [time, user, profile, environment, apiHost, , company, , connectionId, platform, , , result] = row ?? [];
  expect(Number.isNaN(Date.parse(time ?? ''))).toBe(false);
  expect(user).not.toBe('');
  expect(profile).not.toBe('');
  expect(environment).not.toBe('');
  expect(apiHost).not.toBe('');
  expect(company).toBe(`'${name}`);
  expect(connectionId).toBe('');
  expect(platform).toBe('');
  expect(result).toBe('OK');
  // Every field quoted, so a separator in a name cannot split it.
  const line = text.split('\r\n').find((candidate) => candidate.includes(created.value.id)) ?? '';
  expect(line).toContain(`,"Company created","'${name}","${created.value.id}","",`);
  expect(line.startsWith('"')).toBe(true);
  expect(line.endsWith('"')).toBe(true);
});
