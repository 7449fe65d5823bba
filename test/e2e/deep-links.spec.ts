/**
 * The browser console takes the desktop app's deep links after its address: /company/<id> and
 * /company/<id>/connection/<id> open the company (and point at the connection). They only navigate; anything else
 * under /company is refused with a log line, and the token works as it does at the address `npm run web` prints.
 */
import { readFile } from 'node:fs/promises';
import { requestWebHost } from '@support/web-host-client';
import { expect, test, webHost } from './fixtures';
import { callBridge, companyNamed } from './bridge';

test('/company/<id> after the console’s address opens the company', async ({ consolePage: page }) => {
  const company = await companyNamed(page, 'Scenario - Healthy Linked');
  await page.goto(`${webHost.origin}/company/${company.id}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
  await expect(page).toHaveURL(`${webHost.origin}/#/companies/${company.id}`);
});

test('/company/<id>/connection/<id> opens the company with that connection in view and focused', async ({
  consolePage: page,
}) => {
  const company = await companyNamed(page, 'Scenario - Sync Failing');
  const read = await callBridge(page, 'companies.get', { companyId: company.id });
  const connection = read.ok ? read.value.dataConnections?.[0] : undefined;
  if (!connection) throw new Error('The sync-failing scenario has a connection.');
  await page.goto(`${webHost.origin}/company/${company.id}/connection/${connection.id}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
  await expect(page.getByRole('article', { name: connection.platformName })).toBeFocused();
});

test('a link with the token opens the company in a new browser, signed in as with the printed address', async ({
  page,
  ownHost,
}) => {
  const search = await requestWebHost(`${ownHost.origin}/bridge/companies.search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-linkdesk-token': ownHost.token },
    body: JSON.stringify({ text: 'Scenario - Deauthorised' }),
  });
  const company = (search.json() as { value: { results: Array<{ id: string; name: string }> } }).value.results[0]!;
  await page.goto(`${ownHost.origin}/company/${company.id}?token=${ownHost.token}`);
  await expect(page.getByRole('heading', { level: 1, name: company.name })).toBeVisible();
  // The token left the address bar and history, as at `/`.
  await expect(page).toHaveURL(`${ownHost.origin}/#/companies/${company.id}`);
});

test('a link with extra segments is ignored, with a log line, and changes nothing', async ({
  ownConsolePage: page,
  ownHost,
}) => {
  const company = await companyNamed(page, 'Scenario - No Connections');
  const response = await page.goto(`${ownHost.origin}/company/${company.id}/delete`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(/^This is not a Linkdesk link: The link has more to it than/)).toBeVisible();
  await expect
    .poll(async () => readFile(ownHost.logFile, 'utf8'))
    .toMatch(new RegExp(`\\[deep-link\\] ignored /company/${company.id}/delete: `));

  await page.goto(ownHost.origin);
  expect((await companyNamed(page, 'Scenario - No Connections')).id).toBe(company.id);
});
