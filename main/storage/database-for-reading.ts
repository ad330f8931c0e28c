import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The file's bytes, for SQLite to read in memory. A WAL database says so in its header (bytes 18 and 19 are 2), and
 * SQLite opens such bytes only with a -wal and -shm; there is no -wal, so the copy is marked a rollback-journal
 * database (1), which it equally is once nothing is left in a -wal. The file itself is untouched.
 */
const inMemoryCopy = (file: string): Buffer => {
  const bytes = readFileSync(file);
  if (bytes.length >= 100 && bytes.subarray(0, 16).equals(SQLITE_MAGIC) && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  return bytes;
};

/**
 * One of the kiosk's SQLite files opened to be read as it is (a technician's check, a diagnostics bundle): only if it
 * exists, so reading never creates a database nor changes one. While the kiosk has it open (its -wal beside it), the
 * file is opened read-only: WAL lets the kiosk write meanwhile, and the -wal holds what is not in the file yet.
 * Otherwise everything is in the file itself, and a read-only opening would still leave a -wal and -shm behind: so
 * the file's bytes are read once and opened in memory instead, nothing written beside it. Throws SQLite's or the
 * file system's error (a missing file: ENOENT).
 */
export const openDatabaseForReading = (file: string): Database.Database => {
  if (existsSync(`${file}-wal`)) return new Database(file, { readonly: true, fileMustExist: true });
  return new Database(inMemoryCopy(file), { readonly: true });
};

/** Opens `file` for reading as above, hands it to `read`, and closes it again. */
export const readDatabase = <T>(file: string, read: (db: Database.Database) => T): T => {
  const db = openDatabaseForReading(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
};
