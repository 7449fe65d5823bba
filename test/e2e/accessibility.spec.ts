/**
 * Every page and every dialog and menu, in the light and the dark theme, passes axe with no serious or critical
 * violation, and every control's accessible name contains its visible label (axe's `label-content-name-mismatch`,
 * which axe does not run by default); a menu holds its items inside its own box. Pages are shown with content: a
 * Health scan fills Health and the Inbox, fresh links created in bulk fill Follow-ups. One page load per theme;
 * the rest is reached by clicking, as a user would. Each state checked is also a screenshot
 * (`test-results/screenshots/a11y-<state>-<theme>.png`).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { createTwoFreshLinks, openFollowUps, openInbox, scanHealth } from './console-content';
import { expect, test } from './fixtures';
import { cutOffIn } from './layout';

type Scheme = 'light' | 'dark';

/** Runs axe on the page as it is now; what it finds is collected (soft), so one run reports every state. */
async function checkPage(page: Page, scheme: Scheme, state: string) {
  await page.screenshot({ path: `test-results/screenshots/a11y-${state}-${scheme}.png` });
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const found = results.violations
    .filter(
      (violation) =>
        violation.impact === 'serious' ||
        violation.impact === 'critical' ||
        violation.id === 'label-content-name-mismatch',
    )
    .flatMap((violation) =>
      violation.nodes.map((node) => `${state}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}`),
    );
  expect.soft(found, `axe in the ${scheme} theme`).toEqual([]);
}

/**
 * A menu or popover draws its items inside its own box: items spilling out of it lie over the page without a
 * background, unreadable over what is under them, which axe cannot see.
 */
async function checkPopover(popover: Locator, scheme: Scheme) {
  expect.soft(await cutOffIn(popover), `a popover in the ${scheme} theme`).toEqual([]);
}

