/**
 * Linkdesk in the background: what happens when the last window closes, and what the tray (the menu bar on macOS)
 * offers. Pure decisions, unit-tested; src/main/electron/tray.ts does them with Electron and src/main/electron/index.ts wires it.
 *
 * - Monitoring on: closing the last window keeps Linkdesk running in the tray / menu bar, and it says so once.
 * - Monitoring off: the last window closing quits, as before — except on macOS, where an app stays in the Dock
 *   until quit (clicking the Dock icon opens a window again).
 */

/** What the tray needs of the monitor (main's composition provides it). */
export interface MonitoringControls {
  /** Whether the monitor watches the active profile in the background now. */
  isMonitoring(): boolean;
  /** "Pause monitoring" (false) / "Resume monitoring" (true). */
  setMonitoring(on: boolean): void;
  /** "Check now": a round at once (its alerts come as usual). */
  checkNow(): void;
}

export type LastWindowClosedAction =
  /** Quit the app (services disposed on the way out). */
  | 'quit'
  /** Keep running, reachable from the tray / menu-bar icon. */
  | 'keep_in_tray'
  /** Keep running in the Dock, as macOS apps do. */
  | 'stay_in_dock';

const isMac = (platform: string) => platform === 'darwin';

export function afterLastWindowClosed(platform: string, monitoring: boolean): LastWindowClosedAction {
  if (monitoring) return 'keep_in_tray';
  return isMac(platform) ? 'stay_in_dock' : 'quit';
}

export type TrayAction = 'open' | 'check_now' | 'pause' | 'resume' | 'quit';
export type TrayMenuEntry = { action: TrayAction; label: string } | { separator: true };

/** The tray's menu; the pause item says what it will do, so it reads "Resume monitoring" while paused. */
export function trayMenu(monitoring: boolean): TrayMenuEntry[] {
  return [
    { action: 'open', label: 'Open Linkdesk' },
    { separator: true },
    { action: 'check_now', label: 'Check now' },
    monitoring ? { action: 'pause', label: 'Pause monitoring' } : { action: 'resume', label: 'Resume monitoring' },
    { separator: true },
    { action: 'quit', label: 'Quit' },
  ];
}

export function trayTooltip(monitoring: boolean): string {
  return monitoring ? 'Linkdesk: watching your connections' : 'Linkdesk: monitoring paused';
}

/** Said once, the first time Linkdesk stays running without a window. */
export function backgroundNotice(platform: string): { title: string; body: string } {
  const where = isMac(platform) ? 'the menu bar icon’s menu' : 'the tray icon’s menu';
  return {
    title: 'Linkdesk is still running',
    body: `Linkdesk keeps watching your connections in the background. Quit from ${where}.`,
  };
}

/** Windows opens the window on a click on the tray icon; elsewhere a click opens the menu (macOS, most Linux). */
export function trayClickOpensWindow(platform: string): boolean {
  return platform === 'win32';
}

/** The icon's size in pixels: the macOS menu bar and the Windows tray draw 16, Linux panels mostly 22. */
export function trayIconSize(platform: string): number {
  return platform === 'linux' ? 22 : 16;
}
