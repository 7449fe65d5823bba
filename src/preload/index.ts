/**
 * Runs sandboxed: builds `window.linkdesk` from the contract over IPC and exposes it once.
 * Only functions cross into the page; listeners receive payloads, never the IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeClient } from '@shared/bridge-client';
import { eventChannel, invokeChannel } from '@shared/ipc-channels';

const api = createBridgeClient({
  invoke: (operation, input) => ipcRenderer.invoke(invokeChannel(operation), input),
  subscribe(event, listener) {
    const onEvent = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(eventChannel, onEvent);
    return () => {
      ipcRenderer.removeListener(eventChannel, onEvent);
    };
  },
});

contextBridge.exposeInMainWorld('linkdesk', api);
