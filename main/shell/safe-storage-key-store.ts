import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataKeyUnusable, fileDataKeyStore, type DataKeyStore } from '../storage/data-key.ts';

/** What this needs of Electron's safeStorage (typed here so it is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** On Linux: 'basic_text' means no keyring, i.e. a fixed password — no better than a 0600 file. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The Electron shell's data key: the 32-byte key wrapped by the operating system's keystore (safeStorage: DPAPI,
 * Keychain, libsecret/kwallet) in a 0600 file, so a copy of the data dir alone opens nothing. Where the OS offers
 * no real keystore, the plain 0600 key file of the browser shell is used, and the caller is told so.
 */
export const safeStorageKeyStore = (file: string, safeStorage: SafeStorageLike, onFallback: (reason: string) => void): DataKeyStore => ({
  load() {
    const backend = safeStorage.getSelectedStorageBackend?.();
    if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      onFallback(backend === 'basic_text' ? 'no OS keyring (basic_text)' : 'OS encryption unavailable');
      return fileDataKeyStore(file).load();
    }
    const sealedFile = `${file}.sealed`;
    let sealed: Buffer;
    try {
      sealed = readFileSync(sealedFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new DataKeyUnusable(sealedFile, (error as Error).message);
      const key = randomBytes(32);
      mkdirSync(path.dirname(sealedFile), { recursive: true, mode: 0o700 });
      const temporary = `${sealedFile}.${process.pid}.tmp`;
      writeFileSync(temporary, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, sealedFile);
      return key;
    }
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
    } catch {
      throw new DataKeyUnusable(sealedFile, 'the OS keystore cannot open it (another user, or the keyring was reset)');
    }
    if (key.length !== 32) throw new DataKeyUnusable(sealedFile, 'it does not hold a 32-byte key');
    return key;
  },
});
