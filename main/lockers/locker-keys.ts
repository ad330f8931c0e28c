import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { PayloadSeal } from '../cases/sealed-payload.ts';

/**
 * The locker inventory's secrets, all derived from the terminal's data key (kept outside the database, like the
 * outbox's): the keyed tag that stands for a recipient's ID number, the keyed hash of a pickup code, and the seal
 * of an event report waiting for the outbox. Each purpose has its own key, so no value can be moved between them.
 *
 * Why a keyed hash (HMAC) and not a slow hash for pickup codes: a 6-digit code has a million values, so any hash
 * of it, scrypt included, is guessed offline in hours by whoever holds the database. With the key outside the
 * database the file alone tells nothing; at the terminal, the lockout (5 tries) and the recipient's own ID card,
 * which pickup needs as well, are what stand against guessing.
 */
export class LockerKeys {
  readonly #tagKey: Buffer;
  readonly #codeKey: Buffer;
  readonly seal: PayloadSeal;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), purpose, 32));
    this.#tagKey = derive('kiosk locker recipient tag');
    this.#codeKey = derive('kiosk locker pickup code');
    this.seal = new PayloadSeal(derive('kiosk locker reports'));
  }

  /** Stands for a recipient's ID number in the inventory: equal numbers give equal tags; the key is needed to make one. */
  recipientTag(idNumber: string): string {
    return createHmac('sha256', this.#tagKey).update(idNumber, 'utf8').digest('hex');
  }

  /** A fresh salt for one item's code (equal codes of two items do not look equal). */
  newSalt(): Buffer {
    return randomBytes(16);
  }

  codeHash(code: string, salt: Buffer): Buffer {
    return createHmac('sha256', this.#codeKey).update(salt).update(code, 'utf8').digest();
  }

  codeMatches(code: string, salt: Buffer, hash: Buffer): boolean {
    const candidate = this.codeHash(code, salt);
    return candidate.length === hash.length && timingSafeEqual(candidate, hash);
  }
}
