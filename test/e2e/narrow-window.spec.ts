/**
 * A 900×700 window: the navigation narrows to its icons; every page, dialog and menu shows all it holds (nothing
 * cut off, nothing spilling out of its box); and wide tables (History, Sync status, Follow-ups, Link completion)
 * fit, or scroll sideways inside a labelled region the keyboard can scroll, never squeezed until a header breaks
 * mid-word.
 */
import type { Locator, Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { companyNamed } from './bridge';
import { createTwoFreshLinks, openFollowUps, openInbox, scanHealth } from './console-content';
import { expect, test } from './fixtures';
import { cutOffIn, expectKeyboardReachesAllColumns, tableProblems } from './layout';

test.use({ viewport: { width: 900, height: 700 } });

async function openCompany(page: Page, name: string) {
  const company = await companyNamed(page, name);
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The table fits, or scrolls sideways in a labelled region the keyboard can scroll; nothing in it is squeezed. */
async function expectTableReadable(page: Page, table: Locator) {
  // The region takes its Tab stop once it has measured that it scrolls: wait for that, not for a time.
  await expect.poll(() => tableProblems(table)).toEqual([]);
  await expectKeyboardReachesAllColumns(page, table);
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

test('at 900×700 History and Sync status fit or scroll sideways in their own region, never squeezed', async ({
  consolePage: page,
}) => {
  await openCompany(page, scenarioNames.syncFailing);
  const investigate = page.getByRole('region', { name: 'Investigate' });

  await investigate.getByRole('tab', { name: 'Sync status' }).click();
  const sync = page.getByRole('tabpanel', { name: 'Sync status' }).getByRole('table');
  await expect(sync.getByRole('row').nth(1)).toBeVisible();
  await sync.scrollIntoViewIfNeeded();
  await screenshots(page, 'sync-status');
  await expectTableReadable(page, sync);

  await investigate.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' }).getByRole('table');
  await expect(history.getByRole('row').nth(1)).toBeVisible();
  await history.scrollIntoViewIfNeeded();
  await screenshots(page, 'history');
  await expectTableReadable(page, history);
});

test('at 900×700 the bulk dialogs, the Inbox with its Snooze menu and History, and Follow-ups cut nothing off', async ({
  ownConsolePage: page,
}) => {
  test.setTimeout(180_000);
  const main = page.locator('#main-content');
  await scanHealth(page);
  const freshLinks = await createTwoFreshLinks(page, async (creating) => {
    await screenshots(page, 'fresh-links-creating');
    expect(await cutOffIn(creating)).toEqual([]);
  });
  await screenshots(page, 'fresh-links');
  expect(await cutOffIn(freshLinks)).toEqual([]);
  await freshLinks.getByRole('button', { name: 'Compose invites' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite email' });
  await expect(invite.getByRole('textbox', { name: 'Message' })).toHaveValue(/otp=\d{6}/);
  await screenshots(page, 'fresh-links-invite');
  expect(await cutOffIn(invite)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(freshLinks.getByRole('group', { name: 'Next invite' })).toBeVisible();
  expect(await cutOffIn(freshLinks)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(freshLinks).toHaveCount(0);

  await openInbox(page);
  await screenshots(page, 'inbox');
  expect(await cutOffIn(main, { vertical: false })).toEqual([]);
  await page.getByRole('button', { name: 'Snooze', exact: true }).click();
  const snooze = page.getByRole('menu', { name: 'Snooze' });
  await expect(snooze.getByRole('menuitem', { name: '1 hour' })).toBeFocused();
  await screenshots(page, 'inbox-snooze-menu');
  expect(await cutOffIn(snooze)).toEqual([]);
  await snooze.getByRole('menuitem', { name: 'Pick a date…' }).click();
  const snoozeUntil = page.getByRole('form', { name: 'Snooze until a time' });
  await expect(snoozeUntil.getByLabel('Snooze until')).toBeFocused();
  await screenshots(page, 'inbox-snooze-until');
  expect(await cutOffIn(snoozeUntil)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(snoozeUntil).toHaveCount(0);
  await page.getByRole('button', { name: 'History', exact: true }).first().click();
  const history = page.getByRole('region', { name: /^History of / });
  await expect(
    history.getByRole('list', { name: 'History, newest first' }).getByRole('listitem').first(),
  ).toBeVisible();
  await screenshots(page, 'inbox-history');
  expect(await cutOffIn(history, { vertical: false })).toEqual([]);

  await openFollowUps(page);
  await screenshots(page, 'followups');
  expect(await cutOffIn(main, { vertical: false })).toEqual([]);
  const tables = main.getByRole('table');
  await expect(tables).toHaveCount(2); // Waiting for the customer, and Link completion
  for (const table of await tables.all()) await expectTableReadable(page, table);
});
