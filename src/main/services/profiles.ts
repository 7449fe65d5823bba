/**
 * Named Codat profiles (a base URL and a key), one active at a time, plus the built-in training sandbox.
 * Keys are validated before they are stored, encrypted by the vault, and never leave main: the renderer
 * sees a summary with a four-character hint.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KeyStorage, ProfileInput, ProfileSummary } from '@shared/contract';
import { addressNeedsNewKey, originOf } from '@shared/domain/profiles';
import { BridgeFailure } from '@shared/result';
import { createCodatApi, type CodatApi } from '../codat/api';
import { createCodatHttp, type CodatHttpOptions, type RateLimitInfo } from '../codat/http';
import type { Logger } from '../log';
import type { SecretVault, TrainingSandboxStarter } from '../ports';
import type { Redactor } from '../security/redaction';
import { trainingProfileId, type SettingsStore, type StoredProfile } from '../storage/settings';

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

export function createProfileService(options: ProfileServiceOptions) {
  const { settings, vault, redactor } = options;
  const now = options.now ?? (() => new Date());
  /** Keys kept for this session only, and keys already decrypted (so each is decrypted once), with their origin. */
  const sessionKeys = new Map<string, { origin: string; key: string }>();
  const decrypted = new Map<string, { ciphertext: string; sealed: { origin: string; key: string } | null }>();
  const apis = new Map<string, CodatApi>();
  let training: Promise<{ url: string; apiKey: string }> | null = null;
  const switchListeners = new Set<(activeId: string) => void>();

  function remember(profileId: string, origin: string, key: string) {
    redactor.add(key);
    sessionKeys.set(profileId, { origin, key });
  }

  type KeyState = { key: string | null; problem?: string; status: ProfileSummary['keyStatus'] };

  function storedKey(profile: StoredProfile): KeyState {
    const origin = originOf(profile.baseUrl);
    const session = sessionKeys.get(profile.id);
    if (session) return session.origin === origin ? { key: session.key, status: 'ready' } : addressChanged(session);
    if (profile.key.storage === 'session_only') {
      return {
        key: null,
        status: 'missing',
        problem: 'This key was kept for the last session only. Enter it again to use this profile.',
      };
    }
    let cached = decrypted.get(profile.id);
    if (!cached || cached.ciphertext !== profile.key.ciphertext) {
      let sealed: { origin: string; key: string } | null = null;
      try {
        const plain = vault.decrypt(profile.key.ciphertext);
        sealed = openSealedKey(plain);
        if (!sealed) {
          // Stored before keys were tied to their address: it cannot say where it belongs, so it is not used.
          redactor.add(plain);
          return {
            key: null,
            status: 'undecryptable',
            problem: 'Linkdesk now ties each stored key to its address. Enter this key once more to keep using it.',
          };
        }
        redactor.add(sealed.key);
      } catch {
        sealed = null;
      }
      cached = { ciphertext: profile.key.ciphertext, sealed };
      decrypted.set(profile.id, cached);
    }
    if (!cached.sealed) return undecryptable();
    return cached.sealed.origin === origin
      ? { key: cached.sealed.key, status: 'ready' }
      : addressChanged(cached.sealed);
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

  function summary(profile: StoredProfile): ProfileSummary {
    const { status, problem } = storedKey(profile);
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

  function find(id: string): StoredProfile {
    const profile = settings.read().profiles.find((candidate) => candidate.id === id);
    if (!profile) throw new BridgeFailure({ code: 'invalid_input', message: 'That profile no longer exists.' });
    return profile;
  }

  /** Rate-limit and reachability news is passed on only while its profile is the active one. */
  function httpFor(baseUrl: string, credential: string, profileId: string | null) {
    const isActive = () => profileId !== null && settings.read().activeProfileId === profileId;
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

  async function startTraining() {
    training ??= options.training.start().then((sandbox) => {
      redactor.add(sandbox.apiKey);
      options.allowOrigin(sandbox.url);
      return sandbox;
    });
    try {
      return await training;
    } catch (error) {
      training = null;
      throw new BridgeFailure({
        code: 'internal',
        message: `The training sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  function chooseStorage(requested: ProfileInput['storage']): KeyStorage {
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

  function notifyChanged() {
    const activeId = settings.read().activeProfileId;
    options.onChanged?.(activeId);
  }

  const service = {
    list() {
      const current = settings.read();
      return {
        profiles: [trainingSummary(), ...current.profiles.map(summary)],
        activeId: current.activeProfileId,
        secretStorage: vault.describe(),
      };
    },

    active(): ProfileSummary {
      const current = settings.read();
      if (current.activeProfileId === trainingProfileId) return trainingSummary();
      const profile = current.profiles.find((candidate) => candidate.id === current.activeProfileId);
      return profile ? summary(profile) : trainingSummary();
    },

    async save(
      input: ProfileInput & { name: string; baseUrl: string; environment: 'test' | 'production' },
    ): Promise<ProfileSummary> {
      if (input.id === trainingProfileId) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'The training sandbox is built in and cannot be edited.',
        });
      }
      const current = settings.read();
      const existing = input.id ? find(input.id) : undefined;
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
      const credential = input.apiKey ?? (existing ? storedKey(existing).key : null);
      if (!credential) {
        throw new BridgeFailure({
          code: 'invalid_input',
          message: 'Enter the API key again: the stored one cannot be used.',
          details: ['apiKey'],
        });
      }
      redactor.add(credential);
      // Validate before anything is stored: a key that Codat refuses is never kept.
      try {
        await createCodatApi(httpFor(baseUrl, credential, null)).profile();
      } catch (error) {
        // The key stays registered with the redactor: it may still be in text on its way out.
        throw error instanceof BridgeFailure ? explainKeyRefusal(error) : error;
      }
      const id = existing?.id ?? randomUUID();
      let key = existing?.key ?? ({ storage: 'session_only' } as StoredProfile['key']);
      if (input.apiKey) {
        const storage = chooseStorage(input.storage);
        key =
          storage === 'session_only'
            ? { storage }
            : { storage, ciphertext: vault.encrypt(sealKey(originOf(baseUrl), input.apiKey)) };
        decrypted.delete(id);
        remember(id, originOf(baseUrl), input.apiKey);
      }
      const profile: StoredProfile = {
        id,
        name: input.name.trim(),
        baseUrl,
        environment: input.environment,
        createdAt: existing?.createdAt ?? now().toISOString(),
        keyHint: input.apiKey ? keyHint(input.apiKey) : (existing?.keyHint ?? null),
        key,
      };
      const profiles = existing
        ? current.profiles.map((p) => (p.id === id ? profile : p))
        : [...current.profiles, profile];
      settings.write({ ...current, profiles });
      apis.delete(id);
      notifyChanged();
      return summary(profile);
    },

    remove(id: string) {
      if (id === trainingProfileId)
        throw new BridgeFailure({ code: 'invalid_input', message: 'The training sandbox cannot be removed.' });
      const current = settings.read();
      find(id);
      // Removing a profile drops its ciphertext from the settings file and its key from memory.
      const activeProfileId = current.activeProfileId === id ? trainingProfileId : current.activeProfileId;
      settings.write({
        ...current,
        activeProfileId,
        profiles: current.profiles.filter((profile) => profile.id !== id),
      });
      sessionKeys.delete(id);
      decrypted.delete(id);
      apis.delete(id);
      if (activeProfileId !== current.activeProfileId) switchListeners.forEach((listener) => listener(activeProfileId));
      notifyChanged();
      return { removed: true as const };
    },

    activate(id: string): ProfileSummary {
      const current = settings.read();
      if (id !== trainingProfileId) find(id);
      if (current.activeProfileId !== id) {
        settings.write({ ...current, activeProfileId: id });
        switchListeners.forEach((listener) => listener(id));
        notifyChanged();
      }
      return service.active();
    },

    async test(id: string) {
      const api = await service.apiFor(id);
      const profile = await api.profile();
      return {
        clientName: profile.name,
        redirectUrl: profile.redirectUrl,
        baseUrl: api.http.baseUrl,
        checkedAt: now().toISOString(),
      };
    },

    /** The Codat API of the active profile (the training sandbox starts here on first use). */
    async activeApi(): Promise<CodatApi> {
      return service.apiFor(settings.read().activeProfileId);
    },

    async apiFor(id: string): Promise<CodatApi> {
      const cached = apis.get(id);
      if (cached) return cached;
      let api: CodatApi;
      if (id === trainingProfileId) {
        const sandbox = await startTraining();
        api = createCodatApi(httpFor(sandbox.url, sandbox.apiKey, id));
      } else {
        const profile = find(id);
        const { key, problem } = storedKey(profile);
        if (!key)
          throw new BridgeFailure({ code: 'not_configured', message: problem ?? 'This profile has no usable key.' });
        api = createCodatApi(httpFor(profile.baseUrl, key, id));
      }
      apis.set(id, api);
      return api;
    },

    /** Per-profile caches subscribe here so that switching profiles clears them. */
    onSwitch(listener: (activeId: string) => void): () => void {
      switchListeners.add(listener);
      return () => switchListeners.delete(listener);
    },
  };
  return service;
}

export type ProfileService = ReturnType<typeof createProfileService>;
