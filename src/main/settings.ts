/**
 * Linkdesk's settings file: schema-checked JSON, written atomically and durably. A file that cannot be read
 * is moved aside (never silently lost), the app starts on defaults, and the user is told.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { brandingSettingsSchema } from '../shared/contract';
import { healthThresholdsSchema } from '../shared/domain/health';

export const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  baseUrl: z.string().min(1),
  environment: z.enum(['test', 'production']),
  createdAt: z.string(),
  keyHint: z.string().nullable(),
  key: z.discriminatedUnion('storage', [
    z.object({ storage: z.literal('os_keychain'), ciphertext: z.string().min(1) }),
    z.object({ storage: z.literal('weak'), ciphertext: z.string().min(1) }),
    z.object({ storage: z.literal('session_only') }),
  ]),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const settingsSchema = z.object({
  version: z.literal(1),
  activeProfileId: z.string(),
  profiles: z.array(storedProfileSchema),
  invite: z.object({ template: z.object({ subject: z.string(), body: z.string() }), sender: z.string() }).optional(),
  thresholds: healthThresholdsSchema.optional(),
  branding: brandingSettingsSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const trainingProfileId = 'training';
export const defaultSettings = (): Settings => ({ version: 1, activeProfileId: trainingProfileId, profiles: [] });

export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
  /** Problems found while loading, for the user. */
  readonly notices: readonly string[];
}

export function createFileSettingsStore(
  directory: string,
  fileName = 'settings.json',
  now: () => Date = () => new Date(),
): SettingsStore {
  const file = path.join(directory, fileName);
  const notices: string[] = [];
  let current = load();

  function load(): Settings {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
      throw error;
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch {
      const aside = path.join(directory, `${fileName}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`);
      renameSync(file, aside);
      notices.push(
        `Linkdesk could not read its settings file, so it started with default settings. The unreadable file was kept as ${aside}.`,
      );
      return defaultSettings();
    }
  }

  return {
    notices,
    read: () => structuredClone(current),
    write(settings) {
      const checked = settingsSchema.parse(settings);
      mkdirSync(directory, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      const handle = openSync(temporary, 'w', 0o600);
      try {
        writeSync(handle, JSON.stringify(checked, null, 2));
        fsyncSync(handle);
      } finally {
        closeSync(handle);
      }
      renameSync(temporary, file);
      current = checked;
    },
  };
}

export function createMemorySettingsStore(initial: Settings = defaultSettings()): SettingsStore {
  let current = structuredClone(initial);
  return {
    notices: [],
    read: () => structuredClone(current),
    write(settings) {
      current = structuredClone(settingsSchema.parse(settings));
    },
  };
}
