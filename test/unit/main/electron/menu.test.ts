import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '@main/electron/menu';

function items(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((entry) => entry.label === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  it.each([true, false])('has the standard Edit roles (macOS: %s) so copy and paste work', (isMac) => {
    const template = buildMenuTemplate({
      isMac,
      appName: 'Linkdesk',
      devTools: false,
      send: () => {},
      openLogsFolder: () => {},
    });
    const roles = items(template, 'Edit').map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('sends the app’s own shortcuts to the renderer: Ctrl/Cmd+K opens the command palette', () => {
    const send = vi.fn();
    const template = buildMenuTemplate({
      isMac: false,
      appName: 'Linkdesk',
      devTools: false,
      send,
      openLogsFolder: () => {},
    });
    const go = items(template, 'Go');
    const byAccelerator = new Map(go.filter((item) => item.accelerator).map((item) => [item.accelerator, item]));
    byAccelerator.get('CmdOrCtrl+K')?.click?.({} as never, undefined, {} as never);
    byAccelerator.get('CmdOrCtrl+2')?.click?.({} as never, undefined, {} as never);
    byAccelerator.get('CmdOrCtrl+3')?.click?.({} as never, undefined, {} as never);
    byAccelerator.get('CmdOrCtrl+4')?.click?.({} as never, undefined, {} as never);
    byAccelerator.get('CmdOrCtrl+6')?.click?.({} as never, undefined, {} as never);
    expect(send.mock.calls).toEqual([
      [{ command: 'openPalette' }],
      [{ command: 'navigate', page: 'followups' }],
      [{ command: 'navigate', page: 'inbox' }],
      [{ command: 'navigate', page: 'health' }],
      [{ command: 'navigate', page: 'audit' }],
    ]);
  });

  it('offers developer tools only in development builds', () => {
    const roles = (devTools: boolean) =>
      items(
        buildMenuTemplate({ isMac: false, appName: 'Linkdesk', devTools, send: () => {}, openLogsFolder: () => {} }),
        'View',
      ).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('has Help › Open logs folder', () => {
    const openLogsFolder = vi.fn();
    const template = buildMenuTemplate({
      isMac: false,
      appName: 'Linkdesk',
      devTools: false,
      send: () => {},
      openLogsFolder,
    });
    const help = (template.find((entry) => entry.role === 'help')?.submenu ?? []) as MenuItemConstructorOptions[];
    help.find((item) => item.label === 'Open logs folder')?.click?.({} as never, undefined, {} as never);
    expect(openLogsFolder).toHaveBeenCalledTimes(1);
  });
});
