import type { AuditTrail } from '../audit/audit-log.ts';
import { staffActor, type AuditActor, type AuditEntry } from '../audit/audit-record.ts';
import type { Clock } from '../common/clock.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import { type AttemptLimiter, type LockoutRule } from './attempt-limiter.ts';
import { LockerRefused } from './locker-refused.ts';
import { DEFAULT_SCRYPT_COST, hashStaffPassword, staffIdKey, verifyStaffPassword, type StaffAccount } from './staff-accounts.ts';

/**
 * Maintenance mode: a staff member signs in with their id and password before the lockers do staff work (deposit,
 * retrieve, clear a jam). Failed sign-ins count against the account and against the terminal (someone trying many
 * ids), each locked for a while at its limit. The staff session ends on sign-out or after being idle. Sign-ins,
 * failed ones, lockouts and sign-outs are in the audit log; an id nobody has is not written there (it may be
 * anything someone typed, an ID number included).
 */
export interface StaffDeskOptions {
  accounts: readonly StaffAccount[];
  limiter: AttemptLimiter;
  clock: Clock;
  /** A staff session unused for this long has ended. */
  idleMs: number;
  /** Failed sign-ins of one account. */
  accountLockout: LockoutRule;
  /** Failed sign-ins at this terminal, whatever the id. */
  terminalLockout: LockoutRule;
  /** Whether a citizen's session is running: maintenance mode is never entered from within one. */
  citizenPresent: () => boolean;
  audit: AuditTrail;
}

export type StaffSignIn = { status: 'signed-in'; staffId: string } | { status: 'refused'; triesLeft: number } | { status: 'locked'; until: number };

/** Staff work asked for with nobody signed in (or after the session went idle). */
export class StaffSignInRequired extends ServiceRefused {
  constructor() {
    super('invalid-state', 'a staff member must sign in first');
  }
}

export class StaffDesk {
  readonly #options: StaffDeskOptions;
  readonly #accounts: Map<string, StaffAccount>;
  #signedIn: { staffId: string; lastUsed: number } | null = null;
  /** Checked for ids nobody has, so that a wrong id takes as long as a wrong password (an account's own hash, at its cost). */
  #decoy: Promise<string> | null = null;
  #signingIn: Promise<unknown> = Promise.resolve();

  constructor(options: StaffDeskOptions) {
    this.#options = options;
    this.#accounts = new Map(options.accounts.map((account) => [staffIdKey(account.staffId), account]));
  }

  /**
   * One sign-in at a time: each is checked against the tries the ones before it used up. Checked side by side, every
   * guess sent at once would pass the limit before any of their (slow, scrypt) failures were counted.
   */
  signIn(staffId: string, password: string): Promise<StaffSignIn> {
    const turn = this.#signingIn.then(() => this.#signInNow(staffId, password));
    this.#signingIn = turn.catch(() => undefined);
    return turn;
  }

  async #signInNow(typedId: string, password: string): Promise<StaffSignIn> {
    const { limiter } = this.#options;
    if (this.#options.citizenPresent()) throw new LockerRefused('invalid-state', 'staff sign in between citizens, not within a session');
    const account = this.#accounts.get(staffIdKey(typedId));
    // The id as the account writes it (or, for an id no account has, without case): tries count per account.
    const staffId = account?.staffId ?? staffIdKey(typedId);
    const scopes: Array<[string, LockoutRule]> = [
      ['staff:terminal', this.#options.terminalLockout],
      [`staff:${staffId}`, this.#options.accountLockout],
    ];
    const who: { actor: AuditActor; subject: string } = account === undefined ? { actor: 'unknown', subject: 'an id no account has' } : { actor: staffActor(staffId), subject: `account ${staffId}` };
    const before = limiter.standingOf(scopes);
    if (before.lockedUntil !== null) {
      this.#record({ kind: 'staff-sign-in-failed', ...who, reason: `locked out until ${new Date(before.lockedUntil).toISOString()}` });
      return { status: 'locked', until: before.lockedUntil };
    }
    const stored = account?.passwordHash ?? (await (this.#decoy ??= this.#decoyHash()));
    const matches = await verifyStaffPassword(password, stored);
    if (account === undefined || account.disabled || !matches) {
      this.#record({ kind: 'staff-sign-in-failed', ...who, reason: account === undefined ? 'no such account' : account.disabled ? 'the account is disabled' : 'wrong password' });
      for (const [scope] of scopes) limiter.fail(scope);
      for (const [scope, rule] of scopes) {
        const until = limiter.standing(scope, rule).lockedUntil;
        const locked = scope === 'staff:terminal' ? { ...who, subject: 'staff sign-in at this terminal' } : who;
        if (until !== null) this.#record({ kind: 'staff-locked-out', ...locked, reason: `${rule.maxFailures} failed sign-ins: locked until ${new Date(until).toISOString()}` });
      }
      const after = limiter.standingOf(scopes);
      return after.lockedUntil === null ? { status: 'refused', triesLeft: after.triesLeft } : { status: 'locked', until: after.lockedUntil };
    }
    // Recorded before maintenance mode begins: staff work is never done unrecorded.
    this.#record({ kind: 'staff-signed-in', ...who, reason: 'maintenance mode' });
    limiter.clear(`staff:${staffId}`);
    this.#signedIn = { staffId, lastUsed: this.#options.clock.now() };
    return { status: 'signed-in', staffId };
  }

  #record(entry: AuditEntry): void {
    this.#options.audit.append(entry);
  }

  #decoyHash(): Promise<string> {
    const first = this.#options.accounts[0];
    return first === undefined ? hashStaffPassword('not a password of anyone', DEFAULT_SCRYPT_COST) : Promise.resolve(first.passwordHash);
  }

  /** Ends the staff session (`why`: said in the audit log). */
  signOut(why = 'signed out'): void {
    const session = this.#signedIn;
    this.#signedIn = null;
    if (session !== null) this.#ended(session.staffId, why);
  }

  /** A staff session that ended is recorded; it has ended whether or not the log takes it. */
  #ended(staffId: string, why: string): void {
    try {
      this.#record({ kind: 'staff-signed-out', actor: staffActor(staffId), subject: `account ${staffId}`, reason: why });
    } catch {
      // Nothing to hold back: the session is over. The log's trouble shows at the next sign-in, which it refuses.
    }
  }

  /** Who is signed in now (null when nobody is, the session went idle, or a citizen session began since). */
  get staffId(): string | null {
    const session = this.#signedIn;
    if (session === null) return null;
    // Staff work happens between citizens: a citizen session that starts ends the staff session for good.
    if (this.#options.citizenPresent()) {
      this.signOut('a citizen session began');
      return null;
    }
    if (this.#options.clock.now() - session.lastUsed >= this.#options.idleMs) {
      this.signOut('idle');
      return null;
    }
    return session.staffId;
  }

  /** The signed-in staff member, for staff work (which keeps the session alive); throws when there is none. */
  require(): string {
    const staffId = this.staffId;
    if (staffId === null || this.#signedIn === null) throw new StaffSignInRequired();
    this.#signedIn.lastUsed = this.#options.clock.now();
    return staffId;
  }
}
