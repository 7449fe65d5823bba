/**
 * IPC end to end with Electron mocked: the preload's exposed API -> ipcRenderer -> ipcMain binding ->
 * dispatcher, and events back. Proves the page gets functions only and listeners never see the IPC event.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

type IpcHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
const bus = vi.hoisted(() => ({
  handlers: new Map<string, IpcHandler>(),
  rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  exposed: new Map<string, unknown>(),
  frameUrl: 'linkdesk://app/index.html' as string | null,
  exposeCalls: 0,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown) {
      bus.exposeCalls += 1;
      bus.exposed.set(key, api);
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = bus.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: bus.frameUrl === null ? null : { url: bus.frameUrl } }, ...args);
    },
    on(channel: string, listener: (...args: unknown[]) => void) {
      if (!bus.rendererListeners.has(channel)) bus.rendererListeners.set(channel, new Set());
      bus.rendererListeners.get(channel)?.add(listener);
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      bus.rendererListeners.get(channel)?.delete(listener);
    },
  },
}));

import { isAppUrl } from '@main/bridge/dispatcher';
import { createMainServices } from '@main/composition';
import { bindIpc, forwardEvents } from '@main/bridge/ipc';
import { createRecordingOpener, sessionOnlyVault } from '@main/platform/node';
import { createMemorySettingsStore } from '@main/storage/settings';
import { operationNames, type LinkdeskApi } from '@shared/contract';
import { eventChannel, invokeChannel } from '@shared/ipc-channels';

async function setUp() {
  bus.handlers.clear();
  bus.rendererListeners.clear();
  bus.exposed.clear();
  bus.exposeCalls = 0;
  bus.frameUrl = 'linkdesk://app/index.html';
  const opener = createRecordingOpener();
  const services = createMainServices({
    facts: { name: 'Linkdesk', version: '9.9.9', platform: 'linux', host: 'electron' },
    vault: sessionOnlyVault,
    opener,
    notifier: { notify: () => false },
    settings: createMemorySettingsStore(),
    training: { start: () => Promise.reject(new Error('no training sandbox in this test')) },
    auditDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-')),
    brandingDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-branding-')),
    followUpsDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-')),
    inboxDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-inbox-')),
    userName: 'tester',
  });
  const dispatch = services.dispatcher({
    isTrustedCaller: (caller) => isAppUrl(caller.frameUrl, ['linkdesk://app']),
  });
  bindIpc(
    { handle: (channel, handler) => bus.handlers.set(channel, handler as IpcHandler), removeHandler: () => {} },
    dispatch,
  );
  const hub = services.hub;
  forwardEvents(hub, {
    isDestroyed: () => false,
    send: (channel, ...args) =>
      bus.rendererListeners.get(channel)?.forEach((listener) => listener({ sender: 'ipc-event' }, ...args)),
  });
  vi.resetModules();
  await import('@preload/index');
  return { api: bus.exposed.get('linkdesk') as LinkdeskApi, hub, opener };
}

describe('preload + IPC binding', () => {
  it('exposes one object, once, holding only the contract’s functions', async () => {
    const { api } = await setUp();
    expect(bus.exposeCalls).toBe(1);
    expect([...bus.exposed.keys()]).toEqual(['linkdesk']);
    const exposedOperations: string[] = [];
    for (const [area, value] of Object.entries(api)) {
      if (area === 'on') {
        expect(typeof value).toBe('function');
        continue;
      }
      for (const [method, fn] of Object.entries(value as Record<string, unknown>)) {
        expect(typeof fn).toBe('function');
        exposedOperations.push(`${area}.${method}`);
      }
    }
    expect(exposedOperations.sort()).toEqual([...operationNames].sort());
  });

  it('round-trips a call from the page to main and back', async () => {
    const { api } = await setUp();
    const result = await api.app.info();
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'Linkdesk',
        version: '9.9.9',
        host: 'electron',
        activeProfile: expect.objectContaining({ id: 'training' }),
      }),
    });
  });

  it('refuses calls from a foreign or null sender frame', async () => {
    const { api, opener } = await setUp();
    bus.frameUrl = 'https://evil.example/';
    expect(await api.system.openExternal({ url: 'https://link.codat.io/company/x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    bus.frameUrl = null;
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(opener.opened).toEqual([]);
  });

  it('opens allowed links and explains refused ones', async () => {
    const { api, opener } = await setUp();
    expect(await api.system.openExternal({ url: 'mailto:a@example.com' })).toEqual({
      ok: true,
      value: { opened: true, by: 'system', url: 'mailto:a@example.com' },
    });
    const refused = await api.system.openExternal({ url: 'javascript:alert(1)' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('javascript:') },
    });
    expect(opener.opened).toEqual(['mailto:a@example.com']);
  });

  it('delivers event payloads only, never the IPC event, and stops after unsubscribe', async () => {
    const { api, hub } = await setUp();
    const received: unknown[][] = [];
    const unsubscribe = api.on('ui.command', (...args: unknown[]) => received.push(args));
    hub.emit('ui.command', { command: 'navigate', page: 'health' });
    hub.emit('codat.rateLimit', { limit: 1000, remaining: 10, resetAt: null });
    expect(received).toEqual([[{ command: 'navigate', page: 'health' }]]);
    unsubscribe();
    hub.emit('ui.command', { command: 'focusSearch' });
    expect(received).toHaveLength(1);
  });

  it('refuses to subscribe to an event the contract does not define', async () => {
    const { api } = await setUp();
    expect(() => (api.on as (event: string, listener: () => void) => void)('ipc.raw', () => {})).toThrow(
      /Unknown Linkdesk event/,
    );
  });

  it('turns an answer of the wrong shape into an error for the page, never into data', async () => {
    const { api } = await setUp();
    bus.handlers.set(invokeChannel('app.info'), () => ({ ok: true, value: { name: 42, secretStorage: 'none' } }));
    expect(await api.app.info()).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The answer to app.info was not in the expected shape.' },
    });
  });

  it('drops an event whose payload is not the contract’s shape before any listener sees it', async () => {
    const { api } = await setUp();
    const received: unknown[] = [];
    api.on('ui.command', (payload) => received.push(payload));
    const deliver = (payload: unknown) =>
      bus.rendererListeners
        .get(eventChannel)
        ?.forEach((listener) => listener({ sender: 'ipc-event' }, 'ui.command', payload));
    deliver({ command: 'navigate', page: 'file:///etc/passwd' });
    deliver({ command: 'focusSearch' });
    expect(received).toEqual([{ command: 'focusSearch' }]);
  });
});
