/**
 * Named Codat profiles (a base URL and a key), one active at a time, plus the built-in training sandbox.
 * Keys are validated before they are stored, encrypted by the vault, and never leave main: the renderer
 * sees a summary with a four-character hint.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KeyStorage, OperationOutput, ProfileInput, ProfileSummary } from '@shared/contract';
import { addressNeedsNewKey, originOf } from '@shared/domain/profiles';
import { BridgeFailure } from '@shared/result';
import { createCodatApi, type CodatApi } from '../codat/api';
import { createCodatHttp, type CodatHttpOptions, type RateLimitInfo } from '../codat/http';
import type { Logger } from '../log';
import type { SecretVault, TrainingSandboxStarter } from '../ports';
import type { Redactor } from '../security/redaction';
import { trainingProfileId, type SettingsStore, type StoredProfile } from '../storage/settings';

/** A profile as the renderer may save it: the contract's input, with the fields a saved profile must have. */
export type ProfileSaveInput = ProfileInput & { name: string; baseUrl: string; environment: 'test' | 'production' };

export interface ProfileService {
  /** Every profile (the training sandbox first), the active one, and how stored keys are protected. */
  list(): OperationOutput<'profiles.list'>;
  active(): ProfileSummary;
  /** Checks the key with Codat before anything is stored: a key Codat refuses is never kept. */
  save(input: ProfileSaveInput): Promise<ProfileSummary>;
  remove(id: string): { removed: true };
  activate(id: string): ProfileSummary;
  /** Asks Codat who the profile's key belongs to. */
  test(id: string): Promise<OperationOutput<'profiles.test'>>;
  /** The Codat API of the active profile (the training sandbox starts here on first use). */
  activeApi(): Promise<CodatApi>;
  apiFor(id: string): Promise<CodatApi>;
  /** Per-profile caches subscribe here so that switching profiles clears them. */
  onSwitch(listener: (activeId: string) => void): () => void;
}

export interface ProfileServiceOptions {
  settings: SettingsStore;
  vault: SecretVault;
  training: TrainingSandboxStarter;
  redactor: Redactor;
  /** The training sandbox's consent pages must be openable in the system browser. */
  allowOrigin(origin: string): void;
  onRateLimit?(info: RateLimitInfo): void;
  onReachability?(reachable: boolean): void;
  onChanged?(activeId: string): void;
  /** The support log: Codat's errors, retries and rate limits. */
  log?: Logger;
  /** Extra transport options (tests shorten timeouts and waits). */
  http?: Partial<CodatHttpOptions>;
  now?: () => Date;
}

const trainingCreatedAt = '2026-01-01T00:00:00.000Z';

/**
 * What the vault encrypts: the key together with the origin it was given for, so a settings file edited to
 * point a stored key at another host yields a key that refuses to be used rather than one sent there.
 */
const sealedKeySchema = z.object({ v: z.literal(2), origin: z.string(), key: z.string().min(1) });

function sealKey(origin: string, key: string): string {
  return JSON.stringify({ v: 2, origin, key } satisfies z.infer<typeof sealedKeySchema>);
}

function openSealedKey(plain: string): z.infer<typeof sealedKeySchema> | null {
  try {
    return sealedKeySchema.parse(JSON.parse(plain));
  } catch {
    return null;
  }
}

export function keyHint(credential: string): string {
  const trimmed = credential.trim();
  const pasted = /^Basic\s+(\S+)$/i.exec(trimmed);
  const key = pasted ? Buffer.from(pasted[1]!, 'base64').toString('utf8') || pasted[1]! : trimmed;
  return `…${key.slice(-4)}`;
}

/** Plain words for the three ways Codat refuses a key (docs/codat-api.md §1). */
function explainKeyRefusal(failure: BridgeFailure): BridgeFailure {
  const explanations: Record<number, string> = {
    401: 'Codat did not accept this API key. Check that you copied the whole key (Codat Portal › Developers › API keys).',
    403: 'This API key is outdated or not allowed for this Codat client. Create a new key in the Codat Portal.',
    402: 'Codat refused the request: the account has reached a limit or a free account has expired. Ask your Codat administrator.',
  };
  const status = failure.error.status;
  const explanation = status !== undefined ? explanations[status] : undefined;
  if (!explanation) return failure;
  return new BridgeFailure({ ...failure.error, message: `${explanation} (Codat said: ${failure.error.message})` });
}

