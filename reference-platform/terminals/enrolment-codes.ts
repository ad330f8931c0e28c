import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { sm3 } from 'sm-crypto-v2';

/**
 * The enrolment codes an operator issued (review finding 5): each for one terminal id, valid until a time, and
 * spent by the one key it registered. Kept by their SM3, so the store does not give the codes away. Issuing a code
 * again (the demo does at every start) renews its terminal and time only while it is unused: a spent code stays spent.
 */
export interface IssuedEnrolmentCode {
  code: string;
  terminalId: string;
  validUntil: Date;
}

/** What a code is to a terminal that presents it. */
export type EnrolmentCodeState =
  | { state: 'valid' }
  | { state: 'unknown' }
  | { state: 'other-terminal' }
  | { state: 'expired'; validUntil: string }
  | { state: 'used'; usedAt: string; usedByKey: string };

/** Crockford's base 32 (no I, L, O, U): read off a sheet and typed into a config without mistakes. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 random characters in groups of four (80 bits): `7K2M-QX9D-…`. */
export const mintEnrolmentCode = (): string =>
  Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');

export class EnrolmentCodes {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Issues a code (a fresh one unless given) for one terminal id until `validUntil`. */
  issue(terminalId: string, validUntil: Date, code: string = mintEnrolmentCode(), at: Date = new Date()): IssuedEnrolmentCode {
    this.#db
      .prepare(
        `INSERT INTO enrolment_codes (code_sm3, terminal_id, valid_until, issued_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (code_sm3) DO UPDATE SET terminal_id = excluded.terminal_id, valid_until = excluded.valid_until, issued_at = excluded.issued_at
         WHERE used_at IS NULL`,
      )
      .run(sm3(code), terminalId, validUntil.getTime(), at.toISOString());
    return { code, terminalId, validUntil };
  }

  stateOf(code: string, terminalId: string, now: Date): EnrolmentCodeState {
    const row = this.#db.prepare('SELECT terminal_id, valid_until, used_at, used_by_key FROM enrolment_codes WHERE code_sm3 = ?').get(sm3(code)) as
      | { terminal_id: string; valid_until: number; used_at: string | null; used_by_key: string | null }
      | undefined;
    if (row === undefined) return { state: 'unknown' };
    if (row.terminal_id !== terminalId) return { state: 'other-terminal' };
    if (row.used_at !== null) return { state: 'used', usedAt: row.used_at, usedByKey: row.used_by_key ?? '' };
    if (now.getTime() > row.valid_until) return { state: 'expired', validUntil: new Date(row.valid_until).toISOString() };
    return { state: 'valid' };
  }

  /**
   * Runs `register` and spends the code in one transaction, when `register` says the key was registered: a key
   * refused (another key holds the terminal id) leaves the code for the terminal it was meant for.
   */
  redeem<T>(code: string, publicKey: string, at: Date, register: () => T, registered: (result: T) => boolean): T {
    return this.#db.transaction(() => {
      const result = register();
      if (registered(result)) {
        this.#db.prepare('UPDATE enrolment_codes SET used_at = ?, used_by_key = ? WHERE code_sm3 = ? AND used_at IS NULL').run(at.toISOString(), publicKey.toLowerCase(), sm3(code));
      }
      return result;
    })();
  }
}
