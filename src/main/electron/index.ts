/** App lifecycle only: wire adapters into services, open the window, bind the bridge. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import Store from 'electron-store';
import { isAppUrl } from '../bridge/dispatcher';
import { acquireDataFolderLock, DataFolderInUse, type DataFolderLock } from '../storage/data-lock';
import { createMainServices } from '../composition';
import { bindIpc, forwardEvents } from '../bridge/ipc';
import { buildMenuTemplate } from './menu';
import { createDesktopNotifier, electronBadge, safeStorageVault, shellOpener } from './platform';
import { inProcessTrainingSandbox, osUserName } from '../platform/node';
import { appOrigin, registerAppScheme, serveRenderer } from './app-protocol';
import { guardSession, guardWebContents } from './window-guards';
import { createFileSettingsStore, settingsSection } from '../storage/settings';
import { createMainWindow } from './window';
import { createFileLog } from '../log';
import { createDeepLinkHandler } from '../deep-links';
import { openNotificationTarget } from '../notification-clicks';
import type { NotificationTarget } from '../ports';
import { createBackgroundPresence } from './tray';
import { deepLinkScheme, routeHashFor } from '@shared/links';
import { createRedactor } from '../security/redaction';
import type { SavedWindowState } from './window-state';
import iconPath from '../../../assets/icon.png?asset';

// Built, this file is out/main/index.js, beside out/renderer and out/preload; run from source (the unit tests) it
// sits one folder deeper, in src/main/electron, and main's folder is its parent.
const sourceOrBuilt = path.dirname(fileURLToPath(import.meta.url));
const here = import.meta.url.endsWith('.ts') ? path.dirname(sourceOrBuilt) : sourceOrBuilt;
const devRendererUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

// Every renderer runs in Chromium's OS sandbox, whatever a window's options say (Electron's checklist).
app.enableSandbox();

// One instance, and one console per data folder (a browser console may have been pointed at this one).
const dataLock = app.requestSingleInstanceLock() ? takeDataFolder() : null;
if (!dataLock) {
  app.quit();
} else {
  registerAppScheme();
  const redactor = createRedactor();
  const log = createFileLog({ directory: app.getPath('logs'), redact: redactor.redact, echo: !app.isPackaged });
  log.captureConsole();
  log.info(`Linkdesk ${app.getVersion()} started (desktop, ${process.platform}); data in ${app.getPath('userData')}`);
  const settings = createFileSettingsStore(app.getPath('userData'));
  const notifier = createDesktopNotifier((target) => openTarget(target));
  const services = createMainServices(
    {
      facts: { name: 'Linkdesk', version: app.getVersion(), platform: process.platform, host: 'electron' },
      vault: safeStorageVault,
      opener: shellOpener,
      notifier,
      badge: electronBadge,
      settings,
      training: inProcessTrainingSandbox,
      auditDirectory: path.join(app.getPath('userData'), 'audit'),
      brandingDirectory: path.join(app.getPath('userData'), 'branding'),
      followUpsDirectory: path.join(app.getPath('userData'), 'followups'),
      inboxDirectory: path.join(app.getPath('userData'), 'inbox'),
      userName: osUserName(),
      log,
      logDirectory: log.directory,
    },
    { redactor },
  );
  const { hub } = services;
  app.on('web-contents-created', (_event, contents) => {
    // Every web contents, not just the main window's, is guarded.
    guardWebContents(contents, { policy: services.linkPolicy, opener: shellOpener, onRefused: logRefusal });
  });
  const trustedOrigins = [appOrigin, ...(devRendererUrl ? [new URL(devRendererUrl).origin] : [])];
  const dispatch = services.dispatcher({ isTrustedCaller: (caller) => isAppUrl(caller.frameUrl, trustedOrigins) });
  const windowState = new Store<{ window?: SavedWindowState }>({ name: 'window-state' });
  let mainWindow: BrowserWindow | null = null;
  /** The protocol, bridge and menu are in place: a window may open. */
  let started = false;
  /** The window's page has loaded: events sent to it now are heard. */
  let windowLoaded = false;
  /** A notification clicked while no window was open: the new window opens it once loaded. */
  let waitingTarget: NotificationTarget | null = null;
  /** Brings the window forward; opens it again when it was closed (Linkdesk kept running in the tray). */
  const showWindow = () => {
    if (!started) return;
    if (!mainWindow) {
      openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };
  const openTarget = (target: NotificationTarget) => {
    if (mainWindow && windowLoaded) {
      openNotificationTarget(target, { hub, show: showWindow });
      return;
    }
    waitingTarget = target;
    showWindow();
  };
  const toldKeepsRunning = settingsSection(settings, 'desktop', () => ({ toldKeepsRunning: false }));
  const background = createBackgroundPresence({
    platform: process.platform,
    iconPath,
    monitoring: services.monitoring,
    openWindow: showWindow,
    notify: (title, body) => notifier.notify(title, body),
    told: {
      read: () => toldKeepsRunning.read().toldKeepsRunning,
      remember: () => void toldKeepsRunning.save({ toldKeepsRunning: true }),
    },
  });

  // The pause item and tooltip follow the monitor when it is turned on or off elsewhere (Settings, another profile).
  hub.subscribe((event) => {
    if (event === 'monitor.progress' || event === 'inbox.changed' || event === 'profiles.changed') background.refresh();
  });

  // linkdesk://company/<id>[/connection/<id>]: only ever navigates (see deep-links.ts). The installers register
  // the scheme (electron-builder `protocols`); Windows keeps the registration per user, so it is refreshed here.
  const deepLinks = createDeepLinkHandler({ warn: (line) => console.warn(line) });
  if (app.isPackaged && process.platform === 'win32') app.setAsDefaultProtocolClient(deepLinkScheme);
  // macOS hands links over with open-url, even before the app is ready; Windows and Linux as an argument.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.open(url);
  });
  deepLinks.openFromArgv(process.argv);

  app.on('second-instance', (_event, argv) => {
    showWindow();
    deepLinks.openFromArgv(argv);
  });

  app.whenReady().then(() => {
    guardSession(session.defaultSession, trustedOrigins);
    serveRenderer(path.join(here, '../renderer'), services.brandingImage);
    bindIpc(ipcMain, dispatch);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isMac: process.platform === 'darwin',
          appName: app.name,
          devTools: !app.isPackaged,
          send: (command) => hub.emit('ui.command', command),
          openLogsFolder: () => void services.handlers['system.openLogsFolder']({}),
        }),
      ),
    );
    started = true;
    openWindow();
  });

  /** The one window (again, after it was closed while Linkdesk kept running). */
  function openWindow(): void {
    const window = createMainWindow({
      preloadPath: path.join(here, '../preload/index.cjs'),
      iconPath,
      // DevTools would let anyone at the keyboard call the bridge by hand; they are for development only.
      devTools: !app.isPackaged,
      stateStore: {
        load: () => windowState.get('window'),
        save: (state) => windowState.set('window', state),
      },
    });
    mainWindow = window;
    windowLoaded = false;
    const stopForwarding = forwardEvents(hub, window.webContents);
    // A cold start from a deep link opens its company with the first page load.
    const initial = deepLinks.takePending();
    const route = initial ? routeHashFor(initial) : '';
    void window.loadURL(`${devRendererUrl ?? `${appOrigin}/index.html`}${route}`);
    window.webContents.once('did-finish-load', () => {
      windowLoaded = true;
      deepLinks.attach({
        navigate: ({ companyId, connectionId }) =>
          hub.emit('app.navigate', { companyId, ...(connectionId ? { connectionId } : {}) }),
        show: showWindow,
      });
      const target = waitingTarget;
      waitingTarget = null;
      if (target) openNotificationTarget(target, { hub, show: showWindow });
    });
    window.on('closed', () => {
      stopForwarding();
      mainWindow = null;
      windowLoaded = false;
      deepLinks.detach();
    });
  }

  // Monitoring: stays in the tray / menu bar; otherwise quits (macOS apps stay in the Dock). See background.ts.
  app.on('window-all-closed', () => background.lastWindowClosed());
  // macOS: clicking the Dock icon with no window open opens one.
  app.on('activate', () => {
    if (!mainWindow) showWindow();
  });
  // Quit (the tray's, the menu's, Cmd+Q): every window is closed first, then everything main runs stops.
  app.on('will-quit', () => {
    background.dispose();
    services.dispose();
    dataLock.release();
  });
}

function takeDataFolder(): DataFolderLock | null {
  try {
    return acquireDataFolderLock(app.getPath('userData'), { host: 'desktop app' });
  } catch (error) {
    if (!(error instanceof DataFolderInUse)) throw error;
    dialog.showErrorBox('Linkdesk is already using its data folder', error.message);
    return null;
  }
}

function logRefusal(what: string, url: string): void {
  console.warn(`[security] refused ${what}: ${url.slice(0, 200)}`);
}