type SealedKey = z.infer<typeof sealedKeySchema>;
type KeyState = { key: string | null; problem?: string; status: ProfileSummary['keyStatus'] };

/** Keys in memory: those kept for this session only, and stored ones already decrypted (each once), with origin. */
interface KeyMemory {
  vault: SecretVault;
  redactor: Redactor;
  session: Map<string, Pick<SealedKey, 'origin' | 'key'>>;
  decrypted: Map<string, { ciphertext: string; sealed: Pick<SealedKey, 'origin' | 'key'> | null }>;
}

function rememberSessionKey(keys: KeyMemory, profileId: string, origin: string, key: string) {
  keys.redactor.add(key);
  keys.session.set(profileId, { origin, key });
}

/** The profile's key if it may be used for the profile's address, else why not. */
function readKey(keys: KeyMemory, profile: StoredProfile): KeyState {
  const origin = originOf(profile.baseUrl);
  const session = keys.session.get(profile.id);
  if (session) return session.origin === origin ? { key: session.key, status: 'ready' } : addressChanged(session);
  if (profile.key.storage === 'session_only') {
    return {
      key: null,
      status: 'missing',
      problem: 'This key was kept for the last session only. Enter it again to use this profile.',
    };
  }
  let cached = keys.decrypted.get(profile.id);
  if (!cached || cached.ciphertext !== profile.key.ciphertext) {
    let sealed: Pick<SealedKey, 'origin' | 'key'> | null = null;
    try {
      const plain = keys.vault.decrypt(profile.key.ciphertext);
      sealed = openSealedKey(plain);
      if (!sealed) {
        // Stored before keys were tied to their address: it cannot say where it belongs, so it is not used.
        keys.redactor.add(plain);
        return {
          key: null,
          status: 'undecryptable',
          problem: 'Linkdesk now ties each stored key to its address. Enter this key once more to keep using it.',
        };
      }
      keys.redactor.add(sealed.key);
    } catch {
      sealed = null;
    }
    cached = { ciphertext: profile.key.ciphertext, sealed };
    keys.decrypted.set(profile.id, cached);
  }
  if (!cached.sealed) return undecryptable();
  return cached.sealed.origin === origin ? { key: cached.sealed.key, status: 'ready' } : addressChanged(cached.sealed);
}

function undecryptable(): KeyState {
  return {
    key: null,
    status: 'undecryptable',
    problem:
      'This key can no longer be decrypted (the keychain was reset, or Linkdesk was reinstalled under another name). Enter it again.',
  };
}

/** The profile's address no longer matches the one its key was given for (the settings file was edited). */
function addressChanged(sealed: { origin: string }): KeyState {
  return {
    key: null,
    status: 'undecryptable',
    problem: `This profile's address changed outside Linkdesk; its key was given for ${sealed.origin} and is not sent anywhere else. Enter the key for the new address.`,
  };
}

function trainingSummary(): ProfileSummary {
  return {
    id: trainingProfileId,
    name: 'Training sandbox',
    baseUrl: 'Built in (starts on this computer when first used)',
    environment: 'training',
    builtIn: true,
    keyHint: null,
    createdAt: trainingCreatedAt,
    protection: 'none',
    keyStatus: 'ready',
  };
}

function profileSummary(keys: KeyMemory, profile: StoredProfile): ProfileSummary {
  const { status, problem } = readKey(keys, profile);
  return {
    id: profile.id,
    name: profile.name,
    baseUrl: profile.baseUrl,
    environment: profile.environment,
    builtIn: false,
    keyHint: profile.keyHint,
    createdAt: profile.createdAt,
    protection: profile.key.storage,
    keyStatus: status,
    ...(problem ? { keyProblem: problem } : {}),
  };
}

function findProfile(settings: SettingsStore, id: string): StoredProfile {
  const profile = settings.read().profiles.find((candidate) => candidate.id === id);
  if (!profile) throw new BridgeFailure({ code: 'invalid_input', message: 'That profile no longer exists.' });
  return profile;
}

/** Rate-limit and reachability news is passed on only while its profile is the active one. */
function profileHttp(options: ProfileServiceOptions, baseUrl: string, credential: string, profileId: string | null) {
  const isActive = () => profileId !== null && options.settings.read().activeProfileId === profileId;
  return createCodatHttp({
    baseUrl,
    credential,
    onRateLimit: (info) => {
      if (isActive()) options.onRateLimit?.(info);
    },
    onReachability: (reachable) => {
      if (isActive()) options.onReachability?.(reachable);
    },
    ...(options.log ? { log: options.log } : {}),
    ...options.http,
  });
}

