import type Database from 'better-sqlite3';
import type { FailureLog } from './attempt-limiter.ts';

/**
 * The failed attempts a lockout counts (wrong pickup codes, failed staff sign-ins), as rows of `failed_attempts`
 * (scope, at) in a database that has the table (FAILED_ATTEMPTS_TABLE among its migrations): kept across restarts.
 */
export const FAILED_ATTEMPTS_TABLE = `CREATE TABLE failed_attempts (scope TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX failed_attempts_by_scope ON failed_attempts (scope, at);`;

export const failedAttemptsIn = (db: Database.Database): FailureLog & { pruneFailures(before: number): void } => ({
  failuresSince: (scope, since) =>
    (db.prepare('SELECT at FROM failed_attempts WHERE scope = ? AND at >= ? ORDER BY at').all(scope, since) as Array<{ at: number }>).map((row) => row.at),
  addFailure: (scope, at) => {
    db.prepare('INSERT INTO failed_attempts VALUES (?, ?)').run(scope, at);
  },
  clearFailures: (scope) => {
    db.prepare('DELETE FROM failed_attempts WHERE scope = ?').run(scope);
  },
  /** Forgets failures older than any lockout looks back. */
  pruneFailures: (before) => {
    db.prepare('DELETE FROM failed_attempts WHERE at < ?').run(before);
  },
});
