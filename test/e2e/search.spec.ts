/**
 * Search finds what people type: accents, quote styles and missing apostrophes set aside, close names offered
 * before "New company", and a pasted Portal address or connection ID opens the company.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callBridge, companyNamed } from './bridge';

function searchBox(page: Page) {
  return page.getByRole('searchbox', { name: 'Search companies' });
}
function results(page: Page) {
  return page.getByRole('listbox', { name: 'Companies', exact: true });
}
function count(page: Page) {
  return page.getByRole('status').filter({ hasText: 'named like' });
}

/** Creates a company through the bridge, as "New company" would; returns the name Codat stored. */
async function create(page: Page, customerId: string): Promise<{ id: string; name: string }> {
  const created = await callBridge(page, 'companies.create', { customerId });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

test('a company created from accented text is found by what was typed, and by its plain spelling', async ({
  ownConsolePage: page,
}) => {
  expect((await create(page, 'Café Olé Bistro')).name).toBe('Caf Ol Bistro');
  expect((await create(page, 'Bäckerei Schmidt')).name).toBe('Bckerei Schmidt');
  await create(page, 'Zoe Studio');
  const search = searchBox(page);

  await search.fill('Café Olé');
  await expect(count(page)).toHaveText('1 company named like “Café Olé”');
  await expect(results(page).getByRole('option')).toContainText(['Caf Ol Bistro']);

  await search.fill('Bäckerei');
  await expect(results(page).getByRole('option')).toContainText(['Bckerei Schmidt']);

  await search.fill('Zoë');
  await expect(results(page).getByRole('option', { name: /Zoe Studio/ })).toBeVisible();
});

test('curly and straight apostrophes alike, and "obrien" finds O’Brien', async ({ ownConsolePage: page }) => {
  await create(page, "O'Brien Plumbing");
  const search = searchBox(page);

  await search.fill('O’Brien');
  await expect(results(page).getByRole('option', { name: /O'Brien Plumbing/ })).toBeVisible();

  await search.fill('obrien');
  await expect(count(page)).toHaveText('1 company named like “obrien” (accents, spaces and punctuation aside)');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: "O'Brien Plumbing" })).toBeVisible();
});

test('when nothing matches, close names come before "New company", and the keyboard reaches them', async ({
  ownConsolePage: page,
}) => {
  await create(page, 'Crème Brûlée Studio'); // stored "Crme Brle Studio"
  const search = searchBox(page);
  await search.fill('Creme Brulee');
  const close = page.getByRole('listbox', { name: 'Close matches' });
  await expect(page.getByText('No company is named like “Creme Brulee”. Did you mean one of these?')).toBeVisible();
  await expect(close.getByRole('option', { name: 'Crme Brle Studio' })).toBeVisible();
  await expect(page.getByText('None of them? Create it with New company.')).toBeVisible();

  await search.press('ArrowDown');
  await expect(close.getByRole('option', { name: 'Crme Brle Studio' })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Crme Brle Studio' })).toBeVisible();
});

test('a pasted Portal address or connection ID opens the company; another site’s address is refused, saying why', async ({
  ownConsolePage: page,
}) => {
  const company = await companyNamed(page, 'Scenario - Unlinked');
  const search = searchBox(page);

  await search.fill(`https://app.codat.io/companies/${company.id}/connections`);
  await expect(page).toHaveURL(new RegExp(`#/companies/${company.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();

  const opened = await callBridge(page, 'companies.get', { companyId: company.id });
  const connection = opened.ok ? opened.value.dataConnections?.[0] : undefined;
  if (!connection) throw new Error('The unlinked scenario has a connection.');
  await page.getByRole('link', { name: 'Back to search' }).click();
  await searchBox(page).fill(connection.id);
  await expect(page).toHaveURL(new RegExp(`#/companies/${company.id}/connections/${connection.id}$`));
  await expect(page.getByRole('article', { name: connection.platformName })).toBeFocused();

  await page.getByRole('link', { name: 'Back to search' }).click();
  await searchBox(page).fill(`https://app.codat.io.example.net/companies/${company.id}`);
  await expect(page.getByText(/Only Codat Portal addresses .* can be pasted/)).toBeVisible();
});