async function closeWithEscape(page: Page, dialog: Locator) {
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

/** From anywhere: Companies in the navigation, the name in the search box, a click on the result. */
async function openCompany(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(name);
  await page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page, dialog and menu passes axe in the ${scheme} theme`, async ({ ownConsolePage: page }) => {
    test.setTimeout(360_000);
    await page.emulateMedia({ colorScheme: scheme });
    const check = (state: string) => checkPage(page, scheme, state);
    const nav = page.getByRole('navigation', { name: 'Main' });

    // Companies, and the new-company form with an existing name's duplicates listed.
    await expect(
      page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option').first(),
    ).toBeVisible();
    await check('companies');
    await page.getByRole('button', { name: 'New company' }).click();
    const customerId = page.getByRole('textbox', { name: 'Customer ID' });
    await customerId.fill(scenarioNames.unlinked);
    await expect(page.getByRole('listitem', { name: scenarioNames.unlinked })).toBeVisible();
    await check('new-company-duplicate');

    // A company of this run's own: create it, connect a platform, hand over the link, compose the invite.
    const name = `A11y ${scheme} ${Date.now()}`;
    await customerId.fill(name);
    await expect(page.getByText(`No company is named “${name}” yet.`)).toBeVisible();
    await page.getByRole('button', { name: 'Create company', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await check('company-new');
    await page.getByRole('button', { name: 'Connect platform' }).click();
    const picker = page.getByRole('dialog', { name: 'Connect a platform' });
    await expect(picker.getByRole('button', { name: 'Xero', exact: true })).toBeVisible();
    await check('platform-picker');
    await picker.getByRole('button', { name: 'Xero', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Hand over the Xero link' });
    await expect(panel.getByRole('textbox', { name: 'Connection link' })).toHaveValue(/otp=/);
    await check('hand-over');
    await panel.getByRole('button', { name: 'Send invite' }).click();
    const composer = page.getByRole('dialog', { name: 'Invite email' });
    await expect(composer.getByRole('textbox', { name: 'Recipient email' })).toBeFocused();
    await check('invite-composer');
    await closeWithEscape(page, composer);

    // Its rare actions: delete the connection, the More actions menu, delete the company (each cancelled).
    await page.getByRole('article', { name: 'Xero' }).getByRole('button', { name: 'Delete connection' }).click();
    const deleteConnection = page.getByRole('dialog', { name: /^Delete the Xero connection/ });
    await expect(deleteConnection.getByRole('textbox', { name: 'Platform name' })).toBeFocused();
    await check('delete-connection');
    await closeWithEscape(page, deleteConnection);
    await page.getByRole('button', { name: 'More actions' }).click();
    const deleteItem = page
      .getByRole('menu', { name: 'More actions' })
      .getByRole('menuitem', { name: 'Delete company' });
    await expect(deleteItem).toBeFocused();
    await check('more-actions-menu');
    await checkPopover(page.getByRole('menu', { name: 'More actions' }), scheme);
    await deleteItem.press('Enter');
    const deleteCompany = page.getByRole('dialog', { name: `Delete ${name}?` });
    await expect(deleteCompany.getByRole('textbox', { name: 'Company name' })).toBeFocused();
    await check('delete-company');
    await closeWithEscape(page, deleteCompany);
    await page.getByRole('button', { name: 'Show diagnostic report' }).click();
    const report = page.getByRole('dialog', { name: 'Diagnostic report' });
    await expect(report.getByRole('textbox', { name: 'Diagnostic report' })).toBeFocused();
    await check('diagnostic-report');
    await closeWithEscape(page, report);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('option', { name: 'Connect platform…' })).toBeVisible();
    await check('command-palette');
    await closeWithEscape(page, palette);

    // A linked company with a failing sync: unlink, each investigation tab, a pull's details.
    await openCompany(page, scenarioNames.syncFailing);
    const card = page.getByRole('article', { name: 'QuickBooks Online' });
    await card.getByRole('button', { name: 'Unlink', exact: true }).click();
    const unlink = page.getByRole('dialog', { name: 'Unlink QuickBooks Online?' });
    await expect(unlink.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await check('unlink');
    await closeWithEscape(page, unlink);
    const investigate = page.getByRole('region', { name: 'Investigate' });
    for (const [tabName, ready] of [
      ['Diagnosis', (panel: Locator) => panel.getByRole('article').first()],
      ['Sync status', (panel: Locator) => panel.getByRole('table')],
      ['History', (panel: Locator) => panel.getByRole('table')],
      ['Timeline', (panel: Locator) => panel.getByRole('list', { name: 'Events, newest first' })],
    ] as const) {
      await investigate.getByRole('tab', { name: tabName, exact: true }).click();
      await expect(ready(page.getByRole('tabpanel', { name: tabName }))).toBeVisible();
      await check(`investigate-${tabName.toLowerCase().replace(' ', '-')}`);
    }
    await investigate.getByRole('tab', { name: 'Sync status', exact: true }).click();
    await page.getByRole('button', { name: /^Latest invoices sync/ }).click();
    const pull = page.getByRole('dialog', { name: 'Pull operation' });
    await expect(pull).toContainText('FetchError');
    await check('pull-operation');
    await closeWithEscape(page, pull);

    // Health after a scan, and its bulk dialogs: fresh links being created, created, and their invites.
    await scanHealth(page);
    await check('health');
    const freshLinks = await createTwoFreshLinks(page, () => check('fresh-links-creating'));
    await check('fresh-links');
    await freshLinks.getByRole('button', { name: 'Compose invites' }).click();
    const freshInvite = page.getByRole('dialog', { name: 'Invite email' });
    await expect(freshInvite.getByRole('textbox', { name: 'Message' })).toHaveValue(/otp=\d{6}/);
    await check('fresh-links-invite');
    await closeWithEscape(page, freshInvite);
    await expect(freshLinks.getByRole('button', { name: 'Compose invite 2 of 2' })).toBeFocused();
    await check('fresh-links-next-invite');
    await closeWithEscape(page, freshLinks);

    // The Inbox the scan filled: its rows, the Snooze menu and its own time, an issue's history.
    await openInbox(page);
    await check('inbox');
    await page.getByRole('button', { name: 'Snooze', exact: true }).click();
    const snooze = page.getByRole('menu', { name: 'Snooze' });
    await expect(snooze.getByRole('menuitem', { name: '1 hour' })).toBeFocused();
    await check('inbox-snooze-menu');
    await checkPopover(snooze, scheme);
    await snooze.getByRole('menuitem', { name: 'Pick a date…' }).click();
    const snoozeUntil = page.getByRole('form', { name: 'Snooze until a time' });
    await expect(snoozeUntil.getByLabel('Snooze until')).toBeFocused();
    await check('inbox-snooze-until');
    await checkPopover(snoozeUntil, scheme);
    await closeWithEscape(page, snoozeUntil);
    await page.getByRole('button', { name: 'History', exact: true }).first().click();
    const history = page.getByRole('region', { name: /^History of / });
    await expect(
      history.getByRole('list', { name: 'History, newest first' }).getByRole('listitem').first(),
    ).toBeVisible();
    await check('inbox-history');

    // Follow-ups: the fresh links waiting for their customers, and Link completion.
    await openFollowUps(page);
    await check('followups');

    // Integrations, both views.
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await expect(page.getByRole('article', { name: 'Xero' })).toBeVisible({ timeout: 60_000 });
    await check('integrations');
    await page.getByRole('tab', { name: 'Customer preview' }).click();
    await expect(page.getByRole('tabpanel', { name: 'Customer preview' })).toBeVisible();
    await check('integrations-preview');

    // The audit log, with this run's records in it.
    await nav.getByRole('link', { name: 'Audit log' }).click();
    await expect(
      page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: name }).first(),
    ).toBeVisible();
    await check('audit-log');

    // Settings, and the form for a new profile.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Profiles' })).toBeVisible();
    await check('settings');
    await page.getByRole('button', { name: 'Add profile' }).click();
    await expect(page.getByRole('form', { name: 'New profile' })).toBeVisible();
    await check('settings-add-profile');
  });
}
