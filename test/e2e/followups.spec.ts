/**
 * The Follow-ups page end to end: a link handed over from a company view is followed on the page, moves from
 * "Waiting for the customer" to "Expiring soon" to "Expired unused" as its day runs out (the sandbox's manual
 * clock for Codat, the browser's clock for the page), and "Send fresh link" opens the composer with the
 * connection's new link, addressed to the last recipient.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bridgeValue } from './bridge';
import { expect, test, trainingWorld } from './fixtures';

const hour = 60 * 60 * 1000;
const shots = 'test-results/screenshots';

test.use({
  locale: 'en-US',
  viewport: { width: 1280, height: 900 },
  sandboxOptions: { ...trainingWorld, companies: 3, clock: { speed: 0 } },
});

async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${shots}/followups-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a handed-over link is followed from waiting to expiring to expired, and a fresh link goes to the same person', async ({
  sandboxConsolePage: page,
  sandbox,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  // The page judges time left by its own clock: it moves on with the sandbox's.
  // (Installed before the app starts, so that every timer of the app runs on it.)
  await page.clock.install();
  await page.reload();
  const company = await bridgeValue(page, 'companies.create', { customerId: 'Follow-Up Bakery' });
  const name = company.name;
  await bridgeValue(page, 'connections.create', { companyId: company.id, platformKey: 'gbol' });

  // Hand the link over from the company view, in an invite to the customer.
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await page.getByRole('article', { name: 'Xero' }).getByRole('button', { name: 'Hand over link' }).click();
  const panel = page.getByRole('region', { name: 'Hand over the Xero link' });
  const firstLink = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  await panel.getByRole('button', { name: 'Send invite' }).click();
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  await composer.getByRole('textbox', { name: 'Recipient email' }).fill('owner@bakery.example');
  await composer.getByRole('button', { name: 'Copy invite' }).click();
  await expect(composer.getByRole('status')).toContainText('Invite copied');
  await page.keyboard.press('Escape');

  const nav = page.getByRole('navigation', { name: 'Main' });
  const followUps = nav.getByRole('link', { name: 'Follow-ups', exact: true });
  await followUps.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Follow-ups' })).toBeVisible();
  const waiting = page.getByRole('region', { name: 'Waiting for the customer' });
  const row = (region = page.locator('main')) => region.getByRole('row', { name: new RegExp(name) });
  await expect(row(waiting)).toContainText(/Invite to owner@bakery\.example by \S+/);
  await expect(row(waiting)).toContainText(/2\d hr \d+ min left|23 hr/);
  await expect(page.getByText(/Checked with Codat|Not checked with Codat yet/)).toBeVisible();
  await screenshots(page, 'waiting');

  // 22 hours on: 2 hours left, and the navigation counts it as needing action.
  sandbox.control.advanceClock(22 * hour);
  await page.clock.fastForward(22 * hour);
  const expiring = page.getByRole('region', { name: 'Expiring soon' });
  await expect(row(expiring)).toContainText(/1 hr \d+ min left/);
  await expect(
    nav.getByRole('link', { name: 'Follow-ups', exact: true, description: /^1 needs action$/ }),
  ).toBeVisible();
  await expect(waiting).toHaveCount(0);
  await screenshots(page, 'expiring');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  // A narrow window: the navigation keeps the count on its icon; the table scrolls sideways, never squeezed.
  await page.setViewportSize({ width: 900, height: 900 });
  await screenshots(page, 'expiring-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Past its day: expired unused.
  sandbox.control.advanceClock(2 * hour + 60_000);
  await page.clock.fastForward(2 * hour + 60_000);
  const expired = page.getByRole('region', { name: 'Expired unused' });
  await expect(row(expired)).toContainText(/Expired .*ago/);
  await expect(expiring).toHaveCount(0);

  // A fresh link, in the composer, to the same person.
  const send = row(expired).getByRole('button', { name: 'Send fresh link' });
  await send.click();
  await expect(composer).toBeVisible();
  await expect(composer.getByRole('textbox', { name: 'Recipient email' })).toHaveValue('owner@bakery.example');
  const message = await composer.getByRole('textbox', { name: 'Message' }).inputValue();
  expect(message).toMatch(/\/connections\/[0-9a-f-]{36}\/start\?otp=\d{6}/);
  expect(message).not.toContain(firstLink);
  await screenshots(page, 'fresh-link');

  // Sent: main records the fresh link, which replaces the expired one. Main runs on real time here (only Codat's
  // clock was moved), so the page goes back to real time to judge the new link's day as main does.
  await page.clock.setSystemTime(Date.now());
  await composer.getByRole('button', { name: 'Copy invite' }).click();
  await expect(composer.getByRole('status')).toContainText('Invite copied');
  await page.keyboard.press('Escape');
  await expect(composer).toHaveCount(0);
  await expect(row(page.getByRole('region', { name: 'Waiting for the customer' }))).toContainText(/2\d hr/);
  await expect(row(page.getByRole('region', { name: 'Done today' }))).toContainText('Replaced by a fresh link');
  await expect(expired).toHaveCount(0);
  // The keyboard is back on the row that took its place.
  await expect(
    row(page.getByRole('region', { name: 'Waiting for the customer' })).getByRole('button', {
      name: 'Send fresh link',
    }),
  ).toBeFocused();
  await expect(nav.getByRole('link', { name: 'Follow-ups', exact: true })).toHaveAttribute('aria-current', 'page');
  await screenshots(page, 'after');

  // Clear done: the replaced one goes.
  await page.getByRole('button', { name: 'Clear done' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cleared 1 hand-over' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Done today' })).toHaveCount(0);
});
