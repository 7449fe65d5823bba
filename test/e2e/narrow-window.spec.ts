/**
 * A 900×700 window: the navigation narrows to its icons, and History and Sync status cut off no column (each
 * table fits its region, or scrolls inside a labelled region the keyboard can reach).
 */
import type { Locator, Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { companyNamed } from './bridge';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 900, height: 700 } });

/**
 * Cells whose content is cut off: wider than the cell, or past the right edge of the region they are shown in
 * (a table region that scrolls is fine: the rest is reached by scrolling it), or past the page's own edge.
 */
async function cutOffCells(table: Locator): Promise<string[]> {
  return table.evaluate((element) => {
    const problems: string[] = [];
    const region = element.closest<HTMLElement>('[role="region"]') ?? element.parentElement;
    const main = document.getElementById('main-content');
    if (main && main.scrollWidth > main.clientWidth + 1) {
      problems.push(`the page scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`);
    }
    const regionScrolls = region !== null && region.scrollWidth > region.clientWidth + 1;
    const regionRight = region?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY;
    for (const cell of Array.from(element.querySelectorAll<HTMLElement>('th, td'))) {
      const label = `${cell.tagName} "${(cell.textContent ?? '').trim().slice(0, 30)}"`;
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${label} is wider than its cell`);
      if (!regionScrolls && cell.getBoundingClientRect().right > regionRight + 1) {
        problems.push(`${label} ends past its region, which does not scroll`);
      }
    }
    if (regionScrolls && region) {
      if (region.getAttribute('role') !== 'region' || !region.getAttribute('aria-label')) {
        problems.push('the table scrolls sideways in an unlabelled box');
      }
      if (region.tabIndex < 0) problems.push('the table scrolls sideways in a box the keyboard cannot reach');
    }
    return problems;
  });
}

async function openCompany(page: Page, name: string) {
  const company = await companyNamed(page, name);
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function screenshots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/narrow-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('at 900×700 the navigation keeps only its icons, with their names', async ({ consolePage: page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const width = (await nav.boundingBox())?.width ?? 0;
  expect(width).toBeLessThanOrEqual(72);
  for (const label of ['Companies', 'Health', 'Integrations', 'Audit log', 'Settings']) {
    const link = nav.getByRole('link', { name: label });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('title', new RegExp(`^${label} \\(`));
  }
  await nav.getByRole('link', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await screenshots(page, 'health');
});

test('at 900×700 History and Sync status cut off no column', async ({ consolePage: page }) => {
  await openCompany(page, scenarioNames.syncFailing);
  const investigate = page.getByRole('region', { name: 'Investigate' });

  await investigate.getByRole('tab', { name: 'Sync status' }).click();
  const sync = page.getByRole('tabpanel', { name: 'Sync status' }).getByRole('table');
  await expect(sync.getByRole('row').nth(1)).toBeVisible();
  await sync.scrollIntoViewIfNeeded();
  await screenshots(page, 'sync-status');
  expect(await cutOffCells(sync)).toEqual([]);

  await investigate.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' }).getByRole('table');
  await expect(history.getByRole('row').nth(1)).toBeVisible();
  await history.scrollIntoViewIfNeeded();
  await screenshots(page, 'history');
  expect(await cutOffCells(history)).toEqual([]);
});
