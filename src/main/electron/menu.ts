/**
 * The application menu: the standard Edit roles (without them copy/paste does nothing on macOS) and the
 * console's own shortcuts, which reach the renderer as `ui.command` events.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '@shared/contract';
import { pages } from '@shared/pages';

export function buildMenuTemplate(options: {
  isMac: boolean;
  appName: string;
  /** Developer tools only in development builds. */
  devTools: boolean;
  send(command: EventPayload<'ui.command'>): void;
  /** Shows the support log's folder. */
  openLogsFolder(): void;
}): MenuItemConstructorOptions[] {
  const { isMac, appName, devTools, send } = options;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  }
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'Go',
    submenu: [
      {
        label: 'Command palette…',
        accelerator: 'CmdOrCtrl+K',
        click: () => send({ command: 'openPalette' }),
      },
      { label: 'Search companies', click: () => send({ command: 'focusSearch' }) },
      { type: 'separator' },
      ...pages.map((page, index): MenuItemConstructorOptions => ({
        label: page.label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: () => send({ command: 'navigate', page: page.id }),
      })),
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [{ label: 'Open logs folder', click: () => options.openLogsFolder() }],
  });
  return template;
}
