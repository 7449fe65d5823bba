/** Assembles the web host: main's services with plain-Node adapters, behind the HTTP bridge. */
import { createDispatcher } from '../main/bridge/dispatcher';
import { createEventHub } from '../main/bridge/events';
import { createMainServices } from '../main/bridge/handlers';
import { desktopOpener, sessionOnlySecrets } from '../main/platform/node';
import type { ExternalOpener } from '../main/ports';
import { startWebHost, type WebHost } from './server';

export interface ConsoleWebHostOptions {
  port: number;
  rendererDir: string;
  version: string;
  opener?: ExternalOpener;
  token?: string;
}

export async function startConsoleWebHost(
  options: ConsoleWebHostOptions,
): Promise<WebHost & { hub: ReturnType<typeof createEventHub> }> {
  const services = createMainServices({
    facts: { name: 'Linkdesk', version: options.version, platform: process.platform, host: 'web' },
    secrets: sessionOnlySecrets,
    opener: options.opener ?? desktopOpener,
  });
  const hub = createEventHub();
  // The web host checks its token and the request's Origin before dispatching; a call that got this far
  // comes from our own page.
  const dispatch = createDispatcher(services.handlers, {
    isTrustedCaller: () => true,
    onUnexpectedError: (operation, error) => console.error(`[bridge] ${operation} failed:`, error),
  });
  const host = await startWebHost({ ...options, dispatch, hub });
  return { ...host, hub };
}
