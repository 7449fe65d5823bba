import { mkdir } from 'node:fs/promises';
import { BridgeFailure } from '@shared/result';
import type { ExternalOpener, Notifier } from '../ports';
import type { ExternalLinkPolicy } from '../security/external-links';

export function createSystemService(
  policy: ExternalLinkPolicy,
  opener: ExternalOpener,
  notifier: Notifier,
  logDirectory: string | null = null,
) {
  return {
    async openExternal(url: string): Promise<{ opened: true; by: 'system' | 'browser'; url: string }> {
      const verdict = policy.check(url);
      if (!verdict.allowed) {
        throw new BridgeFailure({ code: 'forbidden', message: `Not opened: ${verdict.reason}` });
      }
      // The policy's URL, not the page's: a mailto: is rebuilt there, and the web host's page opens what we return.
      await opener.open(verdict.url);
      return { opened: true, by: opener.kind, url: verdict.url };
    },
    notify(title: string, body: string) {
      return { shown: notifier.notify(title, body) };
    },
    async openLogsFolder(): Promise<{ opened: boolean; directory: string | null }> {
      if (!logDirectory) return { opened: false, directory: null };
      // The folder exists from the first line written at start-up; make sure anyway, so the file manager finds it.
      await mkdir(logDirectory, { recursive: true });
      return { opened: await opener.openFolder(logDirectory), directory: logDirectory };
    },
  };
}

export type SystemService = ReturnType<typeof createSystemService>;
