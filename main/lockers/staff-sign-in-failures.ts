import { openDatabase, type Migration } from '../storage/open-database.ts';
import type { FailureLog } from './attempt-limiter.ts';
import { FAILED_ATTEMPTS_TABLE, failedAttemptsIn } from './failed-attempts-table.ts';

const MIGRATIONS: readonly Migration[] = [FAILED_ATTEMPTS_TABLE];

/**
 * Failed staff sign-ins of a terminal (`staff.sqlite` in the data dir), for the staff desk's lockouts: a file of their
 * own, since maintenance mode is on every terminal with a staff accounts file, lockers or not. A restart does not
 * reset them.
 */
export interface StaffSignInFailures extends FailureLog {
  pruneFailures(before: number): void;
  close(): void;
}

export const openStaffSignInFailures = (file: string): StaffSignInFailures => {
  const db = openDatabase(file, MIGRATIONS);
  return { ...failedAttemptsIn(db), close: () => db.close() };
};
