/**
 * Onboarding with a customer on the phone: open a company, connect a platform, hand over the link, send an
 * invite, and watch the customer authorise (played from this process through the sandbox's consent page).
 * The training sandbox runs in real time here, so waits are expectations with timeouts, never sleeps.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { scenarioNames } from '@sandbox/seed';
import { actAsCustomer } from '@support/customer';
import { expect, test } from './fixtures';
import { bridgeValue } from './bridge';
import { watchLimits } from '@shared/domain/watch';

/**
 * The hand-over panel asks Codat every `watchLimits.pollMs` (5 s): what the customer did shows at the next poll.
 * On a busy machine a poll can come late or take a while: allow several, rather than one poll and a bit.
 */
const untilWatched = { timeout: watchLimits.pollMs * 5 };

interface CompanyRef {
  id: string;
  name: string;
}

async function createCompany(page: Page): Promise<CompanyRef> {
  const customerId = `E2E ${Date.now()} ${Math.floor(Math.random() * 1000)}`;
  return bridgeValue(page, 'companies.create', { customerId });
}

async function openCompany(page: Page, company: CompanyRef) {
  await page.goto(`${new URL(page.url()).origin}/#/companies/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
}

/** Light and dark, at the state the page is in now. */
async function screenshots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/onboarding-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${where}: ${violation.id} at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
    ),
  );
  expect(found).toEqual([]);
}

test('connect QuickBooks Online, hand over its link, and watch the customer link it and the first sync finish', async ({
  ownConsolePage: page,
}) => {
  test.setTimeout(120_000);
  const company = await createCompany(page);
  await openCompany(page, company);
  await expect(page.getByRole('link', { name: 'Back to search' })).toHaveAttribute('href', '#/companies');
  await expect(page.getByRole('button', { name: 'Copy company link' })).toBeVisible();
  await expect(page.getByText("No connections yet. Connect the customer's platform.")).toBeVisible();

  const connect = page.getByRole('button', { name: 'Connect platform' });
  await connect.click();
  const picker = page.getByRole('dialog', { name: 'Connect a platform' });
  await expect(picker).toBeVisible();
  await expect(picker).toHaveAttribute('aria-modal', 'true');
  const filter = picker.getByRole('textbox', { name: 'Filter platforms' });
  await expect(filter).toBeFocused();
  for (const group of ['Accounting', 'Banking', 'Commerce']) {
    await expect(picker.getByRole('heading', { level: 3, name: new RegExp(`^${group}`) })).toBeVisible();
  }
  await expect(picker.getByRole('button', { name: 'QuickBooks Online', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'picker');

  // Escape closes and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(connect).toBeFocused();

  await connect.click();
  await filter.fill('QUICKBOOKS o');
  await expect(picker.getByRole('button', { name: 'Xero' })).toHaveCount(0);
  await expect(picker.getByRole('button', { name: 'QuickBooks Online Sandbox' })).toBeVisible();
  await picker.getByRole('button', { name: 'QuickBooks Online', exact: true }).click();
  await expect(picker).toBeHidden();

  const panel = page.getByRole('region', { name: 'Hand over the QuickBooks Online link' });
  const linkField = panel.getByRole('textbox', { name: 'Connection link' });
  await expect(linkField).toHaveValue(/\/connections\/[0-9a-f-]{36}\/start\?otp=\d{6}$/);
  await expect(linkField).toHaveAttribute('readonly', '');
  await expect(panel.getByRole('button', { name: 'Copy link' })).toBeFocused();
  await expect(panel).toContainText('works once');
  await expect(panel.getByRole('button', { name: 'Regenerate link' })).toHaveCount(0);
  const card = page.getByRole('article', { name: 'QuickBooks Online' });
  await expect(card).toContainText('Pending authorisation');
  await expect(page.getByText("No connections yet. Connect the customer's platform.")).toHaveCount(0);

  const watch = panel.getByRole('status', { name: 'Watch' });
  await expect(watch).toContainText('Waiting for the customer to authorise…');
  await expect(watch).toContainText(/checked (just now|\d+ s ago)/);
  await expectNoAxeViolations(page, 'hand-over');
  await screenshots(page, 'handover');

  // Copying may hand the one-time link on, so regenerating is offered from then on (without a warning: copying
  // spends nothing).
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await expect(panel.getByRole('button', { name: 'Regenerate link' })).toBeVisible();
  await expect(panel.locator('.warning')).toHaveCount(0);

  const link = await linkField.inputValue();
  const consent = await actAsCustomer(link, 'authorise');
  expect(consent.status).toBe(200);
  await expect(watch).toContainText('Linked', untilWatched);
  await expect(card).toContainText('Linked');
  // The browser console has no desktop notifications: the page says it itself.
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('QuickBooks Online linked');

  const firstSync = panel.getByRole('table', { name: 'First sync' });
  await expect(firstSync.getByRole('row')).toHaveCount(6, untilWatched);
  await expect(panel).toContainText('Finished: 5 complete.', { timeout: 40_000 });
  const rows = firstSync.getByRole('row');
  for (let index = 1; index < 6; index += 1) await expect(rows.nth(index)).toContainText('Complete');
  await expect(panel.getByRole('progressbar', { name: 'First sync progress' })).toHaveAttribute('value', '5');
  await expectNoAxeViolations(page, 'linked');
  await screenshots(page, 'linked');
});

test('only one accounting connection: other accounting platforms are refused with the reason, banking is not', async ({
  ownConsolePage: page,
}) => {
  const company = await createCompany(page);
  await bridgeValue(page, 'connections.create', { companyId: company.id, platformKey: 'qhyg' });
  await openCompany(page, company);
  const qbo = page.getByRole('article', { name: 'QuickBooks Online' });
  await expect(qbo).toContainText('Pending authorisation');

  await page.getByRole('button', { name: 'Connect platform' }).click();
  const picker = page.getByRole('dialog', { name: 'Connect a platform' });
  const note = picker.getByRole('note');
  await expect(note).toContainText('only one accounting connection');
  await expect(note).toContainText('QuickBooks Online (Pending authorisation)');
  await expect(picker.getByRole('button', { name: 'Xero' })).toBeDisabled();
  await expect(picker.getByRole('button', { name: 'Xero' })).toHaveAccessibleDescription(
    /only one accounting connection/,
  );
  await expect(picker.getByRole('button', { name: 'Plaid' })).toBeEnabled();
  // A tile is named by what it shows, Beta mark included: a voice user says what they see.
  const amazon = picker.getByRole('button', { name: 'Amazon Seller Central' });
  await expect(amazon).toContainText('Beta');
  await expect(amazon).toHaveAccessibleName(/^Amazon Seller Central\s*Beta$/);
  await expectNoAxeViolations(page, 'picker with the accounting rule');
  await screenshots(page, 'picker');

  // Tab stays inside the dialog, both ways round.
  await picker.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(picker.getByRole('button', { name: 'Zettle' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(picker.getByRole('button', { name: 'Close' })).toBeFocused();

  // Arrow keys move between platform buttons.
  await picker.getByRole('button', { name: 'Plaid' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('button', { name: 'TrueLayer' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(picker.getByRole('button', { name: 'Plaid' })).toBeFocused();

  // The type filter narrows the list.
  await picker.getByRole('radio', { name: 'Banking' }).check();
  await expect(picker.getByRole('heading', { level: 3, name: /^Accounting/ })).toHaveCount(0);
  await expect(picker.getByRole('button', { name: 'Shopify' })).toHaveCount(0);
  await picker.getByRole('radio', { name: 'All' }).check();

  await picker.getByRole('button', { name: 'Show existing accounting connection' }).click();
  await expect(picker).toBeHidden();
  await expect(qbo).toBeFocused();

  await page.getByRole('button', { name: 'Connect platform' }).click();
  await picker.getByRole('button', { name: 'Plaid' }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByRole('region', { name: 'Hand over the Plaid link' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Plaid' })).toContainText('Pending authorisation');
});

test('send invite: the address is checked, and the email app gets an encoded link in the body', async ({
  ownConsolePage: page,
}) => {
  const company = await createCompany(page);
  await bridgeValue(page, 'connections.create', { companyId: company.id, platformKey: 'qhyg' });
  await openCompany(page, company);
  // The browser console opens mailto: itself (openExternal answers by: 'browser'); record what it opens.
  await page.evaluate(() => {
    const opened: string[] = [];
    (window as unknown as { openedUrls: string[] }).openedUrls = opened;
    window.open = (url?: string | URL) => {
      opened.push(String(url));
      return null;
    };
  });

  await page
    .getByRole('article', { name: 'QuickBooks Online' })
    .getByRole('button', { name: 'Hand over link' })
    .click();
  const panel = page.getByRole('region', { name: 'Hand over the QuickBooks Online link' });
  // "Open link": the browser console opens it in a new tab itself; the link may then be spent.
  const shownLink = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  await panel.getByRole('button', { name: 'Open link' }).click();
  await expect(panel.getByRole('button', { name: 'Regenerate link' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls)).toEqual([shownLink]);

  const sendInvite = panel.getByRole('button', { name: 'Send invite' });
  await sendInvite.click();
  const composer = page.getByRole('dialog', { name: 'Invite email' });
  await expect(composer).toBeVisible();
  const link = await panel.getByRole('textbox', { name: 'Connection link' }).inputValue();
  const recipient = composer.getByRole('textbox', { name: 'Recipient email' });
  await expect(recipient).toBeFocused();
  const subject = await composer.getByRole('textbox', { name: 'Subject' }).inputValue();
  expect(subject).toBe(`Connect QuickBooks Online for ${company.name}`);
  const message = await composer.getByRole('textbox', { name: 'Message' }).inputValue();
  expect(message).toContain(link);
  expect(message).toContain('Your account manager');

  const open = composer.getByRole('button', { name: 'Open in email app' });
  await expect(open).toBeDisabled();
  await expect(composer.getByRole('button', { name: 'Copy invite' })).toBeEnabled();
  await recipient.fill('customer@');
  await recipient.blur();
  await expect(composer.getByText('is not an email domain')).toBeVisible();
  await expect(recipient).toHaveAttribute('aria-invalid', 'true');
  await expect(open).toBeDisabled();
  await expect(composer.getByRole('button', { name: 'Copy invite' })).toBeDisabled();
  await expect(composer).toContainText('Correct the recipient’s address to open or copy the invite.');
  await screenshots(page, 'invite-invalid');

  await recipient.fill('customer@example.com');
  await expect(composer.getByText('is not an email domain')).toHaveCount(0);
  await expect(open).toBeEnabled();
  await expectNoAxeViolations(page, 'invite composer');
  await screenshots(page, 'invite');
  await open.click();
  await expect(composer.getByRole('status')).toContainText('Opened in your email app');

  const opened = await page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls);
  expect(opened).toHaveLength(2);
  const mailto = opened[1] ?? '';
  expect(mailto.startsWith('mailto:customer@example.com?subject=')).toBe(true);
  expect(mailto).toContain(`subject=${encodeURIComponent(subject)}`);
  expect(mailto).toMatch(/&body=/);
  expect(new URL(mailto).searchParams.get('body')).toContain(link);
  expect(mailto.split('&body=')[1]).toContain(encodeURIComponent(link));
  expect(mailto).toContain('%20');
  expect(mailto).not.toContain('+');

  // The link is now in an email, not used: no "may already have been used" warning at once.
  await expect(composer).not.toContainText('may already have been used');
  await expect(composer.getByRole('button', { name: 'Regenerate link' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(composer).toBeHidden();
  await expect(sendInvite).toBeFocused();
  // The panel says where the link went, and keeps "Regenerate link" at hand should the customer need it.
  await expect(panel).toContainText('This link went into an invite. It works for the first person who opens it');
  await expect(panel.locator('.warning')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Regenerate link' })).toBeVisible();
});

test('a cancelled authorisation is reported with Codat’s words, older errors are not, and a retry still links', async ({
  ownConsolePage: page,
}) => {
  const found = await bridgeValue(page, 'companies.search', {
    text: scenarioNames.authCancelled,
  });
  const company = found.results.find((candidate) => candidate.name === scenarioNames.authCancelled);
  if (!company) throw new Error('The training sandbox lost its cancelled-authorisation scenario.');
  await openCompany(page, company);
  const card = page.getByRole('article', { name: 'Xero' });
  // The earlier cancellation is history on the card...
  await expect(card).toContainText('The customer cancelled (User cancelled)');
  // ...and its status chip says so, not the "Pending authorisation" of a customer merely waiting.
  const chip = card.getByRole('tooltip', { includeHidden: true });
  await expect(card.locator('.chip')).toHaveText('Authorisation cancelled');
  await expect(chip).toHaveText(/^The customer cancelled authorising .*Hand over a fresh link/);
  await card.scrollIntoViewIfNeeded();
  await screenshots(page, 'card-errors');

  await card.getByRole('button', { name: 'Hand over link' }).click();
  const panel = page.getByRole('region', { name: 'Hand over the Xero link' });
  const watch = panel.getByRole('status', { name: 'Watch' });
  await expect(watch).toContainText('Waiting for the customer to authorise…');
  // ...and not this attempt's.
  await expect(panel).not.toContainText('Since you handed over the link');

  const linkField = panel.getByRole('textbox', { name: 'Connection link' });
  const first = await linkField.inputValue();
  await actAsCustomer(first, 'cancel');
  const attempt = panel.getByRole('alert').filter({ hasText: 'Since you handed over the link' });
  await expect(attempt).toContainText('The customer cancelled (User cancelled)', untilWatched);
  await expect(attempt).toContainText('User cancelled linking');
  await expect(attempt).toContainText('status 403');
  await expect(watch).toContainText('Waiting for the customer to authorise…');
  await screenshots(page, 'cancelled');

  // The customer tries again with a regenerated link; the watch has kept going.
  await panel.getByRole('button', { name: 'Regenerate link' }).click();
  await expect(linkField).not.toHaveValue(first);
  await actAsCustomer(await linkField.inputValue(), 'authorise');
  await expect(watch).toContainText('Linked', untilWatched);
  await expect(card).toContainText('Linked');
});

test('a company that does not exist says so', async ({ ownConsolePage: page }) => {
  await page.goto(`${new URL(page.url()).origin}/#/companies/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByText('No company with this ID (it may have been deleted)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to search' })).toBeVisible();
});

test('a connect that fails says so below the platforms: no tile moves under the pointer', async ({
  sandbox,
  sandboxConsolePage: page,
}) => {
  const company = await createCompany(page);
  await openCompany(page, company);
  await page.getByRole('button', { name: 'Connect platform' }).click();
  const picker = page.getByRole('dialog', { name: 'Connect a platform' });
  const xero = picker.getByRole('button', { name: 'Xero', exact: true });
  const quickBooks = picker.getByRole('button', { name: 'QuickBooks Online', exact: true });
  await expect(quickBooks).toBeVisible();
  const before = { xero: await xero.boundingBox(), quickBooks: await quickBooks.boundingBox() };

  sandbox.control.addFault({ path: '/companies/*/connections', method: 'POST', status: 400, times: 1 });
  await xero.click();
  await expect(picker.getByRole('alert').filter({ hasText: 'Could not connect Xero.' })).toBeVisible();
  expect({ xero: await xero.boundingBox(), quickBooks: await quickBooks.boundingBox() }).toEqual(before);
});
