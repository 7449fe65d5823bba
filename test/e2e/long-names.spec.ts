/**
 * A very long company name (Codat takes 129 characters and more) takes two lines at most wherever companies are
 * listed (search results, recent companies, the audit log), with the whole name on hover and for screen readers.
 */
import type { Locator } from '@playwright/test';
import { callBridge } from './bridge';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 900, height: 700 } });

/** The name takes two lines at most (cut short with an ellipsis if it needs more), and its title is the whole name. */
async function expectClamped(name: Locator, whole: string) {
  const shown = await name.evaluate((element) => ({
    lines: Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)),
    title: element.getAttribute('title'),
  }));
  expect(shown.lines).toBeGreaterThanOrEqual(1);
  expect(shown.lines).toBeLessThanOrEqual(2);
  expect(shown.title).toBe(whole);
}

test('a 129-character company name takes two lines in results, recent and the audit log, whole in its title', async ({
  ownConsolePage: page,
}) => {
  const marker = `Longname${Date.now()}`;
  const longName = `${marker} Holdings and Trading Company of the Northern and Western Counties Bakery Cafe and Patisserie Group Limited Partners`;
  expect(longName.length).toBeGreaterThanOrEqual(129);
  const created = await callBridge(page, 'companies.create', { customerId: longName });
  if (!created.ok) throw new Error(`Could not create the company: ${created.error.message}`);
  const name = created.value.name;

  // Search results.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(marker);
  const result = page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option').first();
  await expect(result).toContainText(marker);
  await expect(result).toHaveAccessibleName(new RegExp(`^${name}`));
  await expectClamped(result.locator('.company-name'), name);

  // Recent companies, after opening it.
  await result.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('link', { name: 'Back to search' }).click();
  const recent = page.getByRole('listbox', { name: 'Recent companies' }).getByRole('option').first();
  await expect(recent).toHaveAccessibleName(new RegExp(name));
  await expectClamped(recent.locator('.recent-name'), name);

  // The audit log's record of the create.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const company = page.getByRole('button', { name }).first();
  await expect(company).toBeVisible();
  await expectClamped(company.locator('.clamp-2'), name);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/long-name-audit-900-${scheme}.png` });
  }
});
