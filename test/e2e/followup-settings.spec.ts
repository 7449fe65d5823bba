import { expect, test, webHost } from './fixtures';

test('follow-up settings are kept: how often to check and which kinds are notified', async ({ consolePage: page }) => {
  await page.goto(`${webHost.origin}/#/settings`);
  const section = page.getByRole('region', { name: 'Follow-ups' });
  const interval = section.getByRole('combobox', { name: 'Check every' });
  await expect(interval).toHaveValue('2');
  await interval.selectOption('5');
  await section.getByRole('checkbox', { name: 'A link expired unused' }).uncheck();
  await section.getByRole('button', { name: 'Save follow-up settings' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved. The next check uses these settings.');

  await page.reload();
  await expect(interval).toHaveValue('5');
  await expect(section.getByRole('checkbox', { name: 'A link expired unused' })).not.toBeChecked();
  await expect(section.getByRole('checkbox', { name: 'A customer linked their software' })).toBeChecked();

  // The console is shared with the specs after this one: back to the defaults.
  await interval.selectOption('2');
  await section.getByRole('checkbox', { name: 'A link expired unused' }).check();
  await section.getByRole('button', { name: 'Save follow-up settings' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved. The next check uses these settings.');
});

// For people to look at: the section in both schemes.
for (const scheme of ['light', 'dark'] as const) {
  test(`artifact: the follow-up settings (${scheme})`, { tag: '@artifact' }, async ({ consolePage: page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${webHost.origin}/#/settings`);
    const section = page.getByRole('region', { name: 'Follow-ups' });
    await expect(section.getByRole('combobox', { name: 'Check every' })).toBeVisible();
    await section.screenshot({ path: `test-results/screenshots/settings-followups-${scheme}.png` });
  });
}
