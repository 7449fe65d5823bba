/** Assembles the web host: main's services with plain-Node adapters, behind the HTTP bridge. */
import { createMainServices, type MainServices } from '@main/composition';
import {
  browserOpener,
  inProcessTrainingSandbox,
  noBadge,
  noNotifier,
  osUserName,
  sessionOnlyVault,
} from '@main/platform/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExternalOpener, SecretVault, TrainingSandboxStarter } from '@main/ports';
import type { ProfileServiceOptions } from '@main/services/profiles';
import { createFileSettingsStore, createMemorySettingsStore, type SettingsStore } from '@main/storage/settings';
import { startWebHost, type WebHost } from './server';
import { acquireDataFolderLock } from '@main/storage/data-lock';
import { createFileLog, type FileLog } from '@main/log';
import { createRedactor } from '@main/security/redaction';

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
  /** Print log lines to the terminal too (the CLI does; tests do not). */
  echoLog?: boolean;
}

export type ConsoleWebHost = WebHost &
  Pick<MainServices, 'hub' | 'redactor' | 'profiles'> & {
    /** The support log: `<data dir>/logs/linkdesk.log`, or a private temporary folder without a data folder. */
    log: FileLog;
  };

export async function startConsoleWebHost(options: ConsoleWebHostOptions): Promise<ConsoleWebHost> {
  // Settings are rewritten whole: a second console on the same folder is refused before it reads anything.
  const dataLock = options.dataDir
    ? acquireDataFolderLock(options.dataDir, { host: `browser console on port ${options.port || 'chosen at start'}` })
    : null;
  const redactor = createRedactor();
  const log = createFileLog({
    directory: options.dataDir
      ? path.join(options.dataDir, 'logs')
      : mkdtempSync(path.join(tmpdir(), 'linkdesk-logs-')),
    redact: redactor.redact,
    echo: options.echoLog ?? false,
  });
  log.info(
    `Linkdesk ${options.version} started (browser console, ${process.platform}); data in ${options.dataDir ?? 'memory only'}`,
  );
  const services = createMainServices(
    {
      facts: { name: 'Linkdesk', version: options.version, platform: process.platform, host: 'web' },
      vault: options.vault ?? sessionOnlyVault,
      opener: options.opener ?? browserOpener,
      notifier: noNotifier,
      badge: noBadge,
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
      followUpsDirectory: options.dataDir
        ? path.join(options.dataDir, 'followups')
        : mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-')),
      inboxDirectory: options.dataDir
        ? path.join(options.dataDir, 'inbox')
        : mkdtempSync(path.join(tmpdir(), 'linkdesk-inbox-')),
      userName: osUserName(),
      log,
      logDirectory: log.directory,
    },
    { redactor, ...(options.http ? { http: options.http } : {}) },
  );
  // The web host checks its token and the request's Origin before dispatching; a call that got this far
  // comes from our own page.
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  const host = await startWebHost({
    port: options.port,
    rendererDir: options.rendererDir,
    dispatch,
    hub: services.hub,
    brandingImage: services.brandingImage,
    ...(options.token ? { token: options.token } : {}),
  }).catch((error: unknown) => {
    services.dispose();
    dataLock?.release();
    throw error;
  });
  // The run's access token is a secret too: it never reaches a log line.
  redactor.add(host.token);
  return {
    ...host,
    close: async () => {
      services.dispose();
      await host.close();
      dataLock?.release();
    },
    hub: services.hub,
    redactor,
    profiles: services.profiles,
    log,
  };
}
