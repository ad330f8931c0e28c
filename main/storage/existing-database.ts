import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openDatabaseForReading } from './database-for-reading.ts';
import type { Migration } from './open-database.ts';

/** Why an existing kiosk database cannot be read: what a technician is told, in the caller's own words. */
export type ExistingDatabaseProblem = 'missing' | 'not-a-database' | 'older-schema' | 'newer-schema';

export class ExistingDatabaseUnusable extends Error {
  readonly problem: ExistingDatabaseProblem;
  constructor(problem: ExistingDatabaseProblem, message: string) {
    super(message);
    this.name = 'ExistingDatabaseUnusable';
    this.problem = problem;
  }
}

/**
 * Opens one of the kiosk's SQLite files for reading only, and only if it is there: reading never creates a database
 * (a mistyped path is an error, not a new empty catalogue) and never migrates one (its schema must be the one this
 * build writes); nothing is written beside it either (database-for-reading.ts). Throws ExistingDatabaseUnusable saying which.
 */
export const openExistingDatabase = (file: string, migrations: readonly Migration[]): Database.Database => {
  if (!existsSync(file)) throw new ExistingDatabaseUnusable('missing', 'the file does not exist');
  let db: Database.Database;
  try {
    db = openDatabaseForReading(file);
  } catch (error) {
    throw new ExistingDatabaseUnusable('not-a-database', (error as Error).message);
  }
  let done: number;
  try {
    done = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    db.close();
    throw new ExistingDatabaseUnusable('not-a-database', (error as Error).message);
  }
  if (done !== migrations.length) {
    db.close();
    throw done < migrations.length
      ? new ExistingDatabaseUnusable('older-schema', `it has schema ${done}, this build reads ${migrations.length}`)
      : new ExistingDatabaseUnusable('newer-schema', `it was written by a newer kiosk (schema ${done}, this build knows ${migrations.length})`);
  }
  return db;
};
