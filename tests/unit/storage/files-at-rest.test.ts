import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../../main/storage/durable-file.ts';
import { openDatabase } from '../../../main/storage/open-database.ts';

/**
 * Review finding 11: SQLite files and their -wal/-shm were created 0644 (readable by every user of the terminal), an
 * existing data directory was not tightened, and key files were written without fsync.
 */
let dir: string;
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'files-at-rest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the kiosk’s files at rest', () => {
  it('creates every SQLite file 0600 — the database, its -wal and its -shm — whatever the umask', async () => {
    const before = process.umask(0o022);
    try {
      const db = openDatabase(path.join(dir, 'outbox.sqlite'), ['CREATE TABLE t (x TEXT)']);
      db.prepare('INSERT INTO t VALUES (?)').run('王测试');
      const files = (await readdir(dir)).sort();
      expect(files).toEqual(['outbox.sqlite', 'outbox.sqlite-shm', 'outbox.sqlite-wal']);
      for (const file of files) expect(await modeOf(path.join(dir, file)), file).toBe(0o600);
      db.close();
    } finally {
      process.umask(before);
    }
  });

  it('tightens an existing database that others may read', async () => {
    const file = path.join(dir, 'catalogue.sqlite');
    openDatabase(file, []).close();
    chmodSync(file, 0o644);
    openDatabase(file, []).close();
    expect(await modeOf(file)).toBe(0o600);
  });

  it('writes a key file whole (0600, no temporary left), replacing the one before', async () => {
    const file = path.join(dir, 'keys', 'outbox.key');
    await writeFile(path.join(dir, 'other'), '');
    writeFileDurably(file, Buffer.alloc(32, 1));
    writeFileDurably(file, Buffer.alloc(32, 2));
    expect(await modeOf(file)).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['outbox.key']);
  });
});
