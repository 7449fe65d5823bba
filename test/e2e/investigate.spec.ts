/**
 * Customer success investigating one company: the diagnosis, sync status with a live refresh, the pull
 * history, one connection's timeline, and the diagnostic report for a ticket. The training sandbox runs in
 * real time here, so waits are expectations with timeouts, never sleeps.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import type { PullStatus } from '@shared/codat/schemas';
import { isPullErrored } from '@shared/codat/status';
import { companyNamed } from './bridge';
import { expect, test } from './fixtures';

interface CompanyRef {
  id: string;
  name: string;
}

/** The seeded scenario company with this exact name, found as the renderer would, through the bridge. */
const findScenario = (page: Page, name: string): Promise<CompanyRef> => companyNamed(page, name);

async function openCompany(page: Page, name: string): Promise<CompanyRef> {
  const company = await findScenario(page, name);
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return company;
}

const investigate = (page: Page) => page.getByRole('region', { name: 'Investigate' });

async function openTab(page: Page, name: 'Diagnosis' | 'Sync status' | 'History' | 'Timeline') {
  const tab = investigate(page).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel', { name });
}

/** Light and dark, at the state the page is in now, tall enough to show the investigation below the header. */
async function screenshots(page: Page, name: string) {
  const viewport = page.viewportSize();
  // The app scrolls inside its main area, so a full-page shot would not grow: make the window taller instead.
  await page.setViewportSize({ width: 1280, height: 1500 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/investigate-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}

async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${where}: ${violation.id} at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
    ),
  );
  expect(found).toEqual([]);
}

