/** profiles: named Codat profiles and their keys (the key itself never crosses the bridge, only its hint). */
import { noInput } from './common';
import { act, read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const environmentSchema = z.enum(['training', 'test', 'production']);

export const secretStorageSchema = z.object({
  /** True only when API keys are encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
  osKeychain: z.boolean(),
  level: z.enum(['os_keychain', 'weak', 'session_only']),
  /** One plain sentence for the settings page. */
  explanation: z.string(),
});

export const keyStorageSchema = z.enum(['os_keychain', 'weak', 'session_only']);
export type KeyStorage = z.infer<typeof keyStorageSchema>;

/** What the renderer may know about a profile: never the key, only its last four characters. */
export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  environment: environmentSchema,
  builtIn: z.boolean(),
  keyHint: z.string().nullable(),
  createdAt: z.string(),
  /** How its key is kept; `none` for the training sandbox, which needs no key. */
  protection: z.union([keyStorageSchema, z.literal('none')]),
  keyStatus: z.enum(['ready', 'missing', 'undecryptable']),
  /** Why the key cannot be used, in plain words, when keyStatus is not ready. */
  keyProblem: z.string().optional(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

const profileName = z.string().trim().min(1, 'Give the profile a name.').max(60, 'Keep the name under 60 characters.');
const baseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      return (
        (url.protocol === 'https:' || (url.protocol === 'http:' && local)) &&
        !url.username &&
        !url.password &&
        !url.search &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, 'Use an https:// address such as https://api.codat.io (plain http only for a sandbox on this computer).');

export const profileInputSchema = z
  .object({
    /** Absent for a new profile. */
    id: z.string().min(1).optional(),
    name: profileName,
    baseUrl,
    environment: z.enum(['test', 'production']),
    /** A new key (raw, or a pasted `Basic …` header). Required for a new profile; absent keeps the current one. */
    apiKey: z.string().trim().min(8, 'That key is too short to be a Codat API key.').max(512).optional(),
    /** Required where the OS keychain is unavailable: keep the key for this session, or store it weakly. */
    storage: z.enum(['weak', 'session_only']).optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

const profileRef = z.object({ id: z.string().min(1) }).strict();

export const profileOperations = {
  'profiles.list': read(
    noInput,
    z.object({ profiles: z.array(profileSummarySchema), activeId: z.string(), secretStorage: secretStorageSchema }),
  ),
  'profiles.save': write(profileInputSchema, profileSummarySchema, (input) =>
    input.id ? 'profile.edit' : 'profile.add',
  ),
  'profiles.remove': write(profileRef, z.object({ removed: z.literal(true) }), 'profile.remove'),
  /** Switches the console to another profile (saved in the settings); every page then shows that profile. */
  'profiles.activate': act(profileRef, profileSummarySchema),
  /** Asks Codat, with the profile's key, who it belongs to. */
  'profiles.test': read(
    profileRef,
    z.object({ clientName: z.string(), redirectUrl: z.string(), baseUrl: z.string(), checkedAt: z.string() }),
  ),
} satisfies Record<`profiles.${string}`, OperationSpec>;

export const profileEvents = {
  /** The profiles or the active one changed (here or in another window). */
  'profiles.changed': z.object({ activeId: z.string() }),
} satisfies Record<`profiles.${string}`, z.ZodType>;
