import { readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { writeFileDurably } from './durable-file.ts';

/**
 * The key that seals citizens' data at rest (the outbox's payloads), kept outside the database it protects. The
 * browser shell keeps it in a 0600 file in the terminal's data dir; the Electron shell may wrap it with the
 * operating system's keystore (safeStorage) through the same interface.
 */
export interface DataKeyStore {
  /** The 32-byte key, made on first use. */
  load(): Buffer;
}

export class DataKeyUnusable extends Error {
  constructor(file: string, reason: string) {
    super(`data key ${file} is unusable: ${reason}`);
    this.name = 'DataKeyUnusable';
  }
}

/** A 0600 key file; refused when others may read it (someone changed its mode) or when it is not 32 bytes. */
export const fileDataKeyStore = (file: string): DataKeyStore => ({
  load() {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new DataKeyUnusable(file, (error as Error).message);
      const fresh = randomBytes(32);
      writeFileDurably(file, fresh);
      return fresh;
    }
    if ((statSync(file).mode & 0o077) !== 0) throw new DataKeyUnusable(file, 'group or others may read it (chmod 600 it, and ask whether it leaked)');
    if (key.length !== 32) throw new DataKeyUnusable(file, `it has ${key.length} bytes, not 32`);
    return key;
  },
});
