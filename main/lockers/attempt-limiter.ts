/**
 * Lockouts against guessing (pickup codes, staff passwords): failed attempts are counted per scope (this
 * terminal, one recipient, one staff account) over a sliding window; when a scope reaches the limit it is locked
 * until the lock time has passed since its latest failure. Failures are kept in the inventory, so a restart does
 * not reset them; the lock is time-boxed, so nobody is locked out for good.
 */
export interface LockoutRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Where failures are kept (the locker inventory). */
export interface FailureLog {
  failuresSince(scope: string, since: number): number[];
  addFailure(scope: string, at: number): void;
  clearFailures(scope: string): void;
}

export interface ScopeStanding {
  /** Locked until then (ms), or null. */
  lockedUntil: number | null;
  /** Failures left before the lock. */
  triesLeft: number;
}

export class AttemptLimiter {
  readonly #log: FailureLog;
  readonly #now: () => number;

  constructor(log: FailureLog, now: () => number) {
    this.#log = log;
    this.#now = now;
  }

  standing(scope: string, rule: LockoutRule): ScopeStanding {
    const now = this.#now();
    const failures = this.#log.failuresSince(scope, now - rule.windowMs - rule.lockMs);
    // Locked by the latest failures only: a lock that has run out is not set again by its own old failures.
    const latest = failures.slice(-rule.maxFailures);
    const first = latest[0];
    const last = latest.at(-1);
    if (first !== undefined && last !== undefined && latest.length === rule.maxFailures && last - first <= rule.windowMs && last + rule.lockMs > now) {
      return { lockedUntil: last + rule.lockMs, triesLeft: 0 };
    }
    const inWindow = failures.filter((at) => at > now - rule.windowMs).length;
    return { lockedUntil: null, triesLeft: Math.max(1, rule.maxFailures - inWindow) };
  }

  /** The worst standing of several scopes (any locked scope locks). */
  standingOf(scopes: ReadonlyArray<[scope: string, rule: LockoutRule]>): ScopeStanding {
    const standings = scopes.map(([scope, rule]) => this.standing(scope, rule));
    const locks = standings.map((standing) => standing.lockedUntil).filter((until): until is number => until !== null);
    return { lockedUntil: locks.length === 0 ? null : Math.max(...locks), triesLeft: Math.min(...standings.map((standing) => standing.triesLeft)) };
  }

  fail(scope: string): void {
    this.#log.addFailure(scope, this.#now());
  }

  clear(scope: string): void {
    this.#log.clearFailures(scope);
  }
}
