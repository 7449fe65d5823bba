/** Plain-Node adapters: used by the web host and by tests. */
import { spawn } from 'node:child_process';
import { BridgeFailure } from '../../../shared/result';
import type { ExternalOpener, SecretVault, TrainingSandboxStarter } from '../../ports';

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
    const { startSandbox } = await import('../../../sandbox/server');
    const sandbox = await startSandbox({ port: 0, companies: 200, seed: 7, clock: { speed: 1 } });
    return { url: sandbox.url, apiKey: sandbox.apiKey };
  },
};

/** Opens a vetted URL with the desktop's own opener (xdg-open, open, or start). */
export const desktopOpener: ExternalOpener = {
  open(url) {
    const [command, args] =
      process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
          : ['xdg-open', [url]];
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', (error) =>
        reject(
          new BridgeFailure({
            code: 'internal',
            message: `Could not hand the link to your desktop (${command}: ${error.message}). Copy it instead.`,
          }),
        ),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
  },
};

/** Records what would have been opened; for tests. */
export function createRecordingOpener(): ExternalOpener & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async open(url) {
      opened.push(url);
    },
  };
}
