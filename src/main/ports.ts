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

export interface SecretProtection {
  describe(): AppInfo['secretStorage'];
}

export interface ExternalOpener {
  /** Hands an already-vetted URL to the OS (default browser or mail client). */
  open(url: string): Promise<void>;
}

export interface PlatformPorts {
  facts: HostFacts;
  secrets: SecretProtection;
  opener: ExternalOpener;
}
