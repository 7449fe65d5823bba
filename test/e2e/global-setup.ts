/** Starts the built web host once for the whole run (as `npm run web` would) and shares its URL. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export default async function globalSetup() {
  const child = spawn(process.execPath, ['out/main/web.js', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The web host exited (code ${code}) before printing its URL. Did \`npm run build\` run?`);
  });
  const printed = (async () => {
    for await (const line of lines) {
      const url = /Open: (http:\/\/\S+)/.exec(line)?.[1];
      if (url) return url;
    }
    throw new Error('The web host closed its output without printing a URL.');
  })();
  const url = await Promise.race([printed, exited]);
  const parsed = new URL(url);
  process.env['LINKDESK_WEB_URL'] = url;
  process.env['LINKDESK_WEB_ORIGIN'] = parsed.origin;
  process.env['LINKDESK_WEB_TOKEN'] = parsed.searchParams.get('token') ?? '';
  return async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
}
