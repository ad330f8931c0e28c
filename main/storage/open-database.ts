import Database from 'better-sqlite3';

/** A schema change: applied once, in order, inside a transaction; PRAGMA user_version counts those applied. */
export type Migration = string;

/**
 * Opens one of the kiosk's SQLite files: WAL with full sync (a power cut loses nothing committed), foreign keys
 * on, and the numbered migrations brought up to date.
 */
export const openDatabase = (file: string, migrations: readonly Migration[]): Database.Database => {
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
