import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, trainingWorld } from './fixtures';
import { callBridge, companyNamed } from './bridge';

const companyRoute = /#\/companies\/[0-9a-f-]{36}$/;

/** Asks the bridge directly, as the page would, for the ID of the company with exactly this name. */
async function companyIdNamed(page: Page, name: string): Promise<string> {
  return (await companyNamed(page, name)).id;
}

function searchBox(page: Page) {
  return page.getByRole('searchbox', { name: 'Search companies' });
}
function results(page: Page) {
  return page.getByRole('listbox', { name: 'Companies', exact: true });
}

test('typing part of a name finds the company; ArrowDown and Enter open it', async ({ ownConsolePage: page }) => {
  const search = searchBox(page);
  await search.fill('sync fail');
  await expect(page.getByRole('status').filter({ hasText: 'named like' })).toHaveText(
    '1 company named like “sync fail”',
  );
  const option = results(page).getByRole('option');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('Scenario - Sync Failing');
  await expect(option).toContainText('Linked');

  await search.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id')) ?? 'missing');
  await expect(search).toBeFocused();

  // Escape leaves the list without losing the text; the next one clears it.
  await search.press('Escape');
  await expect(option).toHaveAttribute('aria-selected', 'false');
  await expect(search).not.toHaveAttribute('aria-activedescendant');
  await expect(search).toHaveValue('sync fail');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^\d[\d,]* companies$/ })).toBeVisible();

  const id = await companyIdNamed(page, 'Scenario - Sync Failing');
  await search.fill('sync fail');
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('Scenario - Sync Failing');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/companies/${id}$`));
});

test('a pasted company ID opens the company at once; an unknown one is said so', async ({ ownConsolePage: page }) => {
  const id = await companyIdNamed(page, 'Scenario - Unlinked');
  const search = searchBox(page);
  await search.fill('00000000-0000-4000-8000-000000000000');
  await expect(page.getByText('No company has the ID')).toContainText('00000000-0000-4000-8000-000000000000');
  await search.fill(id);
  await expect(page).toHaveURL(new RegExp(`#/companies/${id}$`));
});

test('a slow answer for older text never replaces the answer for newer text', async ({ ownConsolePage: page }) => {
  // Hold the search for "sync" in the browser until the one for "stale" has been shown.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/companies.search', async (route) => {
    const text = (route.request().postDataJSON() as { text?: string }).text;
    if (text === 'sync') await held;
    await route.continue();
  });
  const search = searchBox(page);
  const heldRequest = page.waitForRequest(
    (request) =>
      request.url().endsWith('/bridge/companies.search') &&
      (request.postDataJSON() as { text?: string }).text === 'sync',
  );
  const heldResponse = page.waitForResponse(
    (response) =>
      response.url().endsWith('/bridge/companies.search') &&
      (response.request().postDataJSON() as { text?: string }).text === 'sync',
  );
  await search.fill('sync');
  const status = page.getByRole('status').filter({ hasText: 'Searching' });
  await expect(status).toBeVisible();
  await heldRequest;
  await page.screenshot({ path: 'test-results/screenshots/companies-searching-light.png' });
  await search.fill('stale');
  const options = results(page).getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options).toContainText('Scenario - Stale Data');
  // The held answer for "sync" arrives now; let the page handle it (two frames), then it must have been dropped.
  release();
  await heldResponse;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(options).toHaveCount(1);
  await expect(options).toContainText('Scenario - Stale Data');
  await expect(page.getByRole('status').filter({ hasText: 'named like' })).toHaveText('1 company named like “stale”');
});