/** How a new key is kept: in the OS keychain where there is one, else as the user chose, if this computer can. */
function chooseStorage(vault: SecretVault, requested: ProfileInput['storage']): KeyStorage {
  const level = vault.describe().level;
  if (level === 'os_keychain') return 'os_keychain';
  if (!requested) {
    throw new BridgeFailure({
      code: 'invalid_input',
      message:
        level === 'weak'
          ? 'No keyring protects stored keys on this computer. Choose: keep the key for this session only, or store it with weak protection.'
          : 'This computer cannot encrypt stored keys, so the key can be kept for this session only. Choose that to continue.',
      details: ['storage'],
    });
  }
  if (requested === 'weak' && level !== 'weak') {
    throw new BridgeFailure({
      code: 'invalid_input',
      message: 'This computer cannot encrypt stored keys at all; the key can only be kept for this session.',
      details: ['storage'],
    });
  }
  return requested;
}

/** What the service keeps while it runs, shared by the functions below. */
interface ProfileContext {
  options: ProfileServiceOptions;
  now: () => Date;
  keys: KeyMemory;
  apis: Map<string, CodatApi>;
  switchListeners: Set<(activeId: string) => void>;
  /** The training sandbox, once its start was asked for (null again after a failed start). */
  training: Promise<{ url: string; apiKey: string }> | null;
}

function notifyChanged(context: ProfileContext) {
  context.options.onChanged?.(context.options.settings.read().activeProfileId);
}

