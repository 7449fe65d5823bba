/**
 * The Inbox end to end (issue 16, item 8): monitoring turned on, two connections broken through the sandbox's
 * control API, "Check now" finds them, triage from the keyboard, one fixed on the consent page, time moves on
 * (sandbox, main and page clocks together) and the next round resolves it. Screenshots light and dark.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bridgeValue } from './bridge';
import { expect, test } from './fixtures';

const hour = 60 * 60 * 1000;
const shots = 'test-results/screenshots';

test.use({
  locale: 'en-US',
  viewport: { width: 1280, height: 900 },
  // No seeded companies: the only issues are the two this test makes.
  sandboxOptions: { companies: 0, seed: 11, clock: { speed: 0 } },
  shiftableMainClock: true,
});

async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${shots}/inbox-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const row = (page: Page, company: string) => page.getByRole('link', { name: new RegExp(company) });

test('monitoring finds two broken connections, triage from the keyboard, one fixed and resolved a day later', async ({
  sandboxConsolePage: page,
  passTime,
  sandbox,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Two companies, each with a Xero connection the customer authorises.
  const linked: Array<{ name: string; companyId: string; connectionId: string; linkUrl: string }> = [];
  for (const customerId of ['Inbox Bakery', 'Inbox Florist']) {
    const company = await bridgeValue(page, 'companies.create', { customerId });
    const connection = await bridgeValue(page, 'connections.create', { companyId: company.id, platformKey: 'gbol' });
    const customer = await context.newPage();
    await customer.goto(connection.linkUrl);
    await customer.getByRole('button', { name: 'Authorise' }).click();
    await expect(customer.getByRole('heading', { name: 'Connected' })).toBeVisible();
    await customer.close();
    linked.push({
      name: company.name,
      companyId: company.id,
      connectionId: connection.id,
      linkUrl: connection.linkUrl,
    });
  }

  // Settings › Monitor: on, every 15 minutes.
  await nav.getByRole('link', { name: 'Settings' }).click();
  const monitor = page.getByRole('region', { name: 'Monitor' });
  await monitor.getByRole('checkbox', { name: 'Monitor in the background' }).check();
  await monitor.getByRole('combobox', { name: 'Check every' }).selectOption({ label: '15 min' });
  await monitor.getByRole('button', { name: 'Save monitor settings' }).click();
  await expect(monitor.getByRole('status')).toHaveText(/Saved/);

  // Both connections break (the customer revoked access in their software).
  for (const { companyId, connectionId } of linked) sandbox.control.deauthorize(companyId, connectionId);

  // Inbox › Check now: both found, as New, with the badge (and the browser tab's title) counting them.
  await nav.getByRole('link', { name: 'Inbox', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.locator('.inbox-round')).toHaveText(/^Check finished: 2 new/, { timeout: 60_000 });
  await expect(page.getByRole('tab', { name: 'New', exact: true })).toHaveAccessibleDescription('2 issues');
  await expect(nav.getByRole('link', { name: 'Inbox', exact: true })).toHaveAccessibleDescription('2 new issues');
  await expect(page).toHaveTitle('(2) Inbox · Linkdesk');
  expect(await new AxeBuilder({ page }).analyze().then((result) => result.violations)).toEqual([]);
  await screenshots(page, 'new');

  // Keyboard triage: J to the first row, A acknowledges it; the second takes the keyboard, S snoozes it an hour.
  await page.keyboard.press('j');
  const [bakery, florist] = linked as [(typeof linked)[number], (typeof linked)[number]];
  const first = page.locator('.inbox-row').first();
  await expect(first).toBeFocused();
  const firstName = (await first.locator('.inbox-company-name').textContent()) ?? '';
  const other = firstName === bakery.name ? florist : bakery;
  await page.keyboard.press('a');
  await expect(row(page, other.name)).toBeFocused();
  await page.keyboard.press('s');
  await expect(page.getByRole('menu', { name: 'Snooze' })).toBeVisible();
  await page.keyboard.press('Enter'); // 1 hour
  await expect(page.getByRole('heading', { name: 'Nothing new' })).toBeVisible();
  await expect(page).toHaveTitle('Inbox · Linkdesk');

  // Acknowledged: its history says who, and the diagnostic report is a click away.
  await page.getByRole('tab', { name: 'Acknowledged', exact: true }).click();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('region', { name: `History of ${firstName}` });
  await expect(history.getByRole('list', { name: 'History, newest first' })).toContainText(/Acknowledged by \S+/);
  await history.getByRole('button', { name: 'Copy diagnostic report' }).click();
  await expect(history.getByRole('status')).toHaveText('Diagnostic report copied.');
  await screenshots(page, 'history');

  // The acknowledged one is fixed: its customer authorises again on the consent page, with a fresh link (the first
  // was used up).
  const fixed = firstName === bakery.name ? bakery : florist;
  const { linkUrl: freshLink } = await bridgeValue(page, 'connections.get', {
    companyId: fixed.companyId,
    connectionId: fixed.connectionId,
  });
  const customer = await context.newPage();
  await customer.goto(freshLink);
  await customer.getByRole('button', { name: 'Authorise' }).click();
  await expect(customer.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await customer.close();

  // A day on: the snoozed one is New again (still broken), the fixed one resolved.
  await passTime(24 * hour + 60_000);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.locator('.inbox-round')).toHaveText(/^Check finished:.*1 resolved/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Resolved', exact: true }).click();
  await expect(row(page, fixed.name)).toBeVisible();
  await page.getByRole('tab', { name: 'New', exact: true }).click();
  await expect(row(page, other.name)).toBeVisible();
  await screenshots(page, 'resolved');
});
