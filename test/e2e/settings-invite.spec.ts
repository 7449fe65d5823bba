import { expect, test } from './fixtures';

test('the invite template is edited in Settings, must keep {link}, and is kept', async ({ ownConsolePage: page }) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const editor = page.getByRole('region', { name: 'Invite email' });
  const message = editor.getByRole('textbox', { name: 'Invite message' });
  await expect(message).toHaveValue(/\{link\}/);
  await message.fill('Hello {customer}, please connect {platform}.');
  await expect(editor.getByText('The template must contain {link}')).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Save invite template' })).toBeDisabled();
  await message.fill('Hello {customer}, connect {platform} here: {link} (works once, for 24 hours). {sender}');
  await editor.getByRole('textbox', { name: 'Sender name' }).fill('Priya Shah');
  await editor.getByRole('button', { name: 'Save invite template' }).click();
  await expect(editor.getByRole('status')).toHaveText('Invite template saved.');
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Invite email' }).getByRole('textbox', { name: 'Sender name' }),
  ).toHaveValue('Priya Shah');
  await editor.getByRole('button', { name: 'Restore the default' }).click();
  await expect(editor.getByRole('textbox', { name: 'Invite message' })).toHaveValue(/works once and expires 24 hours/);
});