test('Ctrl+K from another page opens the command palette, which finds companies', async ({ ownConsolePage: page }) => {
  await page.getByRole('link', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
  // Typing goes straight into it.
  await page.keyboard.type('stale');
  await expect(palette.getByRole('option', { name: 'Scenario - Stale Data' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenario - Stale Data' })).toBeVisible();
});

test('an opened company is in the recent list after going back, one keystroke away', async ({
  ownConsolePage: page,
}) => {
  await expect(page.getByRole('listbox', { name: 'Recent companies' })).toHaveCount(0);
  const search = searchBox(page);
  await search.fill('Deauthorised');
  await expect(results(page).getByRole('option')).toHaveCount(1);
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page).toHaveURL(companyRoute);
  const openedUrl = page.url();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  const recent = page.getByRole('listbox', { name: 'Recent companies' });
  const entry = recent.getByRole('option', { name: /Scenario - Deauthorised/ });
  await expect(entry).toBeVisible();
  await expect(entry).toHaveAttribute('aria-keyshortcuts', 'Alt+1');
  await expect(entry).toContainText(/opened/);
  // Arriving back puts the cursor in the search box.
  await expect(search).toBeFocused();

  await page.keyboard.press('Alt+1');
  await expect(page).toHaveURL(openedUrl);
});

test('on load the search box has the cursor, yet the first Tab still reaches the skip link', async ({
  ownConsolePage: page,
}) => {
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // Typing with nothing in particular focused still goes to the search box.
  await page.locator('#main-content').focus();
  await page.keyboard.type('Harbour');
  await expect(searchBox(page)).toBeFocused();
  await expect(searchBox(page)).toHaveValue('Harbour');
  // After the load, Tab moves on normally.
  await searchBox(page).press('Tab');
  await expect(page.getByRole('button', { name: 'New company' })).toBeFocused();
});

test('long lists are virtualised and load further pages', async ({ ownConsolePage: page }) => {
  const status = page.getByRole('status').filter({ hasText: /^\d[\d,]* companies$/ });
  await expect(status).toBeVisible();
  const total = Number((await status.textContent())?.replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(200);
  const options = results(page).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-setsize', String(total));
  // Only the rows near the viewport exist.
  expect(await options.count()).toBeLessThan(60);
  await expect(page.getByText(`Showing 100 of ${total}`)).toBeVisible();

  // Keyboard: PageDown walks the list and scrolls the active row into view.
  await searchBox(page).press('ArrowDown');
  for (let step = 0; step < 3; step += 1) await searchBox(page).press('PageDown');
  const active = results(page).locator('[aria-selected="true"]');
  await expect(active).toHaveAttribute('aria-posinset', '31');
  await expect(active).toBeInViewport();
  // ArrowUp one row, PageUp ten, never past the first; ArrowUp from the first leaves the list.
  await searchBox(page).press('ArrowUp');
  await expect(active).toHaveAttribute('aria-posinset', '30');
  await searchBox(page).press('PageUp');
  await expect(active).toHaveAttribute('aria-posinset', '20');
  await expect(active).toBeInViewport();
  for (let step = 0; step < 3; step += 1) await searchBox(page).press('PageUp');
  await expect(active).toHaveAttribute('aria-posinset', '1');
  await expect(active).toBeInViewport();
  await searchBox(page).press('ArrowUp');
  await expect(active).toHaveCount(0);
  await expect(searchBox(page)).not.toHaveAttribute('aria-activedescendant');

  // Scrolling near the end loads the next page by itself (the "Load more" button is there for keyboards).
  await expect(page.getByRole('button', { name: 'Load more' })).toBeVisible();
  const main = page.locator('#main-content');
  await main.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await main.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(results(page).locator(`[aria-posinset="${total}"]`)).toBeVisible();
});

test('New company previews the stored name, explains tag errors, and Escape closes it', async ({
  ownConsolePage: page,
}) => {
  const newCompany = page.getByRole('button', { name: 'New company' });
  await newCompany.click();
  const customerId = page.getByRole('textbox', { name: 'Customer ID' });
  await expect(customerId).toBeFocused();
  await customerId.fill('ACME (Test)');
  const preview = page.getByText('Codat will store:');
  await expect(preview).toContainText('Codat will store: ACME Test');
  await expect(preview).toContainText('(removes ( ))');
  await expect(customerId).toHaveAccessibleDescription(/Codat will store: ACME Test/);

  await customerId.fill('ACME Test');
  await expect(page.getByText('Codat will store it as typed.')).toBeVisible();
  await expect(page.getByText('No company is named “ACME Test” yet.')).toBeVisible();

  const tags = page.getByRole('textbox', { name: 'Tags' });
  await tags.fill(`region=uk\njust words\n${'k'.repeat(28)}=x\nregion=eu`);
  await expect(page.getByText('Line 2: “just words” has no “=”. Write it as key=value.')).toBeVisible();
  await expect(page.getByText('Line 3: the key is 28 characters; keys can be at most 27.')).toBeVisible();
  await expect(page.getByText('Line 4: the key “region” is already used on line 1.')).toBeVisible();
  await expect(tags).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Description' }).fill('Bakery chain, onboarding call');
  await customerId.fill('ACME (Test) [UK]');
  await expect(preview).toContainText('Codat will store: ACME Test UK (removes ( ) [ ])');

  await page.setViewportSize({ width: 1280, height: 1000 }); // the page scrolls inside <main>: make room
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/companies-new-company-${scheme}.png` });
  }

  await tags.press('Escape');
  await expect(customerId).toHaveCount(0);
  await expect(newCompany).toBeFocused();
  // Alt+N (in a browser; Ctrl+N in the app) opens it again, prefilled with what was searched.
  await searchBox(page).fill('Northgate');
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('textbox', { name: 'Customer ID' })).toHaveValue('Northgate');
  await expect(page.getByRole('textbox', { name: 'Customer ID' })).toBeFocused();
});

test('creating a name that exists offers the existing company instead', async ({ ownConsolePage: page }) => {
  const id = await companyIdNamed(page, 'Scenario - Unlinked');
  await searchBox(page).fill('Scenario - Unlinked');
  await expect(results(page).getByRole('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'New company' }).click();
  await expect(page.getByRole('textbox', { name: 'Customer ID' })).toHaveValue('Scenario - Unlinked');

  const match = page.getByRole('listitem', { name: 'Scenario - Unlinked' });
  await expect(match).toContainText(id);
  await expect(match).toContainText('Unlinked');
  const create = page.getByRole('button', { name: /^Create company/ });
  await expect(create).toHaveText('Create company anyway');
  // Named as it reads: a voice or script user saying "Create company" must not make a duplicate unawares.
  await expect(create).toHaveAccessibleName('Create company anyway');
  await expect(create).toHaveAccessibleDescription(/already exists/);

  await page.setViewportSize({ width: 1280, height: 900 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/companies-duplicate-${scheme}.png` });
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  await match.getByRole('button', { name: 'Use existing company' }).click();
  await expect(page).toHaveURL(new RegExp(`#/companies/${id}$`));
});

test('a duplicate found only when Create is pressed stops the create until pressed again', async ({
  ownConsolePage: page,
}) => {
  // A company of this test's own to duplicate, so the other tests' searches find what they expect.
  const name = `C${Date.now()} Twice Ltd`;
  const existing = await callBridge(page, 'companies.create', { customerId: name });
  if (!existing.ok) throw new Error(existing.error.message);
  const creates: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/bridge/companies.create')) creates.push(request.postData() ?? '');
  });
  await page.getByRole('button', { name: 'New company' }).click();
  const customerId = page.getByRole('textbox', { name: 'Customer ID' });
  await customerId.fill(name);
  await customerId.press('Enter'); // before the debounced check has run
  const match = page.getByRole('listitem', { name });
  await expect(match).toBeVisible();
  await expect(match).toContainText(existing.value.id);
  const create = page.getByRole('button', { name: /^Create company/ });
  await expect(create).toBeFocused();
  await expect(create).toHaveText('Create company anyway');
  await expect(create).toHaveAccessibleName('Create company anyway');
  expect(creates).toEqual([]);

  // Pressed again, with the duplicate in view: the user meant it.
  await create.press('Enter');
  await expect(page).toHaveURL(companyRoute);
  expect(creates).toHaveLength(1);
  expect(JSON.parse(creates[0] ?? '{}')).toEqual({ customerId: name });
  const id = /#\/companies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(id).not.toBe(existing.value.id);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('a new customer ID creates the company, with one request, and opens it', async ({ ownConsolePage: page }) => {
  const creates: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/bridge/companies.create')) creates.push(request.postData() ?? '');
  });
  const customerId = `C${Date.now()} Linkdesk E2E`;
  await page.getByRole('button', { name: 'New company' }).click();
  await page.getByRole('textbox', { name: 'Customer ID' }).fill(customerId);
  await page.getByRole('textbox', { name: 'Tags' }).fill('region=uk\nsource = e2e');
  await expect(page.getByText(`No company is named “${customerId}” yet.`)).toBeVisible();
  const create = page.getByRole('button', { name: 'Create company', exact: true });
  await create.dblclick();
  await expect(page).toHaveURL(companyRoute);
  expect(creates).toHaveLength(1);
  expect(JSON.parse(creates[0] ?? '{}')).toEqual({ customerId, tags: { region: 'uk', source: 'e2e' } });
  const id = /#\/companies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(await companyIdNamed(page, customerId)).toBe(id);
});

