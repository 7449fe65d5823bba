/**
 * Steps that give the console's pages something to show, as a user would get there: a Health scan (which also
 * fills the Inbox), fresh links created in bulk for issues a customer must fix (which makes follow-ups), and the
 * Inbox and Follow-ups pages with their rows. For the specs that look at every page and dialog.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Health › "Scan all companies", until the scan has finished. Its findings go to the Inbox too. */
export async function scanHealth(page: Page) {
  await nav(page).getByRole('link', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  const scan = page.getByRole('button', { name: 'Scan all companies' });
  await scan.click();
  await expect(page.getByRole('region', { name: 'Scan' }).getByRole('status')).toHaveText(/^Scanned \d+ compan/, {
    timeout: 60_000,
  });
  await expect(scan).toBeEnabled();
}

/**
 * On Health after a scan: two issues awaiting the customer's authorisation selected, "Create fresh links" pressed.
 * `whileCreating` sees the dialog while it is still creating them (Codat's answers are held back until it is
 * done). Returns the dialog once both links are there.
 */
export async function createTwoFreshLinks(
  page: Page,
  whileCreating?: (dialog: Locator) => Promise<void>,
): Promise<Locator> {
  await page.getByRole('combobox', { name: 'Category' }).selectOption('awaiting_authorisation');
  const boxes = page.getByRole('checkbox', { name: /^Select (?!all shown$)/ });
  for (const index of [0, 1]) await boxes.nth(index).check();
  const bar = page.getByRole('region', { name: 'Selected issues' });
  await expect(bar).toContainText('2 connections selected');

  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const freshLink = '**/bridge/followups.freshLink';
  if (whileCreating) {
    await page.route(freshLink, async (route) => {
      await held;
      await route.continue();
    });
  }
  await bar.getByRole('button', { name: 'Create fresh links' }).click();
  if (whileCreating) {
    const creating = page.getByRole('dialog', { name: 'Creating fresh links' });
    await expect(creating.getByRole('status').first()).toHaveText('0 of 2');
    await whileCreating(creating);
    release();
  }
  const results = page.getByRole('dialog', { name: '2 fresh links' });
  await expect(results.getByRole('status').first()).toHaveText('2 of 2');
  if (whileCreating) await page.unroute(freshLink);
  await expect(results.getByRole('list', { name: 'Fresh links created' }).getByRole('listitem')).toHaveCount(2);
  return results;
}

/** The Inbox with the rows a scan put in New. */
export async function openInbox(page: Page) {
  await nav(page).getByRole('link', { name: 'Inbox', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(
    page
      .getByRole('group', { name: /^Issues: / })
      .getByRole('link')
      .first(),
  ).toBeVisible();
}

/** Follow-ups with the fresh links waiting for their customers, and the Link completion section drawn. */
export async function openFollowUps(page: Page) {
  await nav(page).getByRole('link', { name: 'Follow-ups', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Follow-ups' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Waiting for the customer' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('table', { name: /^Link completion by week/ })).toBeVisible();
}
