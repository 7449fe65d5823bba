/**
 * Linkdesk's settings file: schema-checked JSON, written atomically and durably. A file that cannot be read
 * is moved aside (never silently lost), the app starts on defaults, and the user is told. Where it cannot be
 * moved aside (a read-only folder), the app runs on defaults in memory and leaves the file alone.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { brandingSettingsSchema, followUpSettingsSchema } from '@shared/contract';
import { healthThresholdsSchema } from '@shared/domain/health/model';
import { monitorSettingsSchema, type MonitorSettings } from '@shared/domain/inbox';
import { BridgeFailure } from '@shared/result';
import { writeWholeSync } from './whole-write';

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
  followups: followUpSettingsSchema.optional(),
  /** The desktop app's own: whether the user was told it keeps running in the tray (said once). */
  desktop: z.object({ toldKeepsRunning: z.boolean() }).optional(),
  /** Monitor settings by profile id (a profile without any uses the defaults for its environment). */
  monitor: z.record(z.string(), monitorSettingsSchema).optional(),
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
  // Set when the file on disk could be neither read nor kept aside: this run never writes over it.
  let memoryOnly = false;
  let current = load();

  function startInMemory(problem: string, error: unknown): Settings {
    memoryOnly = true;
    notices.push(
      `Linkdesk could not read its settings file ${file}${problem} (${reason(error)}). It started with default settings, kept in memory only: changes you make now are lost when it closes, and the file is left as it is. Move the file away or make its folder writable, then restart Linkdesk.`,
    );
    console.warn(`[settings] ${file} is unreadable and was left in place; using defaults in memory: ${reason(error)}`);
    return defaultSettings();
  }

  function load(): Settings {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
      return startInMemory('', error);
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch {
      const aside = path.join(directory, `${fileName}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`);
      try {
        renameSync(file, aside);
      } catch (error) {
        return startInMemory(' and could not move it aside', error);
      }
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
      if (!memoryOnly) writeDurably(file, JSON.stringify(checked, null, 2));
      current = checked;
    },
  };
}

/** The settings could not be saved; nothing on disk or in memory changed. */
export class SettingsWriteError extends BridgeFailure {
  constructor(file: string, cause: unknown) {
    super({
      code: 'internal',
      message: `Linkdesk could not save its settings to ${file} (${reason(cause)}). Nothing was changed.`,
    });
    this.name = 'SettingsWriteError';
  }
}

/**
 * Writes the whole text to a temporary name, fsyncs, renames over `file`; on any failure (a full disk taking only part
 * of it, too) removes the temporary file and throws, so the good file is never replaced by part of one.
 */
function writeDurably(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const handle = openSync(temporary, 'w', 0o600);
    try {
      writeWholeSync(handle, text);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    console.warn(`[settings] could not save ${file}: ${reason(error)}`);
    throw new SettingsWriteError(file, error);
  }
}

/** A short, human reason for a file-system error: "permission denied, EACCES". */
function reason(error: unknown): string {
  const failure = error as NodeJS.ErrnoException;
  if (typeof failure?.code !== 'string') return String(failure?.message ?? error);
  const text = failure.message.replace(/^[A-Z]+: /, '').split(',')[0] ?? failure.code;
  return `${text}, ${failure.code}`;
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

type SectionKey = 'invite' | 'thresholds' | 'branding' | 'followups' | 'desktop';

/** One optional part of the settings (invite template, health thresholds, branding cache), with its default. */
export function settingsSection<K extends SectionKey>(
  store: SettingsStore,
  key: K,
  fallback: () => NonNullable<Settings[K]>,
) {
  return {
    read: (): NonNullable<Settings[K]> => (store.read()[key] ?? fallback()) as NonNullable<Settings[K]>,
    save(next: NonNullable<Settings[K]>): NonNullable<Settings[K]> {
      store.write({ ...store.read(), [key]: next });
      return next;
    },
  };
}

export type SettingsSection<K extends SectionKey> = ReturnType<typeof settingsSection<K>>;

/** The monitor's settings, one set per profile; `defaults` gives a profile's until it has its own. */
export function monitorSettingsSection(store: SettingsStore, defaults: (profileId: string) => MonitorSettings) {
  return {
    read: (profileId: string): MonitorSettings => store.read().monitor?.[profileId] ?? defaults(profileId),
    save(profileId: string, next: MonitorSettings): MonitorSettings {
      const current = store.read();
      store.write({ ...current, monitor: { ...current.monitor, [profileId]: next } });
      return next;
    },
  };
}

export type MonitorSettingsSection = ReturnType<typeof monitorSettingsSection>;