test('a quick click on Create right after typing creates the company', async ({ ownConsolePage: page }) => {
  // Typed, then clicked at once: leaving the field starts the name check between mousedown and mouseup.
  const customerId = `C${Date.now()} Quick Click`;
  await page.getByRole('button', { name: 'New company' }).click();
  await page.getByRole('textbox', { name: 'Customer ID' }).fill(customerId);
  await page.getByRole('button', { name: 'Create company', exact: true }).click();
  await expect(page).toHaveURL(companyRoute);
  await expect(page.getByRole('heading', { level: 1, name: customerId })).toBeVisible();
});

test('the name check starting and ending never moves Create: a press that spans it still creates', async ({
  ownConsolePage: page,
}) => {
  // Codat's answer to the name check waits in the browser until the test lets it go.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/companies.findByName', async (route) => {
    await held;
    await route.continue();
  });
  const creates: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/bridge/companies.create')) creates.push(request.postData() ?? '');
  });
  const customerId = `C${Date.now()} Steady Button`;
  await page.getByRole('button', { name: 'New company' }).click();
  await page.getByRole('textbox', { name: 'Customer ID' }).fill(customerId);
  const create = page.getByRole('button', { name: 'Create company', exact: true });
  const before = await create.boundingBox();
  if (!before) throw new Error('Create company is not on screen');

  // Press on Create: the field loses focus and the check starts (or goes on, if typing had started it).
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await expect(
    page.getByRole('status').filter({ hasText: `Checking whether “${customerId}” already exists…` }),
  ).toBeVisible();
  expect(await create.boundingBox()).toEqual(before);
  release();
  await expect(page.getByText(`No company is named “${customerId}” yet.`)).toBeVisible();
  expect(await create.boundingBox()).toEqual(before);

  await page.mouse.up();
  await expect(page).toHaveURL(companyRoute);
  expect(creates).toHaveLength(1);
});