async function startTraining(context: ProfileContext) {
  const { options } = context;
  context.training ??= options.training.start().then((sandbox) => {
    options.redactor.add(sandbox.apiKey);
    options.allowOrigin(sandbox.url);
    return sandbox;
  });
  try {
    return await context.training;
  } catch (error) {
    context.training = null;
    throw new BridgeFailure({
      code: 'internal',
      message: `The training sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** The key a save uses: the one typed, or the stored one when the address still matches the one it was given for. */
function credentialForSave(context: ProfileContext, input: ProfileSaveInput, existing: StoredProfile | undefined) {
  if (!existing && !input.apiKey) {
    throw new BridgeFailure({
      code: 'invalid_input',
      message: 'A new profile needs an API key.',
      details: ['apiKey'],
    });
  }
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  if (existing && !input.apiKey && addressNeedsNewKey(existing.baseUrl, baseUrl)) {
    // A stored key is only ever sent where it was given: a typo, or a hostile caller, must not ship it elsewhere.
    throw new BridgeFailure({
      code: 'invalid_input',
      message: `The address changed from ${originOf(existing.baseUrl)} to ${originOf(baseUrl)}: enter the API key for the new address. A stored key is never sent to another host.`,
      details: ['apiKey'],
    });
  }
  const credential = input.apiKey ?? (existing ? readKey(context.keys, existing).key : null);
  if (!credential) {
    throw new BridgeFailure({
      code: 'invalid_input',
      message: 'Enter the API key again: the stored one cannot be used.',
      details: ['apiKey'],
    });
  }
  return { baseUrl, credential };
}

async function saveProfile(context: ProfileContext, input: ProfileSaveInput): Promise<ProfileSummary> {
  const { settings, vault, redactor } = context.options;
  if (input.id === trainingProfileId) {
    throw new BridgeFailure({
      code: 'invalid_input',
      message: 'The training sandbox is built in and cannot be edited.',
    });
  }
  const current = settings.read();
  const existing = input.id ? findProfile(settings, input.id) : undefined;
  const { baseUrl, credential } = credentialForSave(context, input, existing);
  redactor.add(credential);
  // Validate before anything is stored: a key that Codat refuses is never kept.
  try {
    await createCodatApi(profileHttp(context.options, baseUrl, credential, null)).profile();
  } catch (error) {
    // The key stays registered with the redactor: it may still be in text on its way out.
    throw error instanceof BridgeFailure ? explainKeyRefusal(error) : error;
  }
  const id = existing?.id ?? randomUUID();
  let key = existing?.key ?? ({ storage: 'session_only' } as StoredProfile['key']);
  if (input.apiKey) {
    const storage = chooseStorage(vault, input.storage);
    key =
      storage === 'session_only'
        ? { storage }
        : { storage, ciphertext: vault.encrypt(sealKey(originOf(baseUrl), input.apiKey)) };
    context.keys.decrypted.delete(id);
    rememberSessionKey(context.keys, id, originOf(baseUrl), input.apiKey);
  }
  const profile: StoredProfile = {
    id,
    name: input.name.trim(),
    baseUrl,
    environment: input.environment,
    createdAt: existing?.createdAt ?? context.now().toISOString(),
    keyHint: input.apiKey ? keyHint(input.apiKey) : (existing?.keyHint ?? null),
    key,
  };
  const profiles = existing ? current.profiles.map((p) => (p.id === id ? profile : p)) : [...current.profiles, profile];
  settings.write({ ...current, profiles });
  context.apis.delete(id);
  notifyChanged(context);
  return profileSummary(context.keys, profile);
}

function removeProfile(context: ProfileContext, id: string): { removed: true } {
  const { settings } = context.options;
  if (id === trainingProfileId)
    throw new BridgeFailure({ code: 'invalid_input', message: 'The training sandbox cannot be removed.' });
  const current = settings.read();
  findProfile(settings, id);
  // Removing a profile drops its ciphertext from the settings file and its key from memory.
  const activeProfileId = current.activeProfileId === id ? trainingProfileId : current.activeProfileId;
  settings.write({
    ...current,
    activeProfileId,
    profiles: current.profiles.filter((profile) => profile.id !== id),
  });
  context.keys.session.delete(id);
  context.keys.decrypted.delete(id);
  context.apis.delete(id);
  if (activeProfileId !== current.activeProfileId)
    context.switchListeners.forEach((listener) => listener(activeProfileId));
  notifyChanged(context);
  return { removed: true as const };
}

async function apiForProfile(context: ProfileContext, id: string): Promise<CodatApi> {
  const cached = context.apis.get(id);
  if (cached) return cached;
  let api: CodatApi;
  if (id === trainingProfileId) {
    const sandbox = await startTraining(context);
    api = createCodatApi(profileHttp(context.options, sandbox.url, sandbox.apiKey, id));
  } else {
    const profile = findProfile(context.options.settings, id);
    const { key, problem } = readKey(context.keys, profile);
    if (!key)
      throw new BridgeFailure({ code: 'not_configured', message: problem ?? 'This profile has no usable key.' });
    api = createCodatApi(profileHttp(context.options, profile.baseUrl, key, id));
  }
  context.apis.set(id, api);
  return api;
}

export function createProfileService(options: ProfileServiceOptions): ProfileService {
  const { settings, vault } = options;
  const context: ProfileContext = {
    options,
    now: options.now ?? (() => new Date()),
    keys: { vault, redactor: options.redactor, session: new Map(), decrypted: new Map() },
    apis: new Map(),
    switchListeners: new Set(),
    training: null,
  };

  const service: ProfileService = {
    list() {
      const current = settings.read();
      return {
        profiles: [trainingSummary(), ...current.profiles.map((profile) => profileSummary(context.keys, profile))],
        activeId: current.activeProfileId,
        secretStorage: vault.describe(),
      };
    },

    active() {
      const current = settings.read();
      if (current.activeProfileId === trainingProfileId) return trainingSummary();
      const profile = current.profiles.find((candidate) => candidate.id === current.activeProfileId);
      return profile ? profileSummary(context.keys, profile) : trainingSummary();
    },

    save: (input) => saveProfile(context, input),
    remove: (id) => removeProfile(context, id),

    activate(id) {
      const current = settings.read();
      if (id !== trainingProfileId) findProfile(settings, id);
      if (current.activeProfileId !== id) {
        settings.write({ ...current, activeProfileId: id });
        context.switchListeners.forEach((listener) => listener(id));
        notifyChanged(context);
      }
      return service.active();
    },

    async test(id) {
      const api = await service.apiFor(id);
      const profile = await api.profile();
      return {
        clientName: profile.name,
        redirectUrl: profile.redirectUrl,
        baseUrl: api.http.baseUrl,
        checkedAt: context.now().toISOString(),
      };
    },

    async activeApi() {
      return service.apiFor(settings.read().activeProfileId);
    },
    apiFor: (id) => apiForProfile(context, id),

    onSwitch(listener) {
      context.switchListeners.add(listener);
      return () => context.switchListeners.delete(listener);
    },
  };
  return service;
}
