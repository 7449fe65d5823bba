/**
 * Every page scrolls in the one main area: a new page, or another company, must open at its top, not wherever the
 * last one was left; Back returns to where the user was.
 */
import type { Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { companyNamed } from './bridge';
import { expect, test } from './fixtures';

// Short enough that the pages used here scroll.
test.use({ viewport: { width: 900, height: 700 } });

const main = (page: Page) => page.locator('#main-content');
const scrollTop = (page: Page) => main(page).evaluate((element) => element.scrollTop);
const maxScroll = (page: Page) => main(page).evaluate((element) => element.scrollHeight - element.clientHeight);
const scrollTo = (page: Page, top: number) =>
  main(page).evaluate((element, to) => {
    element.scrollTop = to;
    return element.scrollTop;
  }, top);

async function goTo(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

test('a new page opens at its top; Back returns to where the user was', async ({ ownConsolePage: page }) => {
  await goTo(page, 'Integrations');
  await expect(page.getByRole('tabpanel', { name: 'Catalogue' }).getByRole('article').first()).toBeVisible({
    timeout: 20_000,
  });
  await goTo(page, 'Settings');
  const settingsCanScroll = await maxScroll(page);
  await goTo(page, 'Integrations');
  await expect(page.getByRole('tabpanel', { name: 'Catalogue' }).getByRole('article').first()).toBeVisible();
  // Down the catalogue, but no further than Settings could scroll: else Settings would be at its end, not kept.
  const left = await scrollTo(page, Math.min(400, settingsCanScroll));
  expect(left, 'both pages scroll at 900×700').toBeGreaterThan(100);

  await goTo(page, 'Settings');
  expect(await scrollTop(page)).toBe(0);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  await expect.poll(() => scrollTop(page)).toBe(left);
});

test('another company opens at its top; Back returns to the first where it was left', async ({
  ownConsolePage: page,
}) => {
  const origin = new URL(page.url()).origin;
  const first = await companyNamed(page, scenarioNames.syncFailing);
  const second = await companyNamed(page, scenarioNames.staleData);
  await page.goto(`${origin}/#/companies/${second.id}`);
  await expect(page.getByRole('heading', { level: 1, name: second.name })).toBeVisible();
  const secondCanScroll = await maxScroll(page);

  await page.goto(`${origin}/#/companies/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: first.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Investigate' })).toBeVisible();
  const left = await scrollTo(page, Math.min(300, secondCanScroll));
  expect(left, 'both companies scroll at 900×700').toBeGreaterThan(50);

  // As the app opens a company (a search result, a Health row, a deep link): a new history entry.
  await page.evaluate((id) => (window.location.hash = `#/companies/${id}`), second.id);
  await expect(page.getByRole('heading', { level: 1, name: second.name })).toBeVisible();
  expect(await scrollTop(page)).toBe(0);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: first.name })).toBeVisible();
  await expect.poll(() => scrollTop(page)).toBe(left);
});
