/** `npm run web -- --port 5180`: the console in a browser, for machines where Electron cannot start. */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { startConsoleWebHost } from './host';

const here = path.dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['LINKDESK_WEB_PORT'] ?? '5180' },
    'data-dir': { type: 'string', default: path.join(os.homedir(), '.config', 'linkdesk-web') },
    /** Use an already running `npm run sandbox` as the Training profile (its URL and API key). */
    'training-url': { type: 'string' },
    'training-key': { type: 'string' },
  },
  allowPositionals: false,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}

const trainingUrl = values['training-url'];
const trainingKey = values['training-key'] ?? process.env['LINKDESK_TRAINING_KEY'];
if (!!trainingUrl !== !!trainingKey) {
  console.error('--training-url needs the sandbox key too (--training-key, or LINKDESK_TRAINING_KEY).');
  process.exit(2);
}

const host = await startConsoleWebHost({
  port,
  rendererDir: path.join(here, '../renderer'),
  dataDir: values['data-dir'],
  ...(trainingUrl && trainingKey
    ? { training: { start: async () => ({ url: trainingUrl, apiKey: trainingKey }) } }
    : {}),
  version,
  echoLog: true,
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is already in use. Try: npm run web -- --port ${port + 1}`
      : `The console could not start: ${error.message}`,
  );
  process.exit(1);
});

// Warnings and errors from anywhere (ours or a library's) reach the support log, redacted; console.log stays
// the terminal's, so the address below (it carries the token) is printed but never logged.
host.log.captureConsole();
console.log(`Linkdesk console (browser) is ready. Open: ${host.url}`);
console.log("The address carries this run's access token; keep it to yourself. Press Ctrl+C to stop.");
// The console answers only at its own *.localhost name (see server.ts); not every browser resolves those.
console.log(
  'If your browser cannot find this address (some Safari versions do not resolve *.localhost names), open it in Chrome, Edge or Firefox.',
);

const stop = () => void host.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
