/**
 * An audit trail that cannot be written (disk full, read-only folder) does not undo what Codat did: the
 * console says so where it moves nothing under the pointer, keeps the record, and writes it when it can.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { callBridge } from './bridge';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

let sandbox: TestSandbox;
let host: WebHostProcess;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 5 });
  // A file where the audit folder should be: every append fails until it is gone.
  host = await startWebHostProcess('web-host-audit-trail', {
    files: { audit: 'not a folder' },
    args: ['--training-url', sandbox.url, '--training-key', sandbox.apiKey],
  });
});
test.afterAll(async () => {
  await host.stop();
  await sandbox.close();
});

test('a create Codat accepted is done, the status bar says the trail is not written, and it catches up', async ({
  page,
}) => {
  await page.goto(host.url);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('Browser console');
  const created = await callBridge(page, 'companies.create', { customerId: 'Unwritten Trail Ltd' });
  expect(created.ok).toBe(true);
  expect(sandbox.control.companyIdsNamed('Unwritten Trail Ltd')).toHaveLength(1);

  const warning = status.getByRole('button', { name: 'Audit trail not written: 1 record waiting' });
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('title', /could not write the audit trail in .*audit/);
  await warning.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: '1 record is not yet written to disk' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Unwritten Trail Ltd/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/audit-not-written.png', fullPage: true });

  rmSync(path.join(host.dataDir, 'audit'));
  expect((await callBridge(page, 'companies.create', { customerId: 'Trail Written Ltd' })).ok).toBe(true);
  await expect(warning).toHaveCount(0);
});
