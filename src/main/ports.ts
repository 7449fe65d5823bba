/**
 * What services need from the platform. Electron adapters live in platform/electron, plain-Node ones
 * (web host, tests) in platform/node. Services never import `electron`.
 */
import type { AppInfo } from '../shared/contract';

export interface HostFacts {
  name: string;
  version: string;
  platform: string;
  host: AppInfo['host'];
}

/** Encrypts API keys for storage (Electron's safeStorage), or says it cannot. */
export interface SecretVault {
  describe(): AppInfo['secretStorage'];
  /** Base64 ciphertext. Throws when this machine cannot encrypt. */
  encrypt(plain: string): string;
  /** Throws when the ciphertext can no longer be decrypted (keyring reset, app renamed). */
  decrypt(ciphertext: string): string;
}

/** Starts the built-in training sandbox on first use. */
export interface TrainingSandboxStarter {
  start(): Promise<{ url: string; apiKey: string }>;
}

export interface ExternalOpener {
  /** Hands an already-vetted URL to the OS (default browser or mail client). */
  open(url: string): Promise<void>;
}

export interface PlatformPorts {
  facts: HostFacts;
  vault: SecretVault;
  opener: ExternalOpener;
  settings: import('./settings').SettingsStore;
  training: TrainingSandboxStarter;
}
