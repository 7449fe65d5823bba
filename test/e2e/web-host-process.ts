/** Runs the built web host as `npm run web` would, in its own process with its own data folder. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';

export interface WebHostProcess {
  url: string;
  origin: string;
  token: string;
  /** Everything the host printed, for tests that check no secret reaches a log line. */
  logFile: string;
  dataDir: string;
  /** Moves main's clock on (only for a host started with `shiftableClock`). */
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const monitorOff = JSON.stringify({
  version: 1,
  activeProfileId: 'training',
  profiles: [],
  monitor: { training: { enabled: false, everyMinutes: 30, resolveAfterHours: 24, dailyBudgetPercent: 5 } },
});

export async function startWebHostProcess(
  logName: string,
  options: {
    files?: Record<string, string>;
    args?: string[];
    dataDir?: string;
    /** Main's clock can be moved on by the test (test/e2e/shifted-clock.mjs), to follow a sandbox's manual clock. */
    shiftableClock?: boolean;
  } = {},
): Promise<WebHostProcess> {
  // A given data folder is a restart of an earlier console; otherwise a fresh one.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'linkdesk-e2e-'));
  // A fresh console starts with the training profile's background monitor off: its rounds would spend requests
  // that specs count and put a New count in the title. A spec that needs it turns it on, as a user would.
  const files =
    options.dataDir || options.files?.['settings.json']
      ? options.files
      : { ...options.files, 'settings.json': monitorOff };
  for (const [name, content] of Object.entries(files ?? {})) writeFileSync(path.join(dataDir, name), content);
  const logFile = path.resolve(`test-results/${logName}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const clock = options.shiftableClock
    ? ['--import', pathToFileURL(path.resolve('test/e2e/shifted-clock.mjs')).href]
    : [];
  const child = spawn(
    process.execPath,
    [...clock, 'out/main/web.js', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      // An IPC channel as well where the test moves the clock.
      stdio: ['ignore', 'pipe', 'pipe', options.shiftableClock ? 'ipc' : 'ignore'],
    },
  ) as ChildProcessByStdio<null, Readable, Readable>;
  child.stderr.pipe(log);
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The web host exited (code ${code}) before printing its URL. Did \`npm run build\` run?`);
  });
  const iterator = lines[Symbol.asyncIterator]();
  const printed = (async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      log.write(`${next.value}\n`);
      const url = /Open: (http:\/\/\S+)/.exec(next.value)?.[1];
      if (url) return url;
    }
    throw new Error('The web host closed its output without printing a URL.');
  })();
  const url = await Promise.race([printed, exited]);
  // Keep recording what it prints after start-up.
  void (async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) log.write(`${next.value}\n`);
  })();
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    logFile,
    dataDir,
    async advanceClock(ms: number) {
      if (!options.shiftableClock) throw new Error('This web host was started without a shiftable clock.');
      const answered = once(child, 'message');
      child.send({ advanceClockMs: ms });
      await answered;
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      log.end();
    },
  };
}
