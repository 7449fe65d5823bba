/**
 * What the benches that start a console share: a data folder with the training monitor off, a bridge client for a
 * web host, and Debian's Chromium (where it is, how it is started, its version).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSettings, trainingProfileId, type Settings } from '@main/storage/settings';
import { defaultMonitorSettings } from '@shared/settings-defaults';
import { requestWebHost } from '@support/web-host-client';
import { chromiumLaunchOptions } from '../playwright.config';

/**
 * A fresh data folder for a console, with the training profile's background monitor off. A fresh console has it on,
 * and its rounds (requests to the sandbox, work on main's thread) would overlap what a bench measures.
 */
export function monitorOffDataDir(name: string): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), `linkdesk-bench-${name}-`));
  const settings: Settings = {
    ...defaultSettings(),
    monitor: { [trainingProfileId]: { ...defaultMonitorSettings('training'), enabled: false } },
  };
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
  return dataDir;
}

/** Calls one bridge operation of a web host (in this process or another) as the page does. */
export function webHostBridge(host: { origin: string; token: string }) {
  return async (operation: string, input: object): Promise<unknown> => {
    // The host answers only at its *.localhost name, which Node's resolver may not know: see web-host-client.
    const response = await requestWebHost(`${host.origin}/bridge/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-linkdesk-token': host.token },
      body: JSON.stringify(input),
    });
    const answer = response.json() as { ok: boolean; value: unknown; error?: { message: string } };
    if (!answer.ok) throw new Error(`${operation}: ${answer.error?.message}`);
    return answer.value;
  };
}

// The browser and flags the e2e tests use: one list, in playwright.config.ts.
export { chromiumLaunchOptions };
const chromiumPath = chromiumLaunchOptions.executablePath;

/** `Chromium 156.0.8078.129 built on Debian …`, or why it could not be read. */
export function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    return `unknown (${chromiumPath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}
