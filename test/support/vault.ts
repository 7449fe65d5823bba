/** A stand-in for Electron's safeStorage: reversible, visibly not the plain key, with a chosen protection level. */
import type { SecretVault } from '@main/ports';

export function createTestVault(level: 'os_keychain' | 'weak' | 'session_only' = 'os_keychain') {
  const broken = new Set<string>();
  const vault: SecretVault & { breakCiphertext(ciphertext: string): void } = {
    describe: () => ({
      osKeychain: level === 'os_keychain',
      level,
      explanation: `test vault (${level})`,
    }),
    encrypt(plain) {
      if (level === 'session_only') throw new Error('cannot encrypt');
      return Buffer.from([...Buffer.from(plain)].map((byte) => byte ^ 0x5a)).toString('base64');
    },
    decrypt(ciphertext) {
      if (broken.has(ciphertext) || level === 'session_only')
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from([...Buffer.from(ciphertext, 'base64')].map((byte) => byte ^ 0x5a)).toString('utf8');
    },
    /** Simulates a keyring reset for one stored key. */
    breakCiphertext(ciphertext) {
      broken.add(ciphertext);
    },
  };
  return vault;
}
