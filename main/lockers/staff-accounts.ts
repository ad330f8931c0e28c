import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The staff who may work the lockers at this terminal (maintenance mode: deposit, retrieve, clear a jam): a file of
 * their own beside the terminal config, so the config can travel without them. Each account keeps a salted scrypt
 * hash of its password, written `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64), never the password.
 * `kioskctl staff add` writes entries.
 *
 *   { "accounts": [ { "staffId": "S001", "passwordHash": "scrypt$15$8$1$…$…" }, … ] }
 */
export interface StaffAccount {
  staffId: string;
  passwordHash: string;
  /** A disabled account cannot sign in (someone left; the file keeps who deposited what). */
  disabled: boolean;
}

export const STAFF_ID = /^[0-9A-Za-z._-]{1,32}$/;
const HASH = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d)\$([A-Za-z0-9+/=]{16,64})\$([A-Za-z0-9+/=]{32,128})$/;

const accountsFileSchema = z
  .object({
    accounts: z
      .array(
        z
          .object({
            staffId: z.string().regex(STAFF_ID, '1 to 32 letters, digits, dots, dashes or underscores'),
            passwordHash: z.string().regex(HASH, 'a hash written by `kioskctl staff add` (scrypt$…)'),
            disabled: z.boolean().default(false),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

export class StaffAccountsUnusable extends Error {
  constructor(file: string, reason: string) {
    super(`staff accounts ${file} are unusable: ${reason}`);
    this.name = 'StaffAccountsUnusable';
  }
}

/** The accounts of a file; throws StaffAccountsUnusable with what is wrong (for the technician). */
export const loadStaffAccounts = (file: string): StaffAccount[] => {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StaffAccountsUnusable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  return parseStaffAccounts(value, file);
};

/**
 * A staff id as accounts are told apart: without case, since the touch keyboard starts in small letters and "s001"
 * must not cost S001 a try (ids are ASCII letters, digits, dots, dashes and underscores).
 */
export const staffIdKey = (staffId: string): string => staffId.toUpperCase();

export const parseStaffAccounts = (value: unknown, file = 'staff accounts'): StaffAccount[] => {
  const parsed = accountsFileSchema.safeParse(value);
  if (!parsed.success) throw new StaffAccountsUnusable(file, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const seen = new Set<string>();
  for (const account of parsed.data.accounts) {
    if (seen.has(staffIdKey(account.staffId))) throw new StaffAccountsUnusable(file, `staff id ${account.staffId} appears twice (ids compare without case)`);
    seen.add(staffIdKey(account.staffId));
  }
  return parsed.data.accounts;
};

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password, salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error))));

/** scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB and some 100 ms per check on a terminal's CPU. */
export const DEFAULT_SCRYPT_COST = { log2N: 15, r: 8, p: 1 } as const;
export const MIN_PASSWORD_LENGTH = 8;

const costOptions = (log2N: number, r: number, p: number): ScryptOptions => ({ N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r * p });

/**
 * What a staff password may hold: what the touch keyboard can type (letters, digits, a space and every ASCII symbol
 * but { and }, in its symbols mode: renderer/keyboard/keyboard-layouts.ts), so staff can sign in at a kiosk that has
 * no physical keyboard.
 */
const TYPABLE_ON_THE_KIOSK = /^[\x20-\x7a|~]+$/;

export const hashStaffPassword = async (password: string, cost: { log2N: number; r: number; p: number } = DEFAULT_SCRYPT_COST): Promise<string> => {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new RangeError(`a staff password has at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!TYPABLE_ON_THE_KIOSK.test(password)) throw new RangeError('a staff password uses letters, digits, spaces and ASCII symbols other than { and } (what the kiosk’s touch keyboard can type)');
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, 32, costOptions(cost.log2N, cost.r, cost.p));
  return `scrypt$${cost.log2N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
};

/** Whether a password matches a stored hash; false for a hash this build would not compute (too cheap or too costly). */
export const verifyStaffPassword = async (password: string, stored: string): Promise<boolean> => {
  const match = HASH.exec(stored);
  if (match === null) return false;
  const [log2N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds keep a tampered file from making every sign-in take minutes or gigabytes.
  if (log2N < 10 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const expected = Buffer.from(match[5] ?? '', 'base64');
  const actual = await scrypt(password.normalize('NFC'), salt, expected.length, costOptions(log2N, r, p));
  return timingSafeEqual(actual, expected);
};
