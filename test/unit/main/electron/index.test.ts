/**
 * src/main/electron/index.ts with Electron mocked: what the app wires up at start, and that every handler it
 * installs refuses hostile input.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationNames } from '@shared/contract';
import { cspProblems } from '@support/csp';

type Handler = (...args: unknown[]) => unknown;
const electronState = vi.hoisted(() => {
  const state = {
    hasLock: true,
    ready: Promise.resolve() as Promise<void>,
    appHandlers: new Map<string, Handler>(),
    ipcHandlers: new Map<string, Handler>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    windows: [] as Array<{
      options: Record<string, unknown>;
      loaded: string[];
      contents: { handlers: Map<string, Handler>; sent: unknown[][] };
      handlers: Map<string, Handler>;
    }>,
    /** Tray icons created, with their menus. */
    trays: [] as Array<{ menu: Array<{ label?: string; click?: () => void }>; destroyed: boolean }>,
    badges: [] as number[],
    /** What createMainServices' monitoring seam answers (the monitor service is wired there later). */
    monitoring: false,
    monitorCalls: [] as string[],
    disposed: 0,
    notificationsSupported: false,
    notifications: [] as string[],
    /** Shown notifications' click handlers, in order. */
    notificationClicks: [] as Array<() => void>,
    services: null as null | { hub: { emit(event: string, payload: unknown): void } },
    notifier: null as null | { notify(title: string, body: string, target?: { page: string }): boolean },
    protocolClients: [] as string[],
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    menuSet: false,
    menu: null as unknown,
    quit: 0,
    packaged: true,
    /** What happened, in order, among the calls whose order matters. */
    sequence: [] as string[],
    opened: [] as string[],
    errorBoxes: [] as string[],
    userData: '',
    reset() {
      state.hasLock = true;
      state.appHandlers.clear();
      state.ipcHandlers.clear();
      state.privileged = [];
      state.protocolHandlers.clear();
      state.windows = [];
      state.permissionRequest = state.permissionCheck = undefined;
      state.menuSet = false;
      state.quit = 0;
      state.packaged = true;
      state.sequence = [];
      state.opened = [];
      state.errorBoxes = [];
      state.protocolClients = [];
      state.trays = [];
      state.badges = [];
      state.monitoring = false;
      state.monitorCalls = [];
      state.disposed = 0;
      state.notificationsSupported = false;
      state.notifications = [];
      state.notificationClicks = [];
      state.services = null;
      state.notifier = null;
    },
  };
  return state;
});

