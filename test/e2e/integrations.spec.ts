/**
 * Integrations: the training sandbox's catalogue with its cached branding, filtered; the customer preview of
 * the enabled ones; "Refresh branding"; and the branding cache settings.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { platforms } from '@sandbox/catalog';
import { expect, test, trainingWorld } from './fixtures';

test.use({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });

const total = platforms.length;
const enabled = platforms.filter((platform) => platform.enabled);
const disabled = platforms.filter((platform) => !platform.enabled);

async function openIntegrations(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  // The first visit to a fresh console fetches every platform's branding: allow for it.
  await expect(page.getByText(`Showing ${total} of ${total}`)).toBeVisible({ timeout: 20_000 });
}

const catalogue = (page: Page) => page.getByRole('tabpanel', { name: 'Catalogue' });
const preview = (page: Page) => page.getByRole('tabpanel', { name: 'Customer preview' });
const tiles = (page: Page) => catalogue(page).getByRole('article');

test('the catalogue lists every integration with its branding, and the filters narrow it', async ({
  consolePage: page,
}) => {
  await openIntegrations(page);
  await expect(page.getByText(`${total} integrations`, { exact: true })).toBeVisible();
  await expect(page.getByText(/^cached /)).toBeVisible();
  await expect(tiles(page)).toHaveCount(total);

  // A tile: full name, key, both button states, text badges.
  const xero = catalogue(page).getByRole('article', { name: 'Xero', exact: true });
  await expect(xero.getByRole('img', { name: 'Xero logo' }).first()).toBeVisible();
  await expect(xero.getByText('gbol', { exact: true })).toBeVisible();
  await expect(xero.getByRole('figure').filter({ hasText: 'Button' }).getByRole('img')).toBeVisible();
  await expect(xero.getByRole('figure').filter({ hasText: 'Hover' }).getByRole('img')).toBeVisible();
  await expect(xero.getByRole('listitem').filter({ hasText: 'Enabled' })).toBeVisible();
  await expect(xero.getByText('Intuit requires its own branded button')).toHaveCount(0);

  const quickBooks = catalogue(page).getByRole('article', { name: 'QuickBooks Online', exact: true });
  await expect(quickBooks.getByText('Intuit requires its own branded button')).toBeVisible();
  await expect(
    catalogue(page).getByRole('article', { name: 'QuickBooks Desktop' }).getByText('Offline connector'),
  ).toBeVisible();

  // The search is the first control after "Refresh branding".
  await page.getByRole('button', { name: 'Refresh branding' }).focus();
  await page.keyboard.press('Tab');
  const search = page.getByRole('searchbox', { name: 'Search integrations' });
  await expect(search).toBeFocused();

  await search.fill('XERO');
  await expect(page.getByText(`Showing 1 of ${total}`)).toBeVisible();
  await expect(tiles(page)).toHaveCount(1);
  await expect(tiles(page).first()).toHaveAccessibleName('Xero');
  await search.fill('qhyg');
  await expect(tiles(page)).toHaveCount(1);
  await expect(tiles(page).first()).toHaveAccessibleName('QuickBooks Online');
  await search.fill('no such platform');
  await expect(page.getByRole('heading', { name: 'No integration matches these filters.' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(search).toHaveValue('');
  await expect(tiles(page)).toHaveCount(total);

  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Disabled' });
  await expect(page.getByText(`Showing ${disabled.length} of ${total}`)).toBeVisible();
  await expect(tiles(page)).toHaveCount(disabled.length);
  for (const tile of await tiles(page).all()) {
    await expect(tile.getByRole('listitem').filter({ hasText: /^\s*Disabled\s*$/ })).toBeVisible();
    await expect(tile.getByRole('listitem').filter({ hasText: /^\s*Enabled\s*$/ })).toHaveCount(0);
  }
  await expect(tiles(page).filter({ hasText: disabled[0]!.name }).first()).toBeVisible();

  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All' });
  await page.getByRole('combobox', { name: 'Source type' }).selectOption({ label: 'Banking' });
  const banking = platforms.filter((platform) => platform.sourceType === 'Banking');
  await expect(page.getByText(`Showing ${banking.length} of ${total}`)).toBeVisible();
});

test('the customer preview shows only the enabled integrations, grouped, with "Powered by Codat"', async ({
  consolePage: page,
}) => {
  await openIntegrations(page);
  const catalogueTab = page.getByRole('tab', { name: 'Catalogue' });
  await expect(catalogueTab).toHaveAttribute('aria-selected', 'true');
  // Arrow keys move between the tabs.
  await catalogueTab.focus();
  await page.keyboard.press('ArrowRight');
  const previewTab = page.getByRole('tab', { name: 'Customer preview' });
  await expect(previewTab).toBeFocused();
  await expect(previewTab).toHaveAttribute('aria-selected', 'true');
  await expect(catalogue(page)).toBeHidden();

  const panel = preview(page);
  await expect(panel.getByText('Preview only:')).toBeVisible();
  for (const heading of ['Select your accounting software', 'Select your bank', 'Select your commerce platform']) {
    await expect(panel.getByRole('heading', { level: 3, name: heading })).toBeVisible();
  }
  const accounting = panel.getByRole('region', { name: 'Select your accounting software' });
  await expect(accounting.getByRole('button')).toHaveCount(
    enabled.filter((platform) => platform.sourceType === 'Accounting').length,
  );
  await expect(panel.getByRole('button')).toHaveCount(enabled.length);
  for (const platform of disabled) {
    await expect(panel.getByRole('button', { name: platform.name, exact: true })).toHaveCount(0);
  }
  const quickBooks = panel.getByRole('button', { name: 'QuickBooks Online', exact: true });
  await expect(quickBooks).toHaveAttribute('aria-disabled', 'true');
  // Both button states are there; hovering shows the hover one in place of the default.
  const [buttonImage, hoverImage] = [quickBooks.locator('img').nth(0), quickBooks.locator('img').nth(1)];
  await expect(buttonImage).toBeVisible();
  await expect(hoverImage).toBeHidden();
  await quickBooks.hover();
  await expect(hoverImage).toBeVisible();
  await expect(buttonImage).toBeHidden();

  const poweredBy = panel.getByRole('img', { name: 'Powered by Codat' }).or(panel.getByText('Powered by Codat'));
  await expect(poweredBy).toBeVisible();

  // The search narrows the preview too.
  await page.getByRole('searchbox', { name: 'Search integrations' }).fill('sage');
  await expect(panel.getByRole('button')).toHaveCount(enabled.filter((platform) => /sage/i.test(platform.name)).length);
  await expect(panel.getByRole('heading', { name: 'Select your bank' })).toHaveCount(0);
});

test('the Integrations page has no axe violations in either view', async ({ consolePage: page }) => {
  await openIntegrations(page);
  const catalogueResults = await new AxeBuilder({ page }).analyze();
  expect(catalogueResults.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  await page.getByRole('tab', { name: 'Customer preview' }).click();
  await expect(preview(page)).toBeVisible();
  const previewResults = await new AxeBuilder({ page }).analyze();
  expect(previewResults.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
});

test.describe('against a sandbox the test controls', () => {
  test.use({ sandboxOptions: { ...trainingWorld, companies: 5 } });

  test('missing images have placeholders, and offline the cache is shown under a banner', async ({
    sandbox,
    sandboxConsolePage: page,
  }) => {
    // Codat has no branding for Xero, and the "Powered by Codat" mark it serves is not an image.
    sandbox.control.addFault({ path: '/integrations/gbol/branding', method: 'GET', status: 404 });
    sandbox.control.setBrandingImage('codat', 'powered-by.svg', {
      contentType: 'text/html',
      body: Buffer.from('<html><body>Not found</body></html>'),
    });
    await openIntegrations(page);
    const xero = catalogue(page).getByRole('article', { name: 'Xero', exact: true });
    await expect(xero.getByText('No full logo')).toBeVisible();
    await expect(xero.getByText('No button', { exact: true })).toBeVisible();
    await expect(xero.getByText('Codat has no branding for this platform; its list logo is shown.')).toBeVisible();
    await expect(xero.getByRole('img', { name: 'Xero logo' })).toBeVisible(); // the list's logo
    await expect(page.getByText(/^cached /)).toBeVisible();

    // Codat goes away; the page, opened again, shows what is cached and says why once, as a banner.
    await sandbox.close();
    await page.reload();
    await expect(page.getByRole('contentinfo', { name: 'Status' }).getByRole('status')).toHaveText('Offline');
    await openIntegrations(page);
    const banner = page.getByRole('status').filter({ hasText: 'Offline — cached' });
    await expect(banner).toContainText(/Offline — cached (just now|\d+ (seconds?|minutes?) ago)/);
    await expect(banner).toContainText('refresh by themselves when Codat is back');
    await expect(page.getByText(/^cached /)).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(tiles(page)).toHaveCount(total);
    await expect(xero.getByText('No full logo')).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);

    // Without a button image the preview shows the logo and the name; without the mark, the words.
    await page.getByRole('tab', { name: 'Customer preview' }).click();
    const tile = preview(page).getByRole('button', { name: 'Xero', exact: true });
    await expect(tile).toContainText('Xero');
    await expect(preview(page).getByText('Powered by Codat', { exact: true })).toBeVisible();
    await expect(preview(page).getByRole('img', { name: 'Powered by Codat' })).toHaveCount(0);
  });
});

test('"Refresh branding" fetches everything again and shows its progress', async ({ ownConsolePage: page }) => {
  await openIntegrations(page);
  const cachedAt = page.locator('.integrations-summary time');
  const before = await cachedAt.getAttribute('datetime');
  expect(before).toBeTruthy();

  // Hold main's answer until the page has been seen refreshing (the sandbox refreshes in about a second).
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/integrations.refresh', async (route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });

  const refresh = page.getByRole('button', { name: 'Refresh branding' });
  await refresh.click();
  await expect(refresh).toBeDisabled();
  await expect(page.getByText(/^Refreshing branding…/)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Branding refresh progress' })).toBeVisible();
  release();

  await expect(refresh).toBeEnabled({ timeout: 20_000 });
  await expect(cachedAt).not.toHaveAttribute('datetime', before!);
  await expect(page.getByText(/^cached just now$/)).toBeVisible();
  await expect(tiles(page)).toHaveCount(total);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the branding cache settings are checked before saving and kept', async ({ ownConsolePage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Branding cache' });
  await expect(section.getByRole('heading', { level: 2, name: 'Branding cache' })).toBeVisible();
  await expect(section.getByText(/kept on this computer/)).toBeVisible();
  const ttl = section.getByRole('spinbutton', { name: 'Time to live (days)' });
  const size = section.getByRole('spinbutton', { name: 'Size limit (MB)' });
  await expect(ttl).toHaveValue('7');
  await expect(size).toHaveValue('50');
  const save = section.getByRole('button', { name: 'Save branding cache settings' });

  await ttl.fill('0');
  await save.click();
  await expect(section.getByText('Use from 1 to 365 days.')).toBeVisible();
  await expect(ttl).toHaveAttribute('aria-invalid', 'true');
  await expect(ttl).toBeFocused();
  await expect(section.getByRole('status')).toHaveText('');

  await ttl.fill('2.5');
  await expect(section.getByText('Use a whole number of days, without decimals.')).toBeVisible();
  await size.fill('4');
  await save.click();
  await expect(section.getByText('Use from 5 to 2000 MB.')).toBeVisible();

  await ttl.fill('30');
  await size.fill('200');
  await expect(section.getByText('Use from 1 to 365 days.')).toHaveCount(0);
  await save.click();
  await expect(section.getByRole('status')).toHaveText(/^Saved\./);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Branding cache' }).getByLabel('Time to live (days)')).toHaveValue(
    '30',
  );
  await expect(page.getByRole('region', { name: 'Branding cache' }).getByLabel('Size limit (MB)')).toHaveValue('200');
});
