/** Assembles the web host: main's services with plain-Node adapters, behind the HTTP bridge. */
import { createDispatcher } from '../main/bridge/dispatcher';
import { createMainServices, type MainServices } from '../main/bridge/handlers';
import {
  browserOpener,
  inProcessTrainingSandbox,
  noNotifier,
  osUserName,
  sessionOnlyVault,
} from '../main/platform/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExternalOpener, SecretVault, TrainingSandboxStarter } from '../main/ports';
import type { ProfileServiceOptions } from '../main/services/profiles';
import { createFileSettingsStore, createMemorySettingsStore, type SettingsStore } from '../main/settings';
import { startWebHost, type WebHost } from './server';

export interface ConsoleWebHostOptions {
  port: number;
  rendererDir: string;
  version: string;
  /** Where settings are kept; in memory when absent. */
  dataDir?: string;
  opener?: ExternalOpener;
  vault?: SecretVault;
  settings?: SettingsStore;
  training?: TrainingSandboxStarter;
  http?: ProfileServiceOptions['http'];
  token?: string;
}

export type ConsoleWebHost = WebHost & Pick<MainServices, 'hub' | 'redactor' | 'profiles'>;

export async function startConsoleWebHost(options: ConsoleWebHostOptions): Promise<ConsoleWebHost> {
  const services = createMainServices(
    {
      facts: { name: 'Linkdesk', version: options.version, platform: process.platform, host: 'web' },
      vault: options.vault ?? sessionOnlyVault,
      opener: options.opener ?? browserOpener,
      notifier: noNotifier,
      settings:
        options.settings ?? (options.dataDir ? createFileSettingsStore(options.dataDir) : createMemorySettingsStore()),
      training: options.training ?? inProcessTrainingSandbox,
      // Without a data folder the trail lives for this run only, in a private temporary folder.
      auditDirectory: options.dataDir
        ? path.join(options.dataDir, 'audit')
        : mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-')),
      brandingDirectory: options.dataDir
        ? path.join(options.dataDir, 'branding')
        : mkdtempSync(path.join(tmpdir(), 'linkdesk-branding-')),
      userName: osUserName(),
    },
    options.http ? { http: options.http } : {},
  );
  // The web host checks its token and the request's Origin before dispatching; a call that got this far
  // comes from our own page.
  const dispatch = createDispatcher(services.handlers, {
    isTrustedCaller: () => true,
    redact: services.redactor.redact,
    onUnexpectedError: (operation, error) =>
      console.error(`[bridge] ${operation} failed:`, services.redactor.redact(String(error))),
  });
  const host = await startWebHost({
    port: options.port,
    rendererDir: options.rendererDir,
    dispatch,
    hub: services.hub,
    brandingImage: services.brandingImage,
    ...(options.token ? { token: options.token } : {}),
  });
  return {
    ...host,
    close: async () => {
      services.dispose();
      await host.close();
    },
    hub: services.hub,
    redactor: services.redactor,
    profiles: services.profiles,
  };
}
