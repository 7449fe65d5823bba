/**
 * The locked window, with Electron mocked: capture the BrowserWindow options and every guard handler,
 * then call the handlers with hostile input.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const constructed: unknown[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    constructor(options: unknown) {
      constructed.push(options);
    }
    on() {}
    once() {}
    maximize() {}
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
});

import { createMainWindow, mainWindowOptions } from '@main/electron/window';
import { guardSession, guardWebContents } from '@main/electron/window-guards';
import { createExternalLinkPolicy } from '@main/security/external-links';
import { createRecordingOpener } from '@main/platform/node';

const memoryState = (saved?: {
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
}) => ({
  load: () => saved,
  save: vi.fn(),
});

describe('main window options', () => {
  beforeEach(() => {
    constructed.length = 0;
  });

  it('is isolated, sandboxed, without Node and with web security', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', stateStore: memoryState() });
    expect(constructed).toHaveLength(1);
    const options = constructed[0] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('restores a remembered size and position that is on a screen', () => {
    const options = mainWindowOptions({
      preloadPath: 'p',
      stateStore: memoryState({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: false }),
    });
    expect(options).toMatchObject({ x: 100, y: 80, width: 1400, height: 900 });
  });

  it('ignores remembered bounds that would put the window off every screen', () => {
    const options = mainWindowOptions({
      preloadPath: 'p',
      stateStore: memoryState({ bounds: { x: 5000, y: 3000, width: 1400, height: 900 }, maximized: false }),
    });
    expect(options.x).toBeUndefined();
    expect(options).toMatchObject({ width: 1280, height: 820 });
  });
});

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let openHandler: Handler | undefined;
  return {
    handlers,
    open: (details: { url: string }) => openHandler?.(details),
    on(event: string, handler: Handler) {
      handlers.set(event, handler);
      return this;
    },
    setWindowOpenHandler(handler: Handler) {
      openHandler = handler;
    },
  };
}

function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('web contents guards', () => {
  function guarded() {
    const contents = fakeContents();
    const opener = createRecordingOpener();
    const refused: string[] = [];
    guardWebContents(contents as never, {
      policy: createExternalLinkPolicy(),
      opener,
      onRefused: (what, url) => refused.push(`${what} ${url}`),
    });
    return { contents, opener, refused };
  }

  it.each(['file:///etc/passwd', 'javascript:alert(document.cookie)', 'https://evil.example/phish'])(
    'prevents navigation to %s and opens nothing',
    (url) => {
      const { contents, opener, refused } = guarded();
      const event = preventable();
      contents.handlers.get('will-navigate')?.(event, url);
      expect(event.defaultPrevented).toBe(true);
      expect(opener.opened).toEqual([]);
      expect(refused).toEqual([`navigation ${url}`]);
    },
  );

  it('prevents navigation even to an allowed link, handing it to the system browser instead', () => {
    const { contents, opener } = guarded();
    const event = preventable();
    contents.handlers.get('will-navigate')?.(event, 'https://docs.codat.io/');
    expect(event.defaultPrevented).toBe(true);
    expect(opener.opened).toEqual(['https://docs.codat.io/']);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/'])(
    'denies a new window for %s and opens nothing',
    (url) => {
      const { contents, opener } = guarded();
      expect(contents.open({ url })).toEqual({ action: 'deny' });
      expect(opener.opened).toEqual([]);
    },
  );

  it('denies a new window for a Codat link but opens it in the system browser', () => {
    const { contents, opener } = guarded();
    expect(contents.open({ url: 'https://link.codat.io/company/abc' })).toEqual({ action: 'deny' });
    expect(opener.opened).toEqual(['https://link.codat.io/company/abc']);
  });

  it('prevents redirects and <webview> attachment', () => {
    const { contents } = guarded();
    const redirect = preventable();
    contents.handlers.get('will-redirect')?.(redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = preventable();
    contents.handlers.get('will-attach-webview')?.(webview, {}, { src: 'https://evil.example/' });
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check, but clipboard writes from our own page', () => {
    let request: Handler | undefined;
    let check: Handler | undefined;
    guardSession(
      {
        setPermissionRequestHandler: (handler: Handler) => (request = handler),
        setPermissionCheckHandler: (handler: Handler) => (check = handler),
      } as never,
      ['linkdesk://app'],
    );
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      request?.({}, permission, callback, { requestingUrl: 'linkdesk://app/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'linkdesk://app', {})).toBe(false);
    }
    const ours = vi.fn();
    request?.({}, 'clipboard-sanitized-write', ours, { requestingUrl: 'linkdesk://app/index.html' });
    expect(ours).toHaveBeenCalledWith(true);
    const foreign = vi.fn();
    request?.({}, 'clipboard-sanitized-write', foreign, { requestingUrl: 'https://evil.example/' });
    expect(foreign).toHaveBeenCalledWith(false);
    expect(check?.({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });
});
