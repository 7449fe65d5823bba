/** Settings › Monitor as a user meets it: on or off, how often, the daily budget and when issues resolve, per profile. */
import { act, render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultMonitorSettings } from '@shared/settings-defaults';
import { linkdesk } from '@renderer/api';
import { MonitorSettings } from '@renderer/features/settings/MonitorSettings';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    on: vi.fn(() => () => {}),
    monitor: { settings: vi.fn(), saveSettings: vi.fn() },
  },
}));

let onProfileChange: (() => void) | null = null;
let onSavedElsewhere: (() => void) | null = null;

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(linkdesk.on).mockImplementation(((event: string, listener: () => void) => {
    if (event === 'profiles.changed') onProfileChange = listener;
    if (event === 'monitor.settingsChanged') onSavedElsewhere = listener;
    return () => {};
  }) as typeof linkdesk.on);
  vi.mocked(linkdesk.monitor.settings).mockResolvedValue({ ok: true, value: defaultMonitorSettings('production') });
  vi.mocked(linkdesk.monitor.saveSettings).mockImplementation(async (settings) => ({ ok: true, value: settings }));
});

describe('Settings › Monitor', () => {
  it('turns monitoring on with its interval, budget and resolve time, and says it is per profile', async () => {
    const user = userEvent.setup();
    render(<MonitorSettings />);
    const section = screen.getByRole('region', { name: 'Monitor' });
    expect(section.textContent).toMatch(/active profile’s own; monitoring is off by default for Production profiles/);
    const enabled = await within(section).findByRole('checkbox', { name: 'Monitor in the background' });
    expect(enabled).toHaveProperty('checked', false);
    const every = within(section).getByRole('combobox', { name: 'Check every' });
    expect(every).toHaveProperty('value', '30');
    expect(
      within(every)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['15 min', '30 min', '1 hour', '4 hours']);
    await user.click(enabled);
    await user.selectOptions(every, '1 hour');
    const budget = within(section).getByRole('textbox', { name: 'Daily budget (% of the day’s quota)' });
    await user.clear(budget);
    await user.type(budget, '2,5');
    const resolve = within(section).getByRole('textbox', { name: 'Resolve after (hours)' });
    await user.clear(resolve);
    await user.type(resolve, '48');
    await user.click(within(section).getByRole('button', { name: 'Save monitor settings' }));
    expect(linkdesk.monitor.saveSettings).toHaveBeenCalledWith({
      enabled: true,
      everyMinutes: 60,
      dailyBudgetPercent: 2.5,
      resolveAfterHours: 48,
    });
    expect(await within(section).findByText('Saved. The next round uses these settings.')).toBeTruthy();
  });

  it('follows a pause or resume from the tray, keeping what the user has typed in the other fields', async () => {
    const user = userEvent.setup();
    render(<MonitorSettings />);
    const enabled = await screen.findByRole('checkbox', { name: 'Monitor in the background' });
    expect(enabled).toHaveProperty('checked', false);
    const budget = screen.getByRole('textbox', { name: 'Daily budget (% of the day’s quota)' });
    await user.clear(budget);
    await user.type(budget, '7');
    // The tray's "Resume monitoring": main saved the setting on and says so.
    vi.mocked(linkdesk.monitor.settings).mockResolvedValue({
      ok: true,
      value: { ...defaultMonitorSettings('production'), enabled: true },
    });
    act(() => onSavedElsewhere?.());
    await waitFor(() => expect(enabled).toHaveProperty('checked', true));
    expect(budget).toHaveProperty('value', '7');
    expect(linkdesk.monitor.saveSettings).not.toHaveBeenCalled();
  });

  it('refuses a budget or resolve time outside the contract’s bounds, saying why, and saves nothing', async () => {
    const user = userEvent.setup();
    render(<MonitorSettings />);
    const budget = await screen.findByRole('textbox', { name: 'Daily budget (% of the day’s quota)' });
    await user.clear(budget);
    await user.type(budget, '80');
    const resolve = screen.getByRole('textbox', { name: 'Resolve after (hours)' });
    await user.clear(resolve);
    await user.type(resolve, '1.5');
    await user.click(screen.getByRole('button', { name: 'Save monitor settings' }));
    expect(linkdesk.monitor.saveSettings).not.toHaveBeenCalled();
    expect(budget.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByRole('textbox', { name: 'Daily budget (% of the day’s quota)', description: /between 0.5 and 50/ }),
    ).toBe(document.activeElement);
    expect(screen.getByText('Enter whole hours between 1 and 336 (14 days).')).toBeTruthy();
  });

  it('saves the contract’s edges and refuses just past them: 0.5–50 % and 1–336 hours', async () => {
    const user = userEvent.setup();
    render(<MonitorSettings />);
    const budget = await screen.findByRole('textbox', { name: 'Daily budget (% of the day’s quota)' });
    const resolve = screen.getByRole('textbox', { name: 'Resolve after (hours)' });
    const save = screen.getByRole('button', { name: 'Save monitor settings' });
    const attempt = async (budgetText: string, resolveText: string) => {
      await user.clear(budget);
      if (budgetText) await user.type(budget, budgetText);
      await user.clear(resolve);
      if (resolveText) await user.type(resolve, resolveText);
      await user.click(save);
    };
    for (const [budgetText, resolveText] of [
      ['0.4', '24'],
      ['50.01', '24'],
      ['', '24'],
      ['5', '0'],
      ['5', '337'],
      ['5', ''],
    ]) {
      await attempt(budgetText!, resolveText!);
      expect(linkdesk.monitor.saveSettings, `${budgetText} % / ${resolveText} h`).not.toHaveBeenCalled();
    }
    await attempt('0,5', '336');
    expect(linkdesk.monitor.saveSettings).toHaveBeenLastCalledWith(
      expect.objectContaining({ dailyBudgetPercent: 0.5, resolveAfterHours: 336 }),
    );
    await attempt('50', '1');
    expect(linkdesk.monitor.saveSettings).toHaveBeenLastCalledWith(
      expect.objectContaining({ dailyBudgetPercent: 50, resolveAfterHours: 1 }),
    );
  });

  it('reads the settings again when the profile changes', async () => {
    render(<MonitorSettings />);
    expect(await screen.findByRole('checkbox', { name: 'Monitor in the background' })).toHaveProperty('checked', false);
    vi.mocked(linkdesk.monitor.settings).mockResolvedValue({ ok: true, value: defaultMonitorSettings('training') });
    act(() => onProfileChange?.());
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: 'Monitor in the background' })).toHaveProperty('checked', true),
    );
  });
});
