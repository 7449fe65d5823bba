/**
 * Fresh links in bulk from Health: scan the training sandbox, select two issues a customer must fix through a link,
 * create fresh links for them, export the mail merge CSV and read its rows, and compose their invites one after
 * another; each link is followed up and audited. Screenshots of the bar and the results in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { bridgeValue } from './bridge';
import { parseCsv } from './csv';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 900 } });

const chosen = [scenarioNames.awaitingAuth, scenarioNames.deauthorized] as const;

async function scan(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await page.getByRole('button', { name: 'Scan all companies' }).click();
  await expect(page.getByRole('region', { name: 'Scan' }).getByRole('status')).toHaveText(/^Scanned \d+ compan/, {
    timeout: 60_000,
  });
}

/** A row's checkbox, scrolling the (virtualised) list until its row has been rendered. */
async function checkboxFor(page: Page, companyName: string): Promise<Locator> {
  const box = page.getByRole('checkbox', { name: `Select ${companyName}`, exact: true }).first();
  const main = page.locator('#main-content');
  await main.evaluate((element) => (element.scrollTop = 0));
  for (let step = 0; step < 100 && (await box.count()) === 0; step += 1) {
    const atEnd = await main.evaluate((element) => {
      const before = element.scrollTop;
      element.scrollTop += element.clientHeight * 0.6;
      return element.scrollTop === before;
    });
    if (atEnd) break;
  }
  await expect(box, `a checkbox for ${companyName}`).toHaveCount(1);
  return box;
}

async function selectTwoAndCreate(page: Page) {
  await scan(page);
  await (await checkboxFor(page, chosen[0])).check();
  // From the keyboard: Space on a focused row selects it (and Enter still opens the company).
  const second = await checkboxFor(page, chosen[1]);
  await page.locator('.issue-row-frame').filter({ has: second }).locator('a.issue-row').focus();
  await page.keyboard.press('Space');
  await expect(second).toBeChecked();
  const bar = page.getByRole('region', { name: 'Selected issues' });
  await expect(bar).toContainText('2 connections selected');
  const withBar = await new AxeBuilder({ page }).analyze();
  expect(withBar.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);
  await bar.getByRole('button', { name: 'Create fresh links' }).click();
  const results = page.getByRole('dialog', { name: '2 fresh links' });
  await expect(results.getByRole('status').first()).toHaveText('2 of 2');
  return results;
}

test('selects two issues, creates their fresh links, exports the mail merge and composes the invites', async ({
  ownConsolePage: page,
}) => {
  const results = await selectTwoAndCreate(page);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);

  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Export mail merge CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^linkdesk-fresh-links-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await file.path(), 'utf8');
  // A byte-order mark, so that a spreadsheet reads the names as UTF-8.
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(['Recipient', 'Customer', 'Platform', 'Link', 'Expires at', 'Expires at (local time)']);
  expect(rows.map((row) => row[1]).sort()).toEqual([...chosen].sort());
  for (const row of rows) {
    expect(row[3]).toMatch(/\/connections\/[0-9a-f-]{36}\/start\?otp=\d{6}$/);
    expect(Date.parse(row[4]!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  }

  // Each link is followed up, and audited as created.
  const { handOvers } = await bridgeValue(page, 'followups.list', {});
  const fresh = handOvers.filter((item) => item.how === 'fresh_link' && chosen.includes(item.company.name as never));
  expect(fresh.map((item) => item.company.name).sort()).toEqual([...chosen].sort());
  const { records } = await bridgeValue(page, 'audit.list', { action: 'link.fresh' });
  expect(records.filter((record) => chosen.includes(record.target.companyName as never))).toHaveLength(2);

  // Invites, one after another in the usual composer.
  await page.evaluate(() => {
    window.open = () => null; // the browser console opens mailto: itself; nothing need open here
  });
  await results.getByRole('button', { name: 'Compose invites' }).click();
  let composer = page.getByRole('dialog', { name: 'Invite email' });
  await composer.getByRole('textbox', { name: 'Recipient email' }).fill('first@customer.test');
  await composer.getByRole('button', { name: 'Open in email app' }).click();
  await expect(composer.getByRole('status')).toContainText('Opened in your email app');
  await composer.getByRole('button', { name: 'Close' }).click();
  const next = page.getByRole('dialog', { name: '2 fresh links' }).getByRole('group', { name: 'Next invite' });
  await expect(next).toContainText('Invite 2 of 2');
  await expect(next.getByRole('button', { name: 'Compose invite 2 of 2' })).toBeFocused();
  await next.getByRole('button', { name: 'Compose invite 2 of 2' }).click();
  composer = page.getByRole('dialog', { name: 'Invite email' });
  await expect(composer.getByRole('textbox', { name: 'Message' })).toHaveValue(/otp=\d{6}/);
  await composer.getByRole('textbox', { name: 'Recipient email' }).fill('second@customer.test');
  await composer.getByRole('button', { name: 'Open in email app' }).click();
  await expect(composer.getByRole('status')).toContainText('Opened in your email app');
  await composer.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: '2 fresh links' }).getByRole('status').last()).toHaveText(
    '2 invites sent or copied.',
  );
  await expect
    .poll(async () =>
      (await bridgeValue(page, 'followups.list', {})).handOvers
        .filter((item) => chosen.includes(item.company.name as never) && item.state === 'awaiting')
        .map((item) => item.recipient)
        .sort(),
    )
    .toEqual(['first@customer.test', 'second@customer.test']);

  // Closing leaves nothing selected: both worked.
  await page.getByRole('dialog', { name: '2 fresh links' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('region', { name: 'Selected issues' })).toHaveCount(0);
});

// Screenshots for people to look at: they check nothing beyond the page rendering.
for (const scheme of ['light', 'dark'] as const) {
  test(
    `artifact: screenshots of fresh links in bulk (${scheme})`,
    { tag: '@artifact' },
    async ({ ownConsolePage: page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await scan(page);
      await page.getByRole('combobox', { name: 'Category' }).selectOption('awaiting_authorisation');
      await page.getByRole('checkbox', { name: 'Select all shown' }).check();
      await expect(page.getByRole('region', { name: 'Selected issues' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/health-bulk-selected-${scheme}.png` });
      await page
        .getByRole('region', { name: 'Selected issues' })
        .getByRole('button', { name: 'Create fresh links' })
        .click();
      await expect(page.getByRole('dialog', { name: /fresh links?$/ })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Export mail merge CSV' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/health-bulk-results-${scheme}.png` });
    },
  );
}
