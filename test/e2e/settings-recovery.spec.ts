/** A settings file that cannot be read: the console still starts, on defaults, and says what happened. */
import { expect, test } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let host: WebHostProcess;
test.beforeAll(async () => {
  host = await startWebHostProcess('web-host-corrupt-settings', {
    files: { 'settings.json': '{"version": 1, "profiles": [' },
  });
});
test.afterAll(() => host.stop());

test('a corrupt settings file is moved aside and the user is told', async ({ page }) => {
  await page.goto(host.url);
  const notice = page.getByRole('alert').filter({ hasText: 'could not read its settings file' });
  await expect(notice).toContainText('started with default settings');
  await expect(notice).toContainText('settings.json.corrupt-');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Profile: Training sandbox');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
