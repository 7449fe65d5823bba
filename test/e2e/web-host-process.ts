/** Runs the built web host as `npm run web` would, in its own process with its own data folder. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface WebHostProcess {
  url: string;
  origin: string;
  token: string;
  /** Everything the host printed, for tests that check no secret reaches a log line. */
  logFile: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startWebHostProcess(
  logName: string,
  options: { files?: Record<string, string>; args?: string[]; dataDir?: string } = {},
): Promise<WebHostProcess> {
  // A given data folder is a restart of an earlier console; otherwise a fresh one.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'linkdesk-e2e-'));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(path.join(dataDir, name), content);
  const logFile = path.resolve(`test-results/${logName}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    ['out/main/web.js', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      log.end();
    },
  };
}
