/**
 * Binds the dispatcher to Electron IPC. Typed against the small slice of Electron it needs so it can be
 * tested without Electron; `index.ts` passes the real `ipcMain`.
 */
import { operationNames } from '@shared/contract';
import { eventChannel, invokeChannel } from '@shared/ipc-channels';
import type { Dispatch } from './dispatcher';
import type { EventHub } from './events';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export function bindIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  for (const operation of operationNames) {
    ipcMain.handle(invokeChannel(operation), (event, input) =>
      dispatch(operation, input, { frameUrl: safeFrameUrl(event) }),
    );
  }
  return () => operationNames.forEach((operation) => ipcMain.removeHandler(invokeChannel(operation)));
}

/** Forwards every contract event to a window's renderer for as long as it lives. */
export function forwardEvents(hub: EventHub, target: WebContentsLike): () => void {
  const unsubscribe = hub.subscribe((event, payload) => {
    if (target.isDestroyed()) {
      unsubscribe();
      return;
    }
    target.send(eventChannel, event, payload);
  });
  return unsubscribe;
}

function safeFrameUrl(event: IpcInvokeEventLike): string | null {
  try {
    // Reading senderFrame of a navigated-away or destroyed frame can throw or yield null.
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}
