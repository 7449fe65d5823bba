/** Main's platform ports for tests and benchmarks: in-memory settings, a throwaway audit folder, a chosen sandbox. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRecordingOpener } from '@main/platform/node';
import type { PlatformPorts } from '@main/ports';
import { createMemorySettingsStore, defaultSettings } from '@main/storage/settings';
import { defaultMonitorSettings } from '@shared/settings-defaults';
import { createTestVault } from './vault';

export function testPorts(
  sandbox: { url: string; apiKey: string } | null,
  overrides: Partial<PlatformPorts> = {},
): PlatformPorts {
  return {
    facts: { name: 'Linkdesk', version: 'test', platform: 'linux', host: 'web' },
    vault: createTestVault(),
    opener: createRecordingOpener(),
    notifier: { notify: () => false },
    // The monitor stays off unless a test turns it on: its rounds would add requests to tests that count them.
    settings: createMemorySettingsStore({
      ...defaultSettings(),
      monitor: { training: { ...defaultMonitorSettings('training'), enabled: false } },
    }),
    training: {
      start: async () =>
        sandbox
          ? { url: sandbox.url, apiKey: sandbox.apiKey }
          : Promise.reject(new Error('no training sandbox in this test')),
    },
    auditDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-audit-')),
    brandingDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-branding-')),
    followUpsDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-followups-')),
    inboxDirectory: mkdtempSync(path.join(tmpdir(), 'linkdesk-inbox-')),
    userName: 'tester',
    ...overrides,
  };
}
