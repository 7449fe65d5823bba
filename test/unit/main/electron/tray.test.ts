/** The tray that keeps Linkdesk reachable while it watches with no window, with Electron mocked. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitoringControls } from '@main/background';

type Item = { label?: string; type?: string; click?: () => void };
const desktop = vi.hoisted(() => ({
  trays: [] as Array<{
    image: { size: { width: number; height: number } };
    menu: Item[];
    tooltip: string;
    listeners: Map<string, () => void>;
    destroyed: boolean;
  }>,
  quits: 0,
  iconsRead: [] as string[],
}));

vi.mock('electron', () => ({
  app: { quit: () => (desktop.quits += 1) },
  Menu: { buildFromTemplate: (template: Item[]) => template },
  nativeImage: {
    createFromPath: (file: string) => {
      desktop.iconsRead.push(file);
      return { resize: (size: { width: number; height: number }) => ({ size }) };
    },
  },
  Tray: class {
    state: (typeof desktop.trays)[number];
    constructor(image: { size: { width: number; height: number } }) {
      this.state = { image, menu: [], tooltip: '', listeners: new Map(), destroyed: false };
      desktop.trays.push(this.state);
    }
    setContextMenu(menu: Item[]) {
      this.state.menu = menu;
    }
    setToolTip(text: string) {
      this.state.tooltip = text;
    }
    on(event: string, listener: () => void) {
      this.state.listeners.set(event, listener);
    }
    destroy() {
      this.state.destroyed = true;
    }
  },
}));

const { createBackgroundPresence } = await import('@main/electron/tray');

function presence(platform: string, options: { monitoring?: boolean; notifications?: boolean } = {}) {
  let monitoring = options.monitoring ?? true;
  const calls: string[] = [];
  const notices: Array<{ title: string; body: string }> = [];
  let told = false;
  const controls: MonitoringControls = {
    isMonitoring: () => monitoring,
    setMonitoring: (on) => {
      calls.push(on ? 'resume' : 'pause');
      monitoring = on;
    },
    checkNow: () => calls.push('checkNow'),
  };
  const background = createBackgroundPresence({
    platform,
    iconPath: '/app/assets/icon.png',
    monitoring: controls,
    openWindow: () => calls.push('openWindow'),
    notify: (title, body) => {
      if (options.notifications === false) return false;
      notices.push({ title, body });
      return true;
    },
    told: { read: () => told, remember: () => (told = true) },
  });
  return {
    background,
    calls,
    notices,
    setMonitoring: (on: boolean) => (monitoring = on),
    isTold: () => told,
  };
}

const labels = (menu: Item[]) => menu.map((item) => item.label ?? item.type);
const click = (menu: Item[], label: string) => menu.find((item) => item.label === label)!.click!();

describe('the tray', () => {
  beforeEach(() => {
    desktop.trays = [];
    desktop.quits = 0;
    desktop.iconsRead = [];
  });

  it('closing the last window while monitoring keeps Linkdesk in the tray, created once, said once', () => {
    const { background, notices, isTold } = presence('win32');
    background.lastWindowClosed();
    expect(desktop.quits).toBe(0);
    expect(desktop.trays).toHaveLength(1);
    expect(desktop.iconsRead).toEqual(['/app/assets/icon.png']);
    expect(desktop.trays[0]!.image.size).toEqual({ width: 16, height: 16 });
    expect(labels(desktop.trays[0]!.menu)).toEqual([
      'Open Linkdesk',
      'separator',
      'Check now',
      'Pause monitoring',
      'separator',
      'Quit',
    ]);
    expect(notices).toEqual([
      {
        title: 'Linkdesk is still running',
        body: 'Linkdesk keeps watching your connections in the background. Quit from the tray icon’s menu.',
      },
    ]);
    expect(isTold()).toBe(true);

    // The window opened and closed again: the same icon, nothing said again.
    background.lastWindowClosed();
    expect(desktop.trays).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(desktop.quits).toBe(0);
  });

  it('closing the last window while not monitoring quits on Windows and Linux, with no tray', () => {
    for (const platform of ['win32', 'linux']) {
      presence(platform, { monitoring: false }).background.lastWindowClosed();
    }
    expect(desktop.quits).toBe(2);
    expect(desktop.trays).toEqual([]);
  });

  it('on macOS, not monitoring, the app stays in the Dock (no quit, no menu-bar icon); monitoring, in the menu bar', () => {
    presence('darwin', { monitoring: false }).background.lastWindowClosed();
    expect(desktop.quits).toBe(0);
    expect(desktop.trays).toEqual([]);
    const { background, notices } = presence('darwin');
    background.lastWindowClosed();
    expect(desktop.quits).toBe(0);
    expect(desktop.trays).toHaveLength(1);
    expect(notices[0]?.body).toMatch(/menu bar icon’s menu/);
    // A click on the menu-bar icon opens its menu (macOS does that itself), not the window.
    expect(desktop.trays[0]!.listeners.has('click')).toBe(false);
  });

  it('the menu opens the window, checks now, pauses (then reads "Resume monitoring") and resumes', () => {
    const { background, calls } = presence('linux');
    background.lastWindowClosed();
    const tray = desktop.trays[0]!;
    click(tray.menu, 'Open Linkdesk');
    click(tray.menu, 'Check now');
    click(tray.menu, 'Pause monitoring');
    expect(labels(tray.menu)).toContain('Resume monitoring');
    expect(tray.tooltip).toBe('Linkdesk: monitoring paused');
    click(tray.menu, 'Resume monitoring');
    expect(labels(tray.menu)).toContain('Pause monitoring');
    expect(tray.tooltip).toBe('Linkdesk: watching your connections');
    expect(calls).toEqual(['openWindow', 'checkNow', 'pause', 'resume']);
    expect(desktop.quits).toBe(0);
  });

  it('follows a pause made elsewhere (Settings) when refreshed', () => {
    const { background, setMonitoring } = presence('linux');
    background.lastWindowClosed();
    setMonitoring(false);
    background.refresh();
    expect(labels(desktop.trays[0]!.menu)).toContain('Resume monitoring');
  });

  it('on Windows a click on the icon opens the window', () => {
    const { background, calls } = presence('win32');
    background.lastWindowClosed();
    desktop.trays[0]!.listeners.get('click')!();
    expect(calls).toEqual(['openWindow']);
  });

  it('Quit quits the app, and on the way out the icon goes', () => {
    const { background } = presence('win32');
    background.lastWindowClosed();
    click(desktop.trays[0]!.menu, 'Quit');
    expect(desktop.quits).toBe(1);
    background.dispose();
    expect(desktop.trays[0]!.destroyed).toBe(true);
  });

  it('where no notification could be shown, it is said the next time instead', () => {
    const { background, isTold } = presence('linux', { notifications: false });
    background.lastWindowClosed();
    expect(isTold()).toBe(false);
  });
});
