/**
 * The command palette and the keyboard path through onboarding: Ctrl/Cmd+K from anywhere, companies by name or
 * tag, the screen's actions, single keys for the primary steps, and focus that lands on the next useful control.
 * The keyboard paths count every key pressed (typing counted apart), for the figures in the README.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { bridgeValue, companyNamed } from './bridge';
import { expect, test } from './fixtures';

const uniqueCustomerId = () => `E2E ${Date.now()} ${Math.floor(Math.random() * 1000)}`;

/** The keyboard, counting keys pressed (a chord is one) and characters typed, as a user would count them. */
function countingKeyboard(page: Page) {
  const counts = { keys: 0, typed: 0 };
  return {
    counts,
    async press(key: string) {
      counts.keys += 1;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      counts.typed += text.length;
      await page.keyboard.type(text);
    },
  };
}

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const option = (page: Page, name: string) => palette(page).getByRole('option', { name, exact: true });

async function screenshots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/palette-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an existing customer, by keyboard alone: Ctrl+K, their name, Enter, Ctrl+K, “xero”, Enter — 4 keys to the link', async ({
  ownConsolePage: page,
}) => {
  const company = await bridgeValue(page, 'companies.create', { customerId: uniqueCustomerId() });
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  const keyboard = countingKeyboard(page);

  await keyboard.press('Control+k');
  await expect(palette(page).getByRole('combobox', { name: 'Command' })).toBeFocused();
  await keyboard.type(company.name);
  await expect(option(page, company.name)).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
  await expect(page).toHaveTitle(`${company.name} · Linkdesk`);
  // Focus follows the work: the first step is one key away, not seven Tabs.
  const connect = page.getByRole('button', { name: 'Connect platform' });
  await expect(connect).toBeFocused();
  await expect(connect).toHaveAttribute('aria-keyshortcuts', 'C');

  await keyboard.press('Control+k');
  await keyboard.type('xero');
  await expect(option(page, 'Connect Xero…')).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Enter');

  const panel = page.getByRole('region', { name: 'Hand over the Xero link' });
  await expect(panel.getByRole('textbox', { name: 'Connection link' })).toHaveValue(/^https?:\/\//);
  await expect(panel.getByRole('button', { name: 'Copy link' })).toBeFocused();
  expect(keyboard.counts.keys).toBe(4);
  console.log(`[measure] existing customer by keyboard: ${keyboard.counts.keys} keys + ${keyboard.counts.typed} typed`);
});

test('a new customer, by keyboard alone: Alt+N, the customer ID, Enter, Ctrl+K, “xero”, Enter — 4 keys to the link', async ({
  ownConsolePage: page,
}) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  // The browser console offers Alt+N: a browser keeps Ctrl+N for a new window.
  const newCompany = page.getByRole('button', { name: 'New company' });
  await expect(newCompany).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
  await expect(page.getByText('Alt+N', { exact: true })).toBeVisible();
  const keyboard = countingKeyboard(page);
  const customerId = uniqueCustomerId();

  await keyboard.press('Alt+n');
  await expect(page.getByRole('textbox', { name: 'Customer ID' })).toBeFocused();
  await keyboard.type(customerId);
  await keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: customerId })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect platform' })).toBeFocused();

  await keyboard.press('Control+k');
  await keyboard.type('xero');
  await expect(option(page, 'Connect Xero…')).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Enter');
  await expect(
    page.getByRole('region', { name: 'Hand over the Xero link' }).getByRole('textbox', { name: 'Connection link' }),
  ).toHaveValue(/^https?:\/\//);
  expect(keyboard.counts.keys).toBe(4);
  console.log(`[measure] new customer by keyboard: ${keyboard.counts.keys} keys + ${keyboard.counts.typed} typed`);
});

test('Ctrl+K opens the palette on an open company; typed letters go into its box, never to the focused button', async ({
  ownConsolePage: page,
}) => {
  const company = await companyNamed(page, scenarioNames.noConnections);
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
  await page.getByRole('button', { name: 'Connect platform' }).focus();

  await page.keyboard.press('Control+k');
  const box = palette(page).getByRole('combobox', { name: 'Command' });
  await expect(box).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`#/companies/${company.id}$`));
  await page.keyboard.type('c');
  await expect(box).toHaveValue('c');
  await expect(page.getByRole('dialog', { name: 'Connect a platform' })).toHaveCount(0);

  // Each entry is an option named by its words, its key beside it.
  await box.fill('');
  await expect(option(page, 'Connect platform…')).toHaveAttribute('aria-keyshortcuts', 'C');
  // The first step first, whichever part of the screen offered its command first.
  await expect(
    palette(page).getByRole('group', { name: 'This company' }).getByRole('option').first(),
  ).toHaveAccessibleName('Connect platform…');
  for (const name of ['Copy company link', 'Copy diagnostic report', 'Refresh data', 'Audit for this company']) {
    await expect(option(page, name)).toBeVisible();
  }
  for (const name of ['New company', 'Scan all companies', 'Open settings'])
    await expect(option(page, name)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshots(page, 'company');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(
    axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? '')).map((v) => v.id),
  ).toEqual([]);

  // Escape closes it, back to where the keyboard was.
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect platform' })).toBeFocused();
  // And from any other page too.
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await expect(page).toHaveTitle('Health · Linkdesk');
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
});

