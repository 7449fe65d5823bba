/** Plain-Node adapters: used by the web host and by tests. */
import os from 'node:os';
import type { AppBadge, ExternalOpener, Notifier, SecretVault, TrainingSandboxStarter } from '@main/ports';

/** Without an OS keychain the web host keeps keys in memory only, and says so. */
export const sessionOnlyVault: SecretVault = {
  describe: () => ({
    osKeychain: false,
    level: 'session_only',
    explanation: 'The browser console keeps API keys in memory only: they are forgotten when npm run web stops.',
  }),
  encrypt() {
    throw new Error('This host cannot encrypt keys for storage.');
  },
  decrypt() {
    throw new Error('This host cannot decrypt stored keys.');
  },
};

/** Starts the built-in training sandbox in this process (imported lazily: it is only needed when used). */
export const inProcessTrainingSandbox: TrainingSandboxStarter = {
  async start() {
    const { startSandbox } = await import('@sandbox/server');
    const sandbox = await startSandbox({ port: 0, companies: 200, seed: 7, clock: { speed: 1 } });
    return { url: sandbox.url, apiKey: sandbox.apiKey };
  },
};

/** The web host: the page opens vetted links itself, in the user's own browser. */
export const browserOpener: ExternalOpener = {
  kind: 'browser',
  async open() {},
  // A page cannot open a folder on this computer: the Settings page shows where it is instead.
  openFolder: async () => false,
};

/** The web host has no desktop notifications of its own; the page shows them. */
export const noNotifier: Notifier = { notify: () => false };

/** The web host has no app badge; the browser console's tab title shows the Inbox's New count. */
export const noBadge: AppBadge = { setCount() {} };

/** Records what would have been opened; for tests. */
export function createRecordingOpener(): ExternalOpener & { opened: string[] } {
  const opened: string[] = [];
  return {
    kind: 'system',
    opened,
    async open(url) {
      opened.push(url);
    },
    async openFolder(directory) {
      opened.push(`folder:${directory}`);
      return true;
    },
  };
}

/** The OS user name for the audit trail; a placeholder where the OS will not say. */
export function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}
