/**
 * Follow-ups end to end, as an account manager lives them over a day: two links handed over (one copied, one in
 * an invite), one customer authorises on the consent page, a day goes by (the sandbox's clock, main's and the
 * page's move on together), and the console says so — the Follow-ups page, its reminders, and Health's fresh
 * links in bulk for the customer who let the link expire.
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { bridgeValue } from './bridge';
import { parseCsv } from './csv';
import { expect, test } from './fixtures';

const hour = 3_600_000;

test.use({
  locale: 'en-US',
  viewport: { width: 1280, height: 900 },
  sandboxOptions: { companies: 3, seed: 7, clock: { speed: 0 } },
  shiftableMainClock: true,
});

async function openFollowUps(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Follow-ups', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Follow-ups' })).toBeVisible();
}

/** "Check now" on the Follow-ups page, waiting until main has answered: the time of the last check changes. */
async function checkNow(page: Page) {
  const checkedAt = page.locator('.followups-watch time');
  const before = (await checkedAt.count()) > 0 ? await checkedAt.getAttribute('datetime') : null;
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.locator('.followups-watch p').first()).toContainText('Checked with Codat just now');
  if (before) await expect(checkedAt).not.toHaveAttribute('datetime', before);
}

test('two links handed over, one authorised, a day later: follow-ups, reminders once each, fresh links in bulk', async ({
  sandboxConsolePage: page,
  passTime,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });

  const bakery = await bridgeValue(page, 'companies.create', { customerId: 'Journey Bakery' });
  await bridgeValue(page, 'connections.create', { companyId: bakery.id, platformKey: 'gbol' });
  const florist = await bridgeValue(page, 'companies.create', { customerId: 'Journey Florist' });
  await bridgeValue(page, 'connections.create', { companyId: florist.id, platformKey: 'gbol' });
  const origin = new URL(page.url()).origin;

  // The bakery's link is copied (read out over the phone); the florist's goes in an invite.
  await page.goto(`${origin}/#/companies/${bakery.id}`);
  await page.getByRole('article', { name: 'Xero' }).getByRole('button', { name: 'Hand over link' }).click();
  let panel = page.getByRole('region', { name: 'Hand over the Xero link' });
  const bakeryLink = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await page.goto(`${origin}/#/companies/${florist.id}`);
  await page.getByRole('article', { name: 'Xero' }).getByRole('button', { name: 'Hand over link' }).click();
  panel = page.getByRole('region', { name: 'Hand over the Xero link' });
  await panel.getByRole('button', { name: 'Send invite' }).click();
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  await composer.getByRole('textbox', { name: 'Recipient email' }).fill('owner@florist.example');
  await composer.getByRole('button', { name: 'Copy invite' }).click();
  await expect(composer.getByRole('status')).toContainText('Invite copied');
  await page.keyboard.press('Escape');

  await openFollowUps(page);
  const waiting = page.getByRole('region', { name: 'Waiting for the customer' });
  await expect(waiting.getByRole('row', { name: /Journey Bakery/ })).toContainText(/Copied by \S+/);
  await expect(waiting.getByRole('row', { name: /Journey Florist/ })).toContainText(
    /Invite to owner@florist\.example by \S+/,
  );

  // The bakery's owner authorises on the consent page, and says so on the phone: "Check now".
  const customer = await context.newPage();
  await customer.goto(bakeryLink);
  await customer.getByRole('button', { name: 'Authorise' }).click();
  await expect(customer.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await customer.close();
  await checkNow(page);
  const reminders = page.getByRole('status', { name: 'Reminders and alerts' });
  await expect(reminders).toContainText('Journey Bakery linked Xero');
  await expect(page.getByRole('region', { name: 'Linked, first sync running' })).toContainText('Journey Bakery');

  // 23 hours later: the bakery's first sync has finished; the florist's unused link has an hour left.
  await passTime(23 * hour);
  await checkNow(page);
  await expect(reminders).toContainText('Journey Bakery’s first sync finished');
  await expect(reminders).toContainText('Journey Florist’s link expires in 2 hours');
  const dismissButtons = reminders.getByRole('button', { name: /^Dismiss/ });
  while ((await dismissButtons.count()) > 0) await dismissButtons.first().click();
  // Checked again at once: the link is still about to expire, but that was said; no reminder comes.
  await checkNow(page);
  await expect(dismissButtons).toHaveCount(0);

  // An hour on: the florist never used the link.
  await passTime(hour + 60_000);
  await checkNow(page);
  await expect(reminders).toContainText(/Journey Florist/);
  await expect(reminders).toContainText(/expired unused/);
  const expired = page.getByRole('region', { name: 'Expired unused' });
  await expect(expired.getByRole('row', { name: /Journey Florist/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Done today' })).toContainText('Journey Bakery');
  const badge = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Follow-ups', exact: true });
  await expect(badge).toHaveAccessibleDescription(/1 needs action/);
  // Main recorded each reminder it gave, once.
  const { handOvers } = await bridgeValue(page, 'followups.list', {});
  expect(handOvers.find((item) => item.company.name === 'Journey Bakery')?.notified).toEqual([
    'linked',
    'first_sync_finished',
  ]);
  expect(handOvers.find((item) => item.company.name === 'Journey Florist')?.notified).toEqual([
    'expiring_soon',
    'expired',
  ]);

  // Health finds the florist still awaiting authorisation; a fresh link for it, in bulk, goes to the same person.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
  await page.getByRole('button', { name: 'Scan all companies' }).click();
  await expect(page.getByRole('region', { name: 'Scan' }).getByRole('status')).toHaveText(/^Scanned \d+ compan/, {
    timeout: 60_000,
  });
  await page.getByRole('checkbox', { name: 'Select Journey Florist', exact: true }).check();
  await page
    .getByRole('region', { name: 'Selected issues' })
    .getByRole('button', { name: 'Create fresh links' })
    .click();
  const results = page.getByRole('dialog', { name: '1 fresh link' });
  await expect(results.getByRole('status').first()).toHaveText('1 of 1');
  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Export mail merge CSV' }).click();
  const [, row] = parseCsv((await readFile(await (await download).path(), 'utf8')).slice(1));
  expect(row?.slice(0, 3)).toEqual(['owner@florist.example', 'Journey Florist', 'Xero']);
  expect(row?.[3]).toMatch(/otp=\d{6}$/);
  await results.getByRole('button', { name: 'Close' }).click();

  // Follow-ups again: the fresh link waits for the florist, the expired one is replaced.
  await openFollowUps(page);
  await expect(waiting.getByRole('row', { name: /Journey Florist/ })).toContainText(/Fresh link created by \S+/);
  await expect(page.getByRole('region', { name: 'Expired unused' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Done today' })).toContainText(/Journey Florist[\s\S]*Replaced/);
  const audit = await bridgeValue(page, 'audit.list', { action: 'link.fresh' });
  expect(audit.records.map((record) => record.target.companyName)).toContain('Journey Florist');

  // For people to look at: the page and its Link completion chart after the day, in light and dark.
  const completion = page.getByRole('region', { name: 'Link completion' });
  await expect(completion.getByRole('table')).toBeVisible();
  await page.getByRole('button', { name: /^Dismiss/ }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/followups-journey-${scheme}.png` });
    await completion.screenshot({ path: `test-results/screenshots/followups-completion-${scheme}.png` });
  }
});
