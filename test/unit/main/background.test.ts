/** What closing the last window does, and what the tray offers, per platform and monitor state. */
import { describe, expect, it } from 'vitest';
import { afterLastWindowClosed, backgroundNotice, trayClickOpensWindow, trayMenu } from '@main/background';

describe('Linkdesk in the background', () => {
  it.each([
    ['win32', true, 'keep_in_tray'],
    ['linux', true, 'keep_in_tray'],
    ['darwin', true, 'keep_in_tray'],
    ['win32', false, 'quit'],
    ['linux', false, 'quit'],
    ['darwin', false, 'stay_in_dock'],
  ] as const)('on %s with monitoring %s, closing the last window does: %s', (platform, monitoring, action) => {
    expect(afterLastWindowClosed(platform, monitoring)).toBe(action);
  });

  it('the tray menu opens the window, checks now, pauses or resumes, and quits', () => {
    const labels = (monitoring: boolean) =>
      trayMenu(monitoring).map((entry) => ('separator' in entry ? '—' : entry.label));
    expect(labels(true)).toEqual(['Open Linkdesk', '—', 'Check now', 'Pause monitoring', '—', 'Quit']);
    expect(labels(false)).toEqual(['Open Linkdesk', '—', 'Check now', 'Resume monitoring', '—', 'Quit']);
  });

  it('says where to quit in the words of the platform, and only Windows opens the window on a tray click', () => {
    expect(backgroundNotice('win32').body).toBe(
      'Linkdesk keeps watching your connections in the background. Quit from the tray icon’s menu.',
    );
    expect(backgroundNotice('darwin').body).toMatch(/Quit from the menu bar icon’s menu\.$/);
    expect(trayClickOpensWindow('win32')).toBe(true);
    expect(trayClickOpensWindow('darwin')).toBe(false);
    expect(trayClickOpensWindow('linux')).toBe(false);
  });
});