test('single keys on the company view: C connects, L copies the link, I starts an invite — never while typing', async ({
  ownConsolePage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const company = await bridgeValue(page, 'companies.create', { customerId: uniqueCustomerId() });
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  const connect = page.getByRole('button', { name: 'Connect platform' });
  await expect(connect).toBeFocused();
  await expect(connect).toHaveAttribute('title', 'Connect platform (C)');

  await page.keyboard.press('c');
  const picker = page.getByRole('dialog', { name: 'Connect a platform' });
  await expect(picker).toBeVisible();
  // With the picker open, letters are the filter's.
  await page.keyboard.type('plaid');
  await expect(picker.getByRole('textbox', { name: 'Filter platforms' })).toHaveValue('plaid');
  await picker.getByRole('button', { name: 'Plaid' }).click();

  const panel = page.getByRole('region', { name: 'Hand over the Plaid link' });
  const link = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  await expect(panel.getByRole('button', { name: 'Copy link' })).toHaveAttribute('aria-keyshortcuts', 'L');
  await page.keyboard.press('l');
  await expect(panel.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  await page.keyboard.press('i');
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  await expect(composer.getByRole('textbox', { name: 'Recipient email' })).toBeFocused();
  await page.keyboard.type('li@example.com');
  await expect(composer.getByRole('textbox', { name: 'Recipient email' })).toHaveValue('li@example.com');
});

test('single keys do nothing held with Shift, Alt, Ctrl or Meta on the company view, nor with a dialog open', async ({
  ownConsolePage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const company = await bridgeValue(page, 'companies.create', { customerId: uniqueCustomerId() });
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('button', { name: 'Connect platform' })).toBeFocused();
  await page.keyboard.press('c');
  const picker = page.getByRole('dialog', { name: 'Connect a platform' });
  await picker.getByRole('button', { name: 'Plaid' }).click();
  const panel = page.getByRole('region', { name: 'Hand over the Plaid link' });
  const link = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  const copyLink = panel.getByRole('button', { name: 'Copy link' });
  await expect(copyLink).toBeFocused();
  const copied = panel.getByRole('status').filter({ hasText: 'Link copied.' });
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));

  // No dialog open, the keyboard on a button: every single key with each modifier (none of them the console's own
  // chord: those are Ctrl+K, Alt+N and Ctrl+1…7).
  for (const modifier of ['Shift', 'Alt', 'Control', 'Meta']) {
    for (const key of ['c', 'l', 'i']) await page.keyboard.press(`${modifier}+${key}`);
  }
  // A plain I now opens the composer: the keys before it were handled, and none opened a dialog (this I would then
  // have been refused) or copied the link.
  await page.keyboard.press('i');
  await expect(composer).toBeVisible();
  await expect(picker).toHaveCount(0);
  await expect(copied).toHaveCount(0);
  expect(await clipboard()).toBe('nothing copied yet');

  // The composer open and the keyboard on its Close button (not in a field): plain single keys do nothing.
  await composer.getByRole('button', { name: 'Close' }).focus();
  for (const key of ['c', 'l', 'i']) await page.keyboard.press(key);
  // Escape closes the one dialog there is: C had opened no picker over it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(copied).toHaveCount(0);
  expect(await clipboard()).toBe('nothing copied yet');

  // The same key, alone and with nothing open, does act: the refusals above were not a page that ignores keys.
  await copyLink.focus();
  await page.keyboard.press('l');
  await expect(copied).toBeVisible();
  expect(await clipboard()).toBe(link);
});

test('“Open in email app” keeps the keyboard in the composer', async ({ ownConsolePage: page }) => {
  const company = await bridgeValue(page, 'companies.create', { customerId: uniqueCustomerId() });
  await bridgeValue(page, 'connections.create', { companyId: company.id, platformKey: 'qhyg' });
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await page.evaluate(() => {
    window.open = () => null; // the browser console opens mailto: itself; nothing need open here
  });
  await page.getByRole('button', { name: 'Hand over link' }).click();
  await page.getByRole('button', { name: 'Send invite' }).click();
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  await composer.getByRole('textbox', { name: 'Recipient email' }).fill('customer@example.com');
  const open = composer.getByRole('button', { name: 'Open in email app' });
  await open.click();
  await expect(composer.getByRole('status')).toContainText('Opened in your email app');
  // Still on the button pressed (a button disabled while busy would have dropped it to the page).
  await expect(open).toBeFocused();
});

test('the palette’s actions: Unlink only opens its confirmation, Audit opens the log for the company, tags find companies', async ({
  ownConsolePage: page,
}) => {
  const company = await companyNamed(page, scenarioNames.healthy);
  const { dataConnections = [] } = await bridgeValue(page, 'companies.get', { companyId: company.id });
  const linked = dataConnections.find((connection) => connection.status === 'Linked');
  if (!linked) throw new Error('The healthy scenario has no Linked connection.');
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('unlink');
  await option(page, `Unlink ${linked.platformName}…`).click();
  const confirm = page.getByRole('dialog', { name: `Unlink ${linked.platformName}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: linked.platformName })).toContainText('Linked');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('audit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Company' })).toHaveValue(company.id);

  await page.keyboard.press('Control+k');
  await page.keyboard.type('region=uk');
  const tagged = palette(page).getByRole('group', { name: 'Tagged region=uk' }).getByRole('option');
  await expect(tagged.first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/companies\/[0-9a-f-]{36}$/);
  const openedId = new URL(page.url()).hash.split('/')[2] ?? '';
  expect((await bridgeValue(page, 'companies.get', { companyId: openedId })).tags?.['region']).toBe('uk');
});
