/**
 * Named Codat profiles (a base URL and a key), one active at a time, plus the built-in training sandbox.
 * Keys are validated before they are stored, encrypted by the vault, and never leave main: the renderer
 * sees a summary with a four-character hint.
 */
import { randomUUID } from 'node:crypto';
import type { KeyStorage, ProfileInput, ProfileSummary } from '../../shared/contract';
import { BridgeFailure } from '../../shared/result';
import { createCodatApi, type CodatApi } from '../codat/api';
import { createCodatHttp, type CodatHttpOptions, type RateLimitInfo } from '../codat/http';
import type { SecretVault, TrainingSandboxStarter } from '../ports';
import type { Redactor } from '../security/redaction';
import { trainingProfileId, type SettingsStore, type StoredProfile } from '../settings';

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
  /** Extra transport options (tests shorten timeouts and waits). */
  http?: Partial<CodatHttpOptions>;
  now?: () => Date;
}

const trainingCreatedAt = '2026-01-01T00:00:00.000Z';

export function keyHint(credential: string): string {
  const trimmed = credential.trim();
  const pasted = /^Basic\s+(\S+)$/i.exec(trimmed);
  const key = pasted ? Buffer.from(pasted[1]!, 'base64').toString('utf8') || pasted[1]! : trimmed;
  return `…${key.slice(-4)}`;
}

/** Plain words for the three ways Codat refuses a key (API-NOTES §1). */
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
  /** Keys kept for this session only, and keys already decrypted (so each is decrypted once). */
  const sessionKeys = new Map<string, string>();
  const decrypted = new Map<string, { ciphertext: string; key: string | null }>();
  const apis = new Map<string, CodatApi>();
  let training: Promise<{ url: string; apiKey: string }> | null = null;
  const switchListeners = new Set<(activeId: string) => void>();

  function remember(profileId: string, key: string) {
    redactor.add(key);
    sessionKeys.set(profileId, key);
  }

  function storedKey(profile: StoredProfile): {
    key: string | null;
    problem?: string;
    status: ProfileSummary['keyStatus'];
  } {
    if (sessionKeys.has(profile.id)) return { key: sessionKeys.get(profile.id)!, status: 'ready' };
    if (profile.key.storage === 'session_only') {
      return {
        key: null,
        status: 'missing',
        problem: 'This key was kept for the last session only. Enter it again to use this profile.',
      };
    }
    const cached = decrypted.get(profile.id);
    if (cached && cached.ciphertext === profile.key.ciphertext) {
      return cached.key === null ? undecryptable() : { key: cached.key, status: 'ready' };
    }
    try {
      const key = vault.decrypt(profile.key.ciphertext);
      decrypted.set(profile.id, { ciphertext: profile.key.ciphertext, key });
      redactor.add(key);
      return { key, status: 'ready' };
    } catch {
      decrypted.set(profile.id, { ciphertext: profile.key.ciphertext, key: null });
      return undecryptable();
    }
  }

  function undecryptable() {
    return {
      key: null,
      status: 'undecryptable' as const,
      problem:
        'This key can no longer be decrypted (the keychain was reset, or Linkdesk was reinstalled under another name). Enter it again.',
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
        key = storage === 'session_only' ? { storage } : { storage, ciphertext: vault.encrypt(input.apiKey) };
        decrypted.delete(id);
        remember(id, input.apiKey);
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
