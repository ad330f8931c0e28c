import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

/** A schema change: applied once, in order, inside a transaction; PRAGMA user_version counts those applied. */
export type Migration = string;

/**
 * The database file exists and is the kiosk's alone (0600) before SQLite opens it: SQLite gives its -wal and -shm the
 * database's own mode, so those are 0600 too, whatever the process's umask. One that others may read is tightened.
 */
const ownedByTheKiosk = (file: string) => {
  if (file === ':memory:') return;
  closeSync(openSync(file, 'a', 0o600));
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(each) && (statSync(each).mode & 0o077) !== 0) chmodSync(each, 0o600);
  }
};

/**
 * Opens one of the kiosk's SQLite files: the kiosk's alone (0600, with its -wal and -shm), WAL with full sync (a
 * power cut loses nothing committed), foreign keys on, and the numbered migrations brought up to date.
 */
export const openDatabase = (file: string, migrations: readonly Migration[]): Database.Database => {
  ownedByTheKiosk(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const done = db.pragma('user_version', { simple: true }) as number;
  if (done > migrations.length) {
    db.close();
    throw new Error(`${file} was written by a newer kiosk (schema ${done}, this build knows ${migrations.length})`);
  }
  migrations.slice(done).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${done + i + 1}`);
    })();
  });
  return db;
};
