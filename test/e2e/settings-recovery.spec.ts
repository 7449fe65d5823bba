/** A settings file that cannot be read: the console still starts, on defaults, and says what happened. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeFolderReadOnly } from '@support/read-only-folder';
import { startWebHostProcess } from './web-host-process';

const corrupt = '{"version": 1, "profiles": [';

test('a corrupt settings file is moved aside and the user is told', async ({ page }) => {
  const host = await startWebHostProcess('web-host-corrupt-settings', { files: { 'settings.json': corrupt } });
  try {
    await page.goto(host.url);
    const notice = page.getByRole('alert').filter({ hasText: 'could not read its settings file' });
    await expect(notice).toContainText('started with default settings');
    await expect(notice).toContainText('settings.json.corrupt-');
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Profile: Training sandbox');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('in a read-only folder the console still starts, on defaults kept in memory, and leaves the file alone', async ({
  page,
}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linkdesk-e2e-'));
  writeFileSync(path.join(dataDir, 'settings.json'), corrupt);
  const undo = makeFolderReadOnly(dataDir);
  test.skip(!undo, 'this machine cannot make a folder read-only (no chmod effect, no chattr)');
  try {
    const host = await startWebHostProcess('web-host-read-only-settings', { dataDir });
    try {
      await page.goto(host.url);
      const notice = page.getByRole('alert').filter({ hasText: 'could not read its settings file' });
      await expect(notice).toContainText('could not move it aside');
      await expect(notice).toContainText('default settings, kept in memory only');
      await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Profile: Training sandbox');
    } finally {
      await host.stop();
    }
  } finally {
    undo?.();
  }
  expect(readdirSync(dataDir)).toEqual(['settings.json']);
  expect(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).toBe(corrupt);
});
