/** Settings › Follow-ups as a user meets it: the interval, one checkbox per kind, and the browser's permission. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '@shared/contract';
import { linkdesk } from '@renderer/api';
import { FollowUpSettings } from '@renderer/features/settings/FollowUpSettings';
import { useAppStore } from '@renderer/stores/app-store';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    followups: { settings: vi.fn(), saveSettings: vi.fn() },
  },
}));

const all = { linked: true, firstSync: true, expiringSoon: true, expired: true };
const hostInfo = (host: AppInfo['host']) => ({ host }) as AppInfo;

beforeEach(() => {
  vi.mocked(linkdesk.followups.settings).mockResolvedValue({ ok: true, value: { checkEveryMinutes: 2, notify: all } });
  vi.mocked(linkdesk.followups.saveSettings).mockImplementation(async (settings) => ({
    ok: true,
    value: { checkEveryMinutes: settings.checkEveryMinutes, notify: { ...all, ...settings.notify } },
  }));
  useAppStore.setState({ info: hostInfo('electron') });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Settings › Follow-ups', () => {
  it('saves how often to check and which follow-ups to notify', async () => {
    const user = userEvent.setup();
    render(<FollowUpSettings />);
    const interval = await screen.findByRole('combobox', { name: 'Check every' });
    expect(interval).toHaveProperty('value', '2');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      '1 minute',
      '2 minutes',
      '5 minutes',
      '10 minutes',
      '15 minutes',
    ]);
    const reminder = screen.getByRole('checkbox', { name: 'A link expires in 2 hours and has not been used' });
    expect(reminder).toHaveProperty('checked', true);

    await user.selectOptions(interval, '5');
    await user.click(reminder);
    await user.click(screen.getByRole('button', { name: 'Save follow-up settings' }));
    expect(linkdesk.followups.saveSettings).toHaveBeenCalledWith({
      checkEveryMinutes: 5,
      notify: { ...all, expiringSoon: false },
    });
    expect(await screen.findByText('Saved. The next check uses these settings.')).toBeTruthy();
    for (const name of [
      'A customer linked their software',
      'A first sync finished or failed',
      'A link expired unused',
    ]) {
      expect(screen.getByRole('checkbox', { name })).toHaveProperty('checked', true);
    }
    expect(reminder).toHaveProperty('checked', false);
  });

  it('shows an interval saved by hand that is not in the list, rather than another', async () => {
    vi.mocked(linkdesk.followups.settings).mockResolvedValue({
      ok: true,
      value: { checkEveryMinutes: 30, notify: all },
    });
    render(<FollowUpSettings />);
    expect(await screen.findByRole('combobox', { name: 'Check every' })).toHaveProperty('value', '30');
  });

  it('in the browser console, asks for the browser’s notifications only when the user clicks', async () => {
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    vi.stubGlobal('Notification', Object.assign(class {}, { permission: 'default', requestPermission }));
    useAppStore.setState({ info: hostInfo('web') });
    const user = userEvent.setup();
    render(<FollowUpSettings />);
    const turnOn = await screen.findByRole('button', { name: 'Turn on desktop notifications' });
    expect(requestPermission).not.toHaveBeenCalled();
    await user.click(turnOn);
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
  });

  it('offers no such button in the desktop app, whose notifications are the desktop’s own', async () => {
    vi.stubGlobal('Notification', Object.assign(class {}, { permission: 'default', requestPermission: vi.fn() }));
    render(<FollowUpSettings />);
    await screen.findByRole('combobox', { name: 'Check every' });
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
  });
});
