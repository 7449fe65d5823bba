/**
 * The tray / menu-bar icon that keeps Linkdesk reachable while it watches with no window open. A thin Electron
 * adapter over the decisions in ./background (one of the few files allowed to import `electron`).
 */
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import {
  afterLastWindowClosed,
  backgroundNotice,
  trayClickOpensWindow,
  trayIconSize,
  trayMenu,
  trayTooltip,
  type MonitoringControls,
  type TrayAction,
} from '../background';

export interface BackgroundPresenceOptions {
  platform: string;
  /** The app icon (assets/icon.png); shrunk for the tray. */
  iconPath: string;
  monitoring: MonitoringControls;
  /** Opens the window again (or brings it forward). */
  openWindow(): void;
  /** A desktop notification; false where none could be shown. */
  notify(title: string, body: string): boolean;
  /** Whether the user was already told Linkdesk keeps running (kept in settings, so it is said once). */
  told: { read(): boolean; remember(): void };
}

export interface BackgroundPresence {
  /** `window-all-closed`: quits, or stays in the tray / menu bar (or the Dock) as the platform and monitor say. */
  lastWindowClosed(): void;
  /** The monitor was paused or resumed elsewhere (Settings): the menu's label and the tooltip follow. */
  refresh(): void;
  /** On quit: the icon goes (Windows would otherwise leave a ghost in the tray until hovered). */
  dispose(): void;
}

export function createBackgroundPresence(options: BackgroundPresenceOptions): BackgroundPresence {
  const { platform, monitoring } = options;
  let tray: Tray | null = null;

  const actions: Record<TrayAction, () => void> = {
    open: () => options.openWindow(),
    check_now: () => monitoring.checkNow(),
    pause: () => monitoring.setMonitoring(false),
    resume: () => monitoring.setMonitoring(true),
    quit: () => app.quit(),
  };

  function run(action: TrayAction): void {
    try {
      actions[action]();
    } catch (error) {
      console.warn(`[tray] ${action} failed: ${String(error)}`);
    }
    if (action === 'pause' || action === 'resume') refresh();
  }

  function refresh(): void {
    if (!tray) return;
    const on = monitoring.isMonitoring();
    const template = trayMenu(on).map((entry): MenuItemConstructorOptions =>
      'separator' in entry ? { type: 'separator' } : { label: entry.label, click: () => run(entry.action) },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setToolTip(trayTooltip(on));
  }

  function showTray(): void {
    if (tray) return;
    const size = trayIconSize(platform);
    tray = new Tray(nativeImage.createFromPath(options.iconPath).resize({ width: size, height: size }));
    if (trayClickOpensWindow(platform)) tray.on('click', () => options.openWindow());
    refresh();
  }

  function tellOnce(): void {
    if (options.told.read()) return;
    const notice = backgroundNotice(platform);
    let shown = false;
    try {
      shown = options.notify(notice.title, notice.body);
    } catch (error) {
      console.warn(`[tray] could not say Linkdesk keeps running: ${String(error)}`);
    }
    // Not shown (no notification centre): said the next time instead.
    if (shown) options.told.remember();
  }

  return {
    lastWindowClosed() {
      const action = afterLastWindowClosed(platform, monitoring.isMonitoring());
      if (action === 'quit') {
        app.quit();
        return;
      }
      if (action === 'keep_in_tray') {
        showTray();
        tellOnce();
      }
    },
    refresh,
    dispose() {
      tray?.destroy();
      tray = null;
    },
  };
}
