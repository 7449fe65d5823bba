/** Electron adapters for the ports. One of the few files allowed to import `electron`. */
import { app, Notification, safeStorage, shell } from 'electron';
import type { AppBadge, ExternalOpener, NotificationTarget, Notifier, SecretVault } from '@main/ports';

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

/**
 * Desktop notifications; clicking one with a target calls `onClick` (the app brings its window forward and
 * navigates). Shown notifications are held until they close: one collected early never reports its click.
 */
const maxHeld = 50;

export function createDesktopNotifier(onClick: (target: NotificationTarget) => void): Notifier {
  const live = new Set<Notification>();
  return {
    notify(title, body, target) {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({ title, body, silent: false });
      // A notification centre may keep some without ever closing them: hold only the latest.
      if (live.size >= maxHeld) live.delete(live.values().next().value as Notification);
      live.add(notification);
      const release = () => live.delete(notification);
      notification.on('click', () => {
        release();
        if (target) onClick(target);
      });
      notification.on('close', release);
      notification.on('failed', release);
      notification.show();
      return true;
    },
  };
}

/**
 * The Dock's badge on macOS, the launcher's on Linux desktops that have one (Unity); Windows has no count badge,
 * and Electron says so by returning false, which is fine: the Inbox's navigation shows the count anyway.
 */
export const electronBadge: AppBadge = {
  setCount(count) {
    app.setBadgeCount(Math.max(0, Math.floor(count)));
  },
};