test('opening a company reads nothing for the investigation until a tab is chosen, the next company neither', async ({
  ownConsolePage: page,
}) => {
  const bridgeCalls: string[] = [];
  page.on('request', (request) => {
    const operation = /\/bridge\/([\w.]+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (operation) bridgeCalls.push(operation);
  });
  await openCompany(page, scenarioNames.healthy);
  const tabs = investigate(page).getByRole('tablist');
  await screenshots(page, 'closed');
  await expect(tabs.getByRole('tab')).toHaveText(['Diagnosis', 'Sync status', 'History', 'Timeline']);
  for (const tab of await tabs.getByRole('tab').all()) await expect(tab).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  expect(bridgeCalls.filter((call) => /dataStatus|history|health|timeline|report|pull/.test(call))).toEqual([]);

  // Keyboard: arrows move between tabs, Enter opens one.
  await tabs.getByRole('tab', { name: 'Diagnosis' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'History' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tabs.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'History' }).getByRole('table')).toBeVisible();

  await investigate(page).getByRole('button', { name: 'Close investigation' }).click();
  await expect(page.getByRole('tabpanel')).toHaveCount(0);

  // The next company reads nothing either ("nothing is read until you choose"); the tab used last is where the
  // keyboard lands in the tab list, so Enter opens it.
  bridgeCalls.length = 0;
  await openCompany(page, scenarioNames.staleData);
  const nextTabs = investigate(page).getByRole('tablist');
  for (const tab of await nextTabs.getByRole('tab').all()) await expect(tab).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  await expect(investigate(page)).toContainText('Nothing is read from Codat until you choose.');
  await expect(nextTabs.getByRole('tab', { name: 'History' })).toHaveAttribute('tabindex', '0');
  // The company itself has been read (its heading is up): only the investigation's reads are counted.
  expect(bridgeCalls.filter((call) => /dataStatus|history|health|timeline|report|pull|diagnosis/.test(call))).toEqual(
    [],
  );
  await nextTabs.getByRole('tab', { name: 'History' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel', { name: 'History' }).getByRole('table')).toBeVisible();
});

test('a failing invoices sync: the diagnosis explains it in Codat’s words, and refreshing invoices completes', async ({
  ownConsolePage: page,
}) => {
  test.setTimeout(90_000);
  await openCompany(page, scenarioNames.syncFailing);

  const diagnosis = await openTab(page, 'Diagnosis');
  await expect(diagnosis.getByRole('heading', { name: 'What’s wrong' })).toBeVisible();
  const issue = diagnosis.getByRole('article', { name: 'Sync failing' });
  await expect(issue).toContainText('Warning');
  await expect(issue).toContainText('invoices');
  await expect(issue).toContainText('FetchError');
  await expect(issue).toContainText('The platform returned an error');
  await expect(issue).toContainText('What to do:');
  await expect(issue.getByRole('button', { name: 'Copy dataset ID' })).toBeVisible();
  await expect(issue.getByRole('button', { name: 'Copy connection ID' })).toBeVisible();
  await expectNoAxeViolations(page, 'diagnosis');
  await screenshots(page, 'diagnosis');

  const sync = await openTab(page, 'Sync status');
  const invoices = sync.getByRole('row').filter({ has: page.getByRole('button', { name: 'Refresh invoices' }) });
  await expect(invoices.getByRole('cell').first()).toHaveText('FetchError');
  await expect(sync.getByRole('button', { name: 'Refresh data' })).toBeEnabled();
  await expectNoAxeViolations(page, 'sync status');
  await screenshots(page, 'sync-status');

  // The latest (failed) sync opens as a pull operation with Codat's message.
  await invoices.getByRole('button', { name: /^Latest invoices sync/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull operation' });
  await expect(dialog).toContainText('The platform returned an error while Codat was fetching data');
  await expect(dialog).toContainText('FetchError');
  await expectNoAxeViolations(page, 'pull dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(invoices.getByRole('button', { name: /^Latest invoices sync/ })).toBeFocused();

  // Refresh only invoices: it is queued, followed live (5-second polls), and completes.
  const refresh = invoices.getByRole('button', { name: 'Refresh invoices' });
  await refresh.click();
  await expect(sync.getByRole('status').filter({ hasText: 'queued a new invoices sync' })).toBeVisible();
  await expect(refresh).toBeDisabled();
  await expect(sync.getByText(/A sync is running/)).toBeVisible();
  await screenshots(page, 'sync-status-running');
  await expect(invoices.getByRole('cell').first()).toHaveText('Complete', { timeout: 40_000 });
  await expect(refresh).toBeEnabled();
  await expect(sync.getByText(/A sync is running/)).toHaveCount(0);
});

test('history with “Errors only” lists only failed pulls, newest first, and a row opens its pull operation', async ({
  ownConsolePage: page,
}) => {
  await openCompany(page, scenarioNames.linkedAuthError);
  const history = await openTab(page, 'History');
  const table = history.getByRole('table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const allCount = await table.getByRole('row').count();

  await history.getByRole('checkbox', { name: 'Errors only' }).check();
  await expect(history.getByText(/failed pull operations?, newest first/)).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const statuses = await rows.evaluateAll((elements) =>
    elements.slice(1).map((row) => row.querySelector('td')?.textContent?.trim() ?? ''),
  );
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.length).toBeLessThanOrEqual(allCount);
  for (const status of statuses) expect(isPullErrored(status as PullStatus), status).toBe(true);

  const requested = await table
    .locator('tbody tr td:nth-of-type(2) time')
    .evaluateAll((times) => times.map((time) => Date.parse(time.getAttribute('datetime') ?? '')));
  expect(requested).toEqual([...requested].sort((a, b) => b - a));

  await rows.nth(1).getByRole('cell').last().click();
  const dialog = page.getByRole('dialog', { name: 'Pull operation' });
  await expect(dialog).toContainText('AuthError');
  await expect(dialog).toContainText('Access to the platform has lapsed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expectNoAxeViolations(page, 'history');
  await screenshots(page, 'history-errors');
});

test('a validation error: the pull operation shows Codat’s validation errors and warnings', async ({
  ownConsolePage: page,
}) => {
  await openCompany(page, scenarioNames.validationError);
  const sync = await openTab(page, 'Sync status');
  const invoices = sync.getByRole('row').filter({ has: page.getByRole('button', { name: 'Refresh invoices' }) });
  await expect(invoices.getByRole('cell').first()).toHaveText('ValidationError');
  await invoices.getByRole('button', { name: /^Latest invoices sync/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull operation' });
  const results = dialog.getByRole('region', { name: 'Validation results' });
  await expect(results.getByRole('heading', { name: 'Errors (2)' })).toBeVisible();
  await expect(results).toContainText('The invoice total does not equal the sum of its lines.');
  await expect(results).toContainText('record INV-1043');
  await expect(results.getByRole('heading', { name: 'Warnings (1)' })).toBeVisible();
  await expect(results).toContainText('No currency was given');
  await expect(dialog).toContainText('Some records failed validation.');
  await screenshots(page, 'validation');
  // Focus stays inside the dialog.
  for (let step = 0; step < 8; step += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the timeline of a cancelled authorisation shows the cancellation in Codat’s words', async ({
  ownConsolePage: page,
}) => {
  await openCompany(page, scenarioNames.authCancelled);
  const timeline = await openTab(page, 'Timeline');
  const connection = timeline.getByRole('combobox', { name: 'Connection' });
  await expect(connection).toHaveValue(/.+/);
  await expect(connection.getByRole('option')).toHaveText(['Xero']);
  const events = timeline.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem');
  await expect(events.first()).toBeVisible();
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Error from Xero (403)' })).toContainText(
    'User cancelled',
  );
  await expect(events.last()).toContainText('Connection to Xero created');
  await expectNoAxeViolations(page, 'timeline');
  await screenshots(page, 'timeline');

  // A connection with pulls links each one to its pull operation.
  await openCompany(page, scenarioNames.syncFailing);
  const failing = await openTab(page, 'Timeline');
  const failed = failing.getByRole('listitem').filter({ hasText: 'invoices sync ended: FetchError' }).first();
  await failed.getByRole('button', { name: /^Dataset/ }).click();
  await expect(page.getByRole('dialog', { name: 'Pull operation' })).toContainText('FetchError');
  await page.keyboard.press('Escape');
  await screenshots(page, 'timeline-pulls');
});

test('“Copy diagnostic report” copies a report with the company id, and it can be shown to copy by hand', async ({
  ownConsolePage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const company = await openCompany(page, scenarioNames.syncFailing);
  await page.getByRole('button', { name: 'Copy diagnostic report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Diagnostic report copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(company.id);
  expect(copied).toContain('# Diagnostic report: Scenario - Sync Failing');

  const show = page.getByRole('button', { name: 'Show diagnostic report' });
  await show.click();
  const dialog = page.getByRole('dialog', { name: 'Diagnostic report' });
  const text = dialog.getByRole('textbox', { name: 'Diagnostic report' });
  await expect(text).toHaveJSProperty('readOnly', true);
  await expect(text).toHaveValue(new RegExp(company.id));
  await expect(text).toBeFocused();
  await expectNoAxeViolations(page, 'report dialog');
  await screenshots(page, 'report');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(show).toBeFocused();
});
