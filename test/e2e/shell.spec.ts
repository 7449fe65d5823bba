import AxeBuilder from '@axe-core/playwright';
import { pages } from '@shared/pages';
import { expect, test, webHost } from './fixtures';

test('the console opens on Companies with the frame, navigation and status bar', async ({ consolePage: page }) => {
  await expect(page).toHaveURL(`${webHost.origin}/`); // the token left the address bar
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const { label } of pages) await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Companies' })).toHaveAttribute('aria-current', 'page');
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('Profile: Training sandbox (training)');
  await expect(status).toContainText('Online');
  // The Companies page lists companies on open, so Codat's figures are usually known by now.
  await expect(status).toContainText(/Requests left: not known yet|requests left today/);
});

test('every page is reachable by keyboard alone', async ({ consolePage: page }) => {
  // Tab past the skip link into the navigation, then arrows and Enter.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Companies' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Follow-ups', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Inbox', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Health' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await expect(page).toHaveURL(/#\/health$/);

  // Shortcuts: Ctrl+1…7 in navigation order, Ctrl+K for the command palette.
  for (const [index, { label }] of pages.entries()) {
    await page.keyboard.press(`Control+${index + 1}`);
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(page.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Ctrl+4 lands on Health, ready to scan.
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('button', { name: 'Scan all companies' })).toBeVisible();
});

test('a bridge call round-trips: Settings shows what main reports about itself', async ({ consolePage: page }) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const about = page.getByRole('region', { name: 'About this console' });
  await expect(about).toContainText('Version0.1.0');
  await expect(about).toContainText('Browser console (npm run web)');
  await expect(about).toContainText('This session only');
  await expect(page.getByRole('heading', { level: 2, name: 'Profiles' })).toBeVisible();
  // And the same call made directly from the page through the bridge client.
  const answer = await page.evaluate(async () => {
    const response = await fetch('/bridge/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return response.json();
  });
  expect(answer).toMatchObject({
    ok: true,
    value: { name: 'Linkdesk', host: 'web', activeProfile: { id: 'training' } },
  });
});

test('a wrong or missing token is refused', async ({ page }) => {
  const wrong = await page.goto(`${webHost.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('not for this run');

  // Without the cookie the page loads, but the bridge refuses it and the status bar says why.
  await page.goto(`${webHost.origin}/`);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('not authorised');
  const direct = await page.evaluate(async () => {
    const response = await fetch('/bridge/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return response.status;
  });
  expect(direct).toBe(401);
});

test('the CSP blocks an injected inline script', async ({ consolePage: page }) => {
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
        once: true,
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const directive = await violation;
    return { directive, ran: (window as unknown as { __injected?: boolean }).__injected === true };
  });
  expect(outcome).toEqual({ directive: 'script-src-elem', ran: false });
});

test('no automatically detectable accessibility violations on any page', async ({ consolePage: page }) => {
  for (const { id, label } of pages) {
    await page.goto(`${webHost.origin}/#/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${id}: ${violation.id}`)).toEqual([]);
  }
});

// Screenshots for people to look at: they check nothing beyond each page rendering its heading.
for (const scheme of ['light', 'dark'] as const) {
  test(`artifact: screenshots of every page (${scheme})`, { tag: '@artifact' }, async ({ consolePage: page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const { id, label } of pages) {
      await page.goto(`${webHost.origin}/#/${id}`);
      await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/${id}-${scheme}.png` });
    }
  });
}