vi.mock('electron', () => {
  const fakeContents = () => {
    const handlers = new Map<string, Handler>();
    const sent: unknown[][] = [];
    return {
      handlers,
      sent,
      on(event: string, handler: Handler) {
        handlers.set(event, handler);
      },
      once(event: string, handler: Handler) {
        handlers.set(event, handler);
      },
      setWindowOpenHandler(handler: Handler) {
        handlers.set('window-open', handler);
      },
      send(...args: unknown[]) {
        sent.push(args);
      },
      isDestroyed: () => false,
    };
  };
  class BrowserWindow {
    webContents = fakeContents();
    loaded: string[] = [];
    handlers = new Map<string, Handler>();
    constructor(options: Record<string, unknown>) {
      electronState.windows.push({
        options,
        loaded: this.loaded,
        contents: this.webContents,
        handlers: this.handlers,
      });
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    on(event: string, handler: Handler) {
      this.handlers.set(event, handler);
    }
    once() {}
    show() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      electronState.sequence.push('focus');
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    app: {
      get isPackaged() {
        return electronState.packaged;
      },
      enableSandbox: () => electronState.sequence.push('enableSandbox'),
      getPath: () => electronState.userData,
      name: 'Linkdesk',
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: () => electronState.hasLock,
      setAsDefaultProtocolClient: (scheme: string) => electronState.protocolClients.push(scheme),
      quit: () => (electronState.quit += 1),
      setBadgeCount: (count: number) => electronState.badges.push(count),
      on: (event: string, handler: Handler) => electronState.appHandlers.set(event, handler),
      whenReady: () => {
        electronState.sequence.push('whenReady');
        return electronState.ready;
      },
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: Handler) => electronState.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => electronState.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => {
        electronState.menuSet = true;
        electronState.menu = menu;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => electronState.privileged.push(...schemes),
      handle: (scheme: string, handler: Handler) => electronState.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (electronState.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (electronState.permissionCheck = handler),
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
      decryptString: (cipher: Buffer) => cipher.toString().replace(/^enc:/, ''),
    },
    shell: { openExternal: async (url: string) => void electronState.opened.push(url) },
    dialog: { showErrorBox: (title: string, text: string) => electronState.errorBoxes.push(`${title}: ${text}`) },
    Notification: class {
      private click: Handler = () => {};
      constructor(private options: { title: string; body: string }) {}
      static isSupported() {
        return electronState.notificationsSupported;
      }
      on(event: string, handler: Handler) {
        if (event === 'click') this.click = handler;
      }
      show() {
        electronState.notifications.push(`${this.options.title}: ${this.options.body}`);
        electronState.notificationClicks.push(() => this.click());
      }
    },
    Tray: class {
      state = { menu: [] as Array<{ label?: string; click?: () => void }>, destroyed: false };
      constructor() {
        electronState.trays.push(this.state);
      }
      setContextMenu(menu: Array<{ label?: string; click?: () => void }>) {
        this.state.menu = menu;
      }
      setToolTip() {}
      on() {}
      destroy() {
        this.state.destroyed = true;
      }
    },
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
});

// The real services, with the monitor's seam answering what a test says, and dispose() counted.
vi.mock('@main/composition', async (importOriginal) => {
  const real = await importOriginal<typeof import('@main/composition')>();
  return {
    ...real,
    createMainServices: (...args: Parameters<typeof real.createMainServices>) => {
      const services = real.createMainServices(...args);
      electronState.services = services;
      electronState.notifier = args[0].notifier;
      return {
        ...services,
        monitoring: {
          isMonitoring: () => electronState.monitoring,
          setMonitoring: (on: boolean) => {
            electronState.monitorCalls.push(on ? 'resume' : 'pause');
            electronState.monitoring = on;
          },
          checkNow: () => electronState.monitorCalls.push('checkNow'),
        },
        dispose: () => {
          electronState.disposed += 1;
          services.dispose();
        },
      };
    },
  };
});

vi.mock('electron-store', () => ({
  default: class {
    private values = new Map<string, unknown>();
    get(key: string) {
      return this.values.get(key);
    }
    set(key: string, value: unknown) {
      this.values.set(key, value);
    }
  },
}));

async function startApp() {
  vi.resetModules();
  await import('@main/electron/index');
  await electronState.ready;
  await new Promise((resolve) => setImmediate(resolve));
}

describe('main process start-up', () => {
  beforeEach(async () => {
    electronState.reset();
    electronState.userData = await mkdtemp(path.join(tmpdir(), 'linkdesk-userdata-'));
  });

  it('a second instance quits at once and opens nothing', async () => {
    electronState.hasLock = false;
    await startApp();
    expect(electronState.quit).toBe(1);
    expect(electronState.windows).toHaveLength(0);
    expect(electronState.ipcHandlers.size).toBe(0);
  });

  it('a console already using the data folder (a browser console pointed at it) stops the app, saying why', async () => {
    const { acquireDataFolderLock } = await import('@main/storage/data-lock');
    const held = acquireDataFolderLock(electronState.userData, { host: 'browser console on port 5180' });
    try {
      await startApp();
      expect(electronState.quit).toBe(1);
      expect(electronState.windows).toHaveLength(0);
      expect(electronState.errorBoxes).toEqual([
        expect.stringMatching(/already using its data folder: Another Linkdesk console \(browser console on port 5180/),
      ]);
    } finally {
      held.release();
    }
  });

  it('opens one locked window on the app protocol, with the bridge, menu and guards in place', async () => {
    await startApp();
    expect(electronState.privileged).toEqual([
      expect.objectContaining({
        scheme: 'linkdesk',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(electronState.windows).toHaveLength(1);
    const [window] = electronState.windows;
    expect(window?.loaded).toEqual(['linkdesk://app/index.html']);
    expect(window?.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String((window?.options['webPreferences'] as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(electronState.menuSet).toBe(true);
    expect([...electronState.ipcHandlers.keys()].sort()).toEqual(
      operationNames.map((name) => `linkdesk:call:${name}`).sort(),
    );
    const callback = vi.fn();
    electronState.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electronState.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('sandboxes every renderer before the app is ready, and packaged builds have no DevTools', async () => {
    await startApp();
    expect(electronState.sequence.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(electronState.sequence.indexOf('enableSandbox')).toBeLessThan(electronState.sequence.indexOf('whenReady'));
    expect(electronState.windows[0]?.options['webPreferences']).toMatchObject({ devTools: false });
    const menu = JSON.stringify(electronState.menu);
    expect(menu).not.toContain('toggleDevTools');
  });

  it('keeps DevTools in development', async () => {
    electronState.packaged = false;
    await startApp();
    expect(electronState.windows[0]?.options['webPreferences']).toMatchObject({ devTools: true });
    expect(JSON.stringify(electronState.menu)).toContain('toggleDevTools');
  });

  it('answers IPC only from the app’s own frame', async () => {
    await startApp();
    const info = electronState.ipcHandlers.get('linkdesk:call:app.info')!;
    expect(await info({ senderFrame: { url: 'linkdesk://app/index.html' } }, {})).toMatchObject({
      ok: true,
      value: { host: 'electron', secretStorage: { osKeychain: true } },
    });
    for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/x.html' }, null]) {
      expect(await info({ senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const open = electronState.ipcHandlers.get('linkdesk:call:system.openExternal')!;
    const frame = { senderFrame: { url: 'linkdesk://app/index.html' } };
    expect(await open(frame, { url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await open(frame, { url: 'https://link.codat.io/company/x' })).toEqual({
      ok: true,
      value: { opened: true, by: 'system', url: 'https://link.codat.io/company/x' },
    });
    expect(electronState.opened).toEqual(['https://link.codat.io/company/x']);
  });

  it('guards every web contents created, not only the main window', async () => {
    await startApp();
    const handlers = new Map<string, Handler>();
    const contents = {
      on: (event: string, handler: Handler) => handlers.set(event, handler),
      setWindowOpenHandler: (handler: Handler) => handlers.set('window-open', handler),
    };
    electronState.appHandlers.get('web-contents-created')?.({}, contents);
    const navigation = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    handlers.get('will-navigate')?.(navigation, 'file:///etc/passwd');
    expect(navigation.defaultPrevented).toBe(true);
    expect(handlers.get('window-open')?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electronState.opened).toEqual([]);
  });

  it('serves the renderer with exactly the strict CSP and refuses paths outside it', async () => {
    await startApp();
    const serve = electronState.protocolHandlers.get('linkdesk')!;
    const page = (await serve(new Request('linkdesk://app/index.html'))) as Response;
    expect(page.status).toBe(200);
    expect(cspProblems(page.headers.get('content-security-policy'))).toEqual([]);
    // ../ and %2e%2e/ are resolved by URL parsing before any handler sees them; an encoded slash or backslash is
    // not, so the handler itself must refuse what decodes to a way out.
    for (const path of ['%2E%2E%2F%2E%2E%2Fpackage.json', '..%2f..%2fpackage.json', '..%5c..%5cpackage.json']) {
      const url = `linkdesk://app/${path}`;
      expect(new URL(url).pathname).toBe(`/${path}`);
      const outside = (await serve(new Request(url))) as Response;
      expect(outside.status).toBe(404);
      expect(await outside.text()).not.toContain('"name": "linkdesk"');
    }
    const otherHost = (await serve(new Request('linkdesk://evil/index.html'))) as Response;
    expect(otherHost.status).toBe(404);
    expect(cspProblems(otherHost.headers.get('content-security-policy'))).toEqual([]);
  });

  it('serves the branding cache from userData/branding, inert, and only images whose bytes match their name', async () => {
    await startApp();
    const serve = electronState.protocolHandlers.get('linkdesk')!;
    const images = path.join(electronState.userData, 'branding', 'images');
    await mkdir(images, { recursive: true });
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
    );
    const name = `${createHash('sha256').update(svg).digest('hex')}.svg`;
    await writeFile(path.join(images, name), svg);
    const image = (await serve(new Request(`linkdesk://app/branding-cache/${name}`))) as Response;
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    // The type is the one its bytes were checked as: a browser must not guess another.
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(svg);

    const forged = `${'f'.repeat(64)}.svg`;
    await writeFile(path.join(images, forged), svg);
    expect(((await serve(new Request(`linkdesk://app/branding-cache/${forged}`))) as Response).status).toBe(404);
  });
});

describe('deep links (linkdesk://company/…)', () => {
  const company = '6b1c4c8e-2f3a-4d5e-9f60-7a8b9c0d1e2f';
  const connection = '0f9e8d7c-6b5a-4948-8372-615049382716';
  const navigations = () =>
    (electronState.windows[0]?.contents.sent ?? []).filter(([, event]) => event === 'app.navigate').map(([, , p]) => p);

  beforeEach(async () => {
    electronState.reset();
    electronState.userData = await mkdtemp(path.join(tmpdir(), 'linkdesk-userdata-'));
  });

  async function startReady() {
    await startApp();
    electronState.windows[0]?.contents.handlers.get('did-finish-load')?.();
  }

  it('a second instance with a deep link brings the window forward and tells the renderer where to go', async () => {
    await startReady();
    const secondInstance = electronState.appHandlers.get('second-instance')!;
    secondInstance({}, [
      '/opt/Linkdesk/linkdesk',
      '--no-sandbox',
      `linkdesk://company/${company}/connection/${connection}`,
    ]);
    expect(navigations()).toEqual([{ companyId: company, connectionId: connection }]);
    expect(electronState.sequence).toContain('focus');
    // Nothing is loaded for it: the page stays the one the window opened with.
    expect(electronState.windows[0]?.loaded).toEqual(['linkdesk://app/index.html']);
  });

  it('macOS open-url is taken (not left to the OS) and navigates the same way', async () => {
    await startReady();
    const event = { preventDefault: vi.fn() };
    electronState.appHandlers.get('open-url')!(event, `linkdesk://company/${company}`);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(navigations()).toEqual([{ companyId: company }]);
  });

  it('ignores a link with extra segments or a foreign host, with a log line, and navigates nowhere', async () => {
    await startReady();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const secondInstance = electronState.appHandlers.get('second-instance')!;
    secondInstance({}, ['linkdesk', `linkdesk://company/${company}/delete`]);
    secondInstance({}, ['linkdesk', `linkdesk://evil.example/company/${company}`]);
    secondInstance({}, ['linkdesk', 'linkdesk://app/index.html']);
    expect(navigations()).toEqual([]);
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/^\[deep-link\] ignored linkdesk:\/\/company\/.*\/delete: .*more to it/),
      expect.stringMatching(/^\[deep-link\] ignored linkdesk:\/\/evil\.example\/.*names “evil\.example”/),
      expect.stringMatching(/^\[deep-link\] ignored linkdesk:\/\/app\/index\.html: .*own page address/),
    ]);
  });

  it('a cold start from a deep link opens its company with the first page load', async () => {
    const argv = process.argv;
    process.argv = [...argv, `linkdesk://company/${company.toUpperCase()}`];
    try {
      await startReady();
    } finally {
      process.argv = argv;
    }
    expect(electronState.windows[0]?.loaded).toEqual([`linkdesk://app/index.html#/companies/${company}`]);
    expect(navigations()).toEqual([]);
  });

  it('a deep link loads nothing through the app protocol, and the packaged Windows app registers the scheme', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      await startReady();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(electronState.protocolClients).toEqual(['linkdesk']);
    const serve = electronState.protocolHandlers.get('linkdesk')!;
    expect(((await serve(new Request(`linkdesk://company/${company}`))) as Response).status).toBe(404);
  });
});

describe('closed windows keep watching', () => {
  beforeEach(async () => {
    electronState.reset();
    electronState.userData = await mkdtemp(path.join(tmpdir(), 'linkdesk-userdata-'));
  });

  const closeWindow = (index: number) => {
    electronState.windows[index]?.handlers.get('closed')?.();
    electronState.appHandlers.get('window-all-closed')?.();
  };
  const trayItem = (label: string) => electronState.trays[0]!.menu.find((item) => item.label === label)!;

  it('with monitoring off, closing the last window quits, as before (Windows, Linux)', async () => {
    await startApp();
    closeWindow(0);
    expect(electronState.quit).toBe(1);
    expect(electronState.trays).toEqual([]);
  });

  it('with monitoring on, it stays in the tray, says so once, and its menu reaches the window and the monitor', async () => {
    electronState.monitoring = true;
    electronState.notificationsSupported = true;
    await startApp();
    closeWindow(0);
    expect(electronState.quit).toBe(0);
    expect(electronState.trays).toHaveLength(1);
    expect(electronState.notifications).toEqual([
      'Linkdesk is still running: Linkdesk keeps watching your connections in the background. Quit from the tray icon’s menu.',
    ]);

    trayItem('Open Linkdesk').click!();
    expect(electronState.windows).toHaveLength(2);
    expect(electronState.windows[1]?.loaded).toEqual(['linkdesk://app/index.html']);
    trayItem('Check now').click!();
    trayItem('Pause monitoring').click!();
    expect(electronState.monitorCalls).toEqual(['checkNow', 'pause']);
    expect(electronState.trays[0]!.menu.map((item) => item.label)).toContain('Resume monitoring');

    // Resumed in Settings: the tray follows with the next monitor event.
    electronState.monitoring = true;
    electronState.services!.hub.emit('inbox.changed', { profileId: 'training', newCount: 0 });
    expect(electronState.trays[0]!.menu.map((item) => item.label)).toContain('Pause monitoring');

    // Closed again: the same icon, nothing said twice (the settings file remembers it for the next start).
    closeWindow(1);
    expect(electronState.trays).toHaveLength(1);
    expect(electronState.notifications).toHaveLength(1);
    expect(electronState.quit).toBe(0);
    const saved = JSON.parse(await readFile(path.join(electronState.userData, 'settings.json'), 'utf8'));
    expect(saved.desktop).toEqual({ toldKeepsRunning: true });
  });

  it('Quit from the tray quits; on the way out the services stop, the icon goes and the data folder is free', async () => {
    electronState.monitoring = true;
    await startApp();
    closeWindow(0);
    trayItem('Quit').click!();
    expect(electronState.quit).toBe(1);
    // Electron closes the windows, then will-quit.
    electronState.appHandlers.get('will-quit')?.();
    expect(electronState.disposed).toBe(1);
    expect(electronState.trays[0]!.destroyed).toBe(true);
    const { acquireDataFolderLock } = await import('@main/storage/data-lock');
    acquireDataFolderLock(electronState.userData, { host: 'test' }).release();
  });

  it('a notification clicked while the window is closed opens the window, then what it was about', async () => {
    electronState.monitoring = true;
    electronState.notificationsSupported = true;
    await startApp();
    closeWindow(0);
    electronState.notifier!.notify('3 new issues', 'Acme — sync failing; …', { page: 'followups' });
    electronState.notificationClicks.at(-1)!();
    expect(electronState.windows).toHaveLength(2);
    const reopened = electronState.windows[1]!;
    const commands = () => reopened.contents.sent.filter(([, event]) => event === 'ui.command').map(([, , p]) => p);
    // Sent before the page listens, it would be lost: it waits for the page to load.
    expect(commands()).toEqual([]);
    reopened.contents.handlers.get('did-finish-load')?.();
    expect(commands()).toEqual([{ command: 'navigate', page: 'followups' }]);
  });

  it('a second instance started while the window is closed opens it again', async () => {
    electronState.monitoring = true;
    await startApp();
    closeWindow(0);
    electronState.appHandlers.get('second-instance')?.({}, ['linkdesk']);
    expect(electronState.windows).toHaveLength(2);
  });

  it('the app badge shows the Inbox’s New count', async () => {
    await startApp();
    electronState.services!.hub.emit('inbox.changed', { profileId: 'training', newCount: 2 });
    electronState.services!.hub.emit('inbox.changed', { profileId: 'training', newCount: 0 });
    expect(electronState.badges).toEqual([2, 0]);
  });
});