test('a complete search for exactly the customer ID is trusted: no second lookup before creating', async ({
  ownConsolePage: page,
}) => {
  const lookups: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/bridge/companies.findByName')) lookups.push(request.postData() ?? '');
  });
  const customerId = `C${Date.now()} Economy`;
  await searchBox(page).fill(customerId);
  await expect(page.getByText(`No company is named like “${customerId}”`)).toBeVisible();
  await page.getByRole('button', { name: 'New company' }).click();
  await expect(page.getByText(`No company is named “${customerId}” yet.`)).toBeVisible();
  await page.getByRole('button', { name: 'Create company', exact: true }).click();
  await expect(page).toHaveURL(companyRoute);
  expect(lookups).toEqual([]);
});

test.describe('with a Codat client at its company limit', () => {
  test.use({ sandboxOptions: { ...trainingWorld, companies: 20, companyLimit: 20 } });

  test('a failed create says why in Codat’s words, with the correlation ID, keeps everything typed, and is in the audit log', async ({
    sandbox,
    sandboxConsolePage: page,
  }) => {
    const name = `C${Date.now()} Limit Reached`;
    await page.keyboard.press('Alt+n');
    const customerId = page.getByRole('textbox', { name: 'Customer ID' });
    await customerId.fill(name);
    await page.getByRole('textbox', { name: 'Description' }).fill('Kept after the failure');
    await expect(page.getByText(`No company is named “${name}” yet.`)).toBeVisible();
    const create = page.getByRole('button', { name: 'Create company', exact: true });
    await create.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not create' });
    await expect(alert).toContainText('CompanyValidationException: Company limit exceeded');
    await expect(alert).toContainText(/[0-9a-f]{32}/);
    const correlationId = /[0-9a-f]{32}/.exec((await alert.textContent()) ?? '')?.[0] ?? 'none shown';
    await expect(alert.getByRole('button', { name: 'Copy correlation ID' })).toBeVisible();
    await expect(create).toBeEnabled();
    await expect(create).toBeFocused();
    await expect(customerId).toHaveValue(name);
    await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('Kept after the failure');
    await expect(page).not.toHaveURL(companyRoute);
    // One click, one request: a refusal is not retried.
    expect(sandbox.control.requests().filter((entry) => entry.method === 'POST')).toMatchObject([
      { path: '/companies', status: 402 },
    ]);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('combobox', { name: 'Action' }).selectOption('company.create');
    const failed = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: name });
    await expect(failed).toContainText('Failed');
    await expect(failed).toContainText(correlationId);
  });
});

