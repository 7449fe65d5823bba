/** The one locked-down BrowserWindow. */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { defaultWindowSize, minimumWindowSize, restorableBounds, type WindowStateStore } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  stateStore: WindowStateStore;
  /** Off in packaged builds. */
  devTools?: boolean;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  const saved = options.stateStore.load();
  const bounds = restorableBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  return {
    ...(bounds ?? defaultWindowSize),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    title: 'Linkdesk',
    backgroundColor: '#0f172a',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: options.devTools ?? false,
    },
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  if (options.stateStore.load()?.maximized) window.maximize();
  const remember = () => {
    if (window.isDestroyed()) return;
    options.stateStore.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('close', remember);
  window.once('ready-to-show', () => window.show());
  return window;
}
