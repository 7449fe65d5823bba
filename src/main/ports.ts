/**
 * What services need from the platform, and from each other without knowing who provides it. Electron adapters live
 * in electron/platform.ts, plain-Node ones (web host, tests) in platform/node. Services never import `electron`, nor
 * the bridge: they publish events through `EventPublisher` (the bridge's hub is one).
 */
import type { AppInfo, EventName, EventPayload } from '@shared/contract';
import type { Logger } from './log';

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
  /** `system`: main hands URLs to the OS. `browser`: the page opens them (the web host's browser is the desktop). */
  readonly kind: 'system' | 'browser';
  /** Hands an already-vetted URL over. */
  open(url: string): Promise<void>;
  /** Shows a folder of ours (the logs) in the file manager; false where the host cannot. */
  openFolder(directory: string): Promise<boolean>;
}

/**
 * Where clicking a notification leads: a company, or a page by its id (one the renderer does not know opens
 * Companies).
 */
export type NotificationTarget = { companyId: string } | { page: string };

/** Desktop notifications; `false` where the host has none (the page then shows its own). */
export interface Notifier {
  /** With a target, clicking the notification brings the window forward and opens it. */
  notify(title: string, body: string, target?: NotificationTarget): boolean;
}

/** The app's badge (the Dock, the Unity launcher): the Inbox's New count. A no-op where the host has none. */
export interface AppBadge {
  /** 0 clears it. */
  setCount(count: number): void;
}

/** Where services publish the events the pages hear (`*.changed`, `*.progress`); the bridge's hub delivers them. */
export interface EventPublisher {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Every event published, for a service that follows one of them (the app's badge follows `inbox.changed`). */
export interface EventFeed {
  /** Returns the way to stop listening. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

/**
 * Switches of the active profile (the profile service provides them): whatever a service learnt or planned for one
 * profile must not show or run under another, so each service that keeps such things listens here itself.
 */
export interface ProfileSwitches {
  /** Told after the switch, with the new active profile's id; returns the way to stop listening. */
  onSwitch(listener: (activeId: string) => void): () => void;
}

export interface PlatformPorts {
  facts: HostFacts;
  vault: SecretVault;
  opener: ExternalOpener;
  notifier: Notifier;
  /** Where absent (the web host, tests), nothing shows the count but the page. */
  badge?: AppBadge;
  settings: import('./storage/settings').SettingsStore;
  training: TrainingSandboxStarter;
  /** Where integration branding is cached (userData/branding in the desktop app). */
  brandingDirectory: string;
  /** Where the audit trail is kept (userData/audit in the desktop app). */
  auditDirectory: string;
  /** Where hand-overs are kept for their follow-up (userData/followups in the desktop app). */
  followUpsDirectory: string;
  /** Where the issues inbox is kept, one file per profile (userData/inbox in the desktop app). */
  inboxDirectory: string;
  /** The OS user, recorded with every admin action. */
  userName: string;
  /** The support log (a redacted file); silent when absent. */
  log?: Logger;
  /** Where the support log is kept, for "Open logs folder". */
  logDirectory?: string;
  /** The time health rules judge ages by; Date.now unless a test puts it on a sandbox's clock. */
  now?: () => number;
}
