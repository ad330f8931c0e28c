import type Database from 'better-sqlite3';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import type { FailureLog } from './attempt-limiter.ts';

const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE failed_attempts (scope TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX failed_attempts_by_scope ON failed_attempts (scope, at);`,
];

/**
 * Failed staff sign-ins of a terminal (`staff.sqlite` in the data dir), for the staff desk's lockouts: a file of their
 * own, since maintenance mode is on every terminal with a staff accounts file, lockers or not. A restart does not
 * reset them.
 */
export class StaffSignInFailures implements FailureLog {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = openDatabase(file, MIGRATIONS);
  }

  failuresSince(scope: string, since: number): number[] {
    return (this.#db.prepare('SELECT at FROM failed_attempts WHERE scope = ? AND at >= ? ORDER BY at').all(scope, since) as Array<{ at: number }>).map((row) => row.at);
  }

  addFailure(scope: string, at: number): void {
    this.#db.prepare('INSERT INTO failed_attempts VALUES (?, ?)').run(scope, at);
  }

  clearFailures(scope: string): void {
    this.#db.prepare('DELETE FROM failed_attempts WHERE scope = ?').run(scope);
  }

  /** Forgets failures older than any lockout looks back. */
  pruneFailures(before: number): void {
    this.#db.prepare('DELETE FROM failed_attempts WHERE at < ?').run(before);
  }

  close(): void {
    this.#db.close();
  }
}
