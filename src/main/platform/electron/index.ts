/** Electron adapters for the ports. One of the few files allowed to import `electron`. */
import { safeStorage, shell } from 'electron';
import type { ExternalOpener, SecretProtection } from '../../ports';

export const safeStorageProtection: SecretProtection = {
  describe() {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        osKeychain: false,
        level: 'session_only',
        explanation:
          'This computer offers no encryption for stored secrets, so API keys are kept for this session only.',
      };
    }
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return {
          osKeychain: false,
          level: 'weak',
          explanation:
            'No keyring (such as GNOME Keyring or KWallet) is available: stored API keys would be obscured, not protected.',
        };
      }
    }
    return {
      osKeychain: true,
      level: 'os_keychain',
      explanation: 'API keys are encrypted with a key held by your operating system’s keychain.',
    };
  },
};

export const shellOpener: ExternalOpener = {
  open: (url) => shell.openExternal(url, { activate: true }),
};
