/** Profiles in the browser console, against a real sandbox standing in for a Codat client. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Response } from '@playwright/test';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { expect, test } from './fixtures';

const apiKey = 'e2e-secret-key-5f3a9c1d7e2b8a64';
let codat: TestSandbox;
test.beforeAll(async () => {
  codat = await startTestSandbox({ companies: 15, apiKey });
});
test.afterAll(() => codat.close());
// The tests share this file's console (ownHost); each puts back what it changes (the active profile, the profiles it
// added), so they pass in any order, and after a failure the next test gets a fresh console (a new worker).

async function openSettings(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Profiles' })).toBeVisible();
}

test('the training sandbox is the active profile on first run', async ({ ownConsolePage: page }) => {
  await openSettings(page);
  const training = page.getByRole('listitem', { name: /Training sandbox/ });
  await expect(training).toContainText('Active');
  await expect(training).toContainText('No key needed');
  await training.getByRole('button', { name: 'Test connection' }).click();
  await expect(training.getByRole('status')).toContainText('Connected to Codat client “Linkdesk Training Sandbox”');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(/requests left today/);
});

test('invalid fields are explained before anything is sent, and a refused key loses nothing typed', async ({
  ownConsolePage: page,
}) => {
  await openSettings(page);
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('textbox', { name: 'Base URL' }).fill('http://codat.example.com');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Give the profile a name.')).toBeVisible();
  await expect(page.getByText(/Use an https:\/\/ address/)).toBeVisible();
  await expect(page.getByText('Paste the API key from the Codat Portal.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('textbox', { name: 'Profile name' }).fill('Production');
  await page.getByRole('textbox', { name: 'Base URL' }).fill(codat.url);
  await page.getByRole('radio', { name: 'Production' }).check();
  await page.getByRole('textbox', { name: 'API key' }).fill('definitely-the-wrong-key');
  await page.getByRole('radio', { name: /For this session only/ }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'The profile was not saved.' });
  await expect(error).toContainText('Codat did not accept this API key');
  await expect(error).toContainText(/Correlation ID [0-9a-f]{32}/);
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Production');
  await expect(page.getByRole('textbox', { name: 'API key' })).toHaveValue('definitely-the-wrong-key');
  await page.screenshot({ path: 'test-results/screenshots/settings-key-refused.png', fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('a key saved through the UI never reaches the page, its storage, a bridge answer or a log line', async ({
  ownConsolePage: page,
  ownHost,
}) => {
  const answers: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname.startsWith('/bridge/'))
      pending.push(response.text().then((text) => void answers.push(text)));
  });
  await openSettings(page);
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('textbox', { name: 'Profile name' }).fill('Production');
  await page.getByRole('textbox', { name: 'Base URL' }).fill(codat.url);
  await page.getByRole('radio', { name: 'Production' }).check();
  await page.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await page.getByRole('radio', { name: /For this session only/ }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('region', { name: 'Profiles' }).getByRole('status').first()).toHaveText(
    'Added Production; Codat accepted its key.',
  );
  const production = page.getByRole('listitem', { name: /^Production/ });
  await expect(production).toContainText('…8a64');
  await expect(production).toContainText('Key kept for this session only');
  await production.getByRole('button', { name: 'Test connection' }).click();
  await expect(production.getByRole('status')).toContainText('Connected to Codat client');
  await production.getByRole('button', { name: 'Use this profile' }).click();
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('Profile: Production (PRODUCTION)');
  await page.screenshot({ path: 'test-results/screenshots/settings-profiles.png', fullPage: true });

  // A failing call under this profile: its error must not carry the key either.
  codat.control.addFault({ path: '/profile', status: 403, times: 1 });
  await production.getByRole('button', { name: 'Test connection' }).click();
  await expect(production.getByRole('alert')).toContainText('The connection test failed.');

  await Promise.all(pending);
  const forms = [apiKey, Buffer.from(apiKey).toString('base64')];
  expect(answers.length).toBeGreaterThan(5);
  for (const form of forms) {
    for (const answer of answers) expect(answer).not.toContain(form);
    expect(await page.content()).not.toContain(form);
    const stored = await page.evaluate(async () => {
      const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
      return JSON.stringify({
        local: { ...localStorage },
        session: { ...sessionStorage },
        databases,
        cookie: document.cookie,
      });
    });
    expect(stored).not.toContain(form);
    const cookies = JSON.stringify(await page.context().cookies());
    expect(cookies).not.toContain(form);
    expect(await readFile(ownHost.logFile, 'utf8')).not.toContain(form);
    expect(await readFile(path.join(ownHost.dataDir, 'logs', 'linkdesk.log'), 'utf8')).not.toContain(form);
  }
  codat.control.clearFaults();

  // Back to training, then remove the profile.
  await page
    .getByRole('listitem', { name: /Training sandbox/ })
    .getByRole('button', { name: 'Use this profile' })
    .click();
  await expect(status).toContainText('Profile: Training sandbox');
  await production.getByRole('button', { name: 'Remove profile' }).click();
  await production
    .getByRole('group', { name: 'Confirm removing Production' })
    .getByRole('button', { name: 'Remove profile' })
    .click();
  await expect(page.getByRole('region', { name: 'Profiles' }).getByRole('status').first()).toHaveText(
    'Removed Production.',
  );
  await expect(page.getByRole('listitem', { name: /^Production/ })).toHaveCount(0);
});

test('moving a profile to another host asks for that host’s key and sends the stored one nowhere', async ({
  ownConsolePage: page,
}) => {
  const elsewhere = await startTestSandbox({ companies: 1 });
  try {
    await openSettings(page);
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Moving');
    await page.getByRole('textbox', { name: 'Base URL' }).fill(codat.url);
    await page.getByRole('textbox', { name: 'API key' }).fill(apiKey);
    await page.getByRole('radio', { name: /For this session only/ }).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    const moving = page.getByRole('listitem', { name: /^Moving/ });
    await moving.getByRole('button', { name: 'Edit' }).click();

    const key = page.getByRole('textbox', { name: 'API key' });
    await expect(key).toHaveAccessibleDescription(/Leave empty to keep the current key/);
    await page.getByRole('textbox', { name: 'Base URL' }).fill(elsewhere.url);
    await expect(key).toHaveAccessibleDescription(/another host: enter the API key for it/);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(key).toHaveAccessibleDescription(/Enter the API key for the new address/);
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(elsewhere.control.requests()).toEqual([]);

    await key.fill(elsewhere.apiKey);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('region', { name: 'Profiles' }).getByRole('status').first()).toHaveText(
      'Saved Moving.',
    );
    await expect(moving).toContainText(elsewhere.url);

    await moving.getByRole('button', { name: 'Remove profile' }).click();
    await moving
      .getByRole('group', { name: 'Confirm removing Moving' })
      .getByRole('button', { name: 'Remove profile' })
      .click();
    await expect(moving).toHaveCount(0);
  } finally {
    await elsewhere.close();
  }
});