test('ArrowDown pressed before the results arrive lands on their first row', async ({ ownConsolePage: page }) => {
  // Hold the answers for "awaiting" in the browser until ArrowDown has been pressed.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/companies.search', async (route) => {
    const text = (route.request().postDataJSON() as { text?: string }).text;
    if (text === 'awaiting') await held;
    await route.continue();
  });
  const search = searchBox(page);
  await expect(results(page).getByRole('option').first()).toBeVisible(); // the full list, from the page's load
  const asked = page.waitForRequest(
    (request) =>
      request.url().endsWith('/bridge/companies.search') &&
      (request.postDataJSON() as { text?: string }).text === 'awaiting',
  );
  await search.fill('awaiting');
  await asked;
  await search.press('ArrowDown'); // the old rows are dimmed, not choosable: this waits for the new ones
  await expect(results(page).locator('[aria-selected="true"]')).toHaveCount(0);
  await expect(search).not.toHaveAttribute('aria-activedescendant');
  release();
  const option = results(page).getByRole('option', { name: /Scenario - Awaiting Authorisation/ });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(results(page).getByRole('option')).toHaveCount(1);
  await search.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(`#/companies/${await companyIdNamed(page, 'Scenario - Awaiting Authorisation')}$`),
  );
});

test('Enter pressed before the results arrive opens the company when they do', async ({ ownConsolePage: page }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/companies.search', async (route) => {
    const text = (route.request().postDataJSON() as { text?: string }).text;
    if (text === 'awaiting') await held;
    await route.continue();
  });
  const search = searchBox(page);
  await search.fill('awaiting');
  await search.press('ArrowDown');
  await search.press('Enter'); // typed fast, on a phone: the answer is still on its way
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  release();
  await expect(page).toHaveURL(
    new RegExp(`#/companies/${await companyIdNamed(page, 'Scenario - Awaiting Authorisation')}$`),
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Scenario - Awaiting Authorisation' })).toBeVisible();
});

test('search results screenshots, and no accessibility violations with a row active', async ({
  ownConsolePage: page,
}) => {
  // A recent company first, so the screenshot shows both lists.
  const search = searchBox(page);
  await search.fill('Scenario - Healthy');
  await expect(results(page).getByRole('option')).toHaveCount(1);
  await search.press('Enter');
  await expect(page).toHaveURL(companyRoute);
  await page.goBack();
  await expect(page.getByRole('listbox', { name: 'Recent companies' })).toBeVisible();
  await expect(results(page).getByRole('option').first()).toBeVisible();
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/companies-all-${scheme}.png` });
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  await search.fill('scenario');
  await expect(page.getByRole('status').filter({ hasText: 'named like' })).toHaveText(/13 companies named like/);
  await search.press('ArrowDown');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/companies-search-${scheme}.png` });
  }
  await search.fill('no such company here');
  await expect(
    page.getByText('No company is named like “no such company here”. Create it with New company.'),
  ).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/screenshots/companies-empty-light.png' });
});
