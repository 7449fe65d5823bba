/** Electron adapters for the ports. One of the few files allowed to import `electron`. */
import { Notification, safeStorage, shell } from 'electron';
import type { ExternalOpener, Notifier, SecretVault } from '@main/ports';

export const safeStorageVault: SecretVault = {
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
            'No keyring (such as GNOME Keyring or KWallet) is available: a stored API key would be obscured, not protected. You can keep keys for this session only instead.',
        };
      }
    }
    return {
      osKeychain: true,
      level: 'os_keychain',
      explanation: 'API keys are encrypted with a key held by your operating system’s keychain.',
    };
  },
  encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
  decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
};

export const shellOpener: ExternalOpener = {
  kind: 'system',
  open: (url) => shell.openExternal(url, { activate: true }),
  // openPath answers with an error message, or '' when the folder was shown.
  openFolder: async (directory) => (await shell.openPath(directory)) === '',
};

export const desktopNotifier: Notifier = {
  notify(title, body) {
    if (!Notification.isSupported()) return false;
    new Notification({ title, body, silent: false }).show();
    return true;
  },
};
