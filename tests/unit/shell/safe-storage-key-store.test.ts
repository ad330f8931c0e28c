import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorageKeyStore, type SafeStorageLike } from '../../../main/shell/safe-storage-key-store.ts';
import { DataKeyUnusable } from '../../../main/storage/data-key.ts';

/** A stand-in for Electron's safeStorage: reversible, and not the identity, so a plain key never lands on disk. */
const fakeSafeStorage = (backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`wrapped:${Buffer.from(text).toString('hex')}`),
  decryptString: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('wrapped:')) throw new Error('not ours');
    return Buffer.from(text.slice(8), 'hex').toString();
  },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-storage-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the Electron shell’s data key', () => {
  it('is made once, kept wrapped by the OS keystore in a 0600 file, and the same on the next start', async () => {
    const file = path.join(dir, 'keys', 'outbox.key');
    const key = safeStorageKeyStore(file, fakeSafeStorage(), () => undefined).load();
    expect(key).toHaveLength(32);
    const sealed = await readFile(`${file}.sealed`);
    expect(sealed.includes(key)).toBe(false);
    expect(sealed.toString().includes(key.toString('base64'))).toBe(false);
    expect((await stat(`${file}.sealed`)).mode & 0o777).toBe(0o600);
    expect(safeStorageKeyStore(file, fakeSafeStorage(), () => undefined).load().equals(key)).toBe(true);
  });

  it('falls back to the 0600 key file, and says so, without a real keyring', () => {
    const reasons: string[] = [];
    const key = safeStorageKeyStore(path.join(dir, 'outbox.key'), fakeSafeStorage('basic_text'), (reason) => reasons.push(reason)).load();
    expect(key).toHaveLength(32);
    expect(reasons).toEqual(['no OS keyring (basic_text)']);
  });

  it('refuses a wrapped key the keystore cannot open', async () => {
    const file = path.join(dir, 'outbox.key');
    safeStorageKeyStore(file, fakeSafeStorage(), () => undefined).load();
    const other = { ...fakeSafeStorage(), decryptString: () => { throw new Error('keyring reset'); } };
    expect(() => safeStorageKeyStore(file, other, () => undefined).load()).toThrow(DataKeyUnusable);
  });
});
