import { describe, expect, it } from 'vitest';
import { AttemptLimiter, type FailureLog } from '../../../main/lockers/attempt-limiter.ts';

/** Lockouts: five failures within the window lock the scope for the lock time after the last; scopes are separate. */
const memoryLog = (): FailureLog => {
  const failures = new Map<string, number[]>();
  return {
    failuresSince: (scope, since) => (failures.get(scope) ?? []).filter((at) => at >= since),
    addFailure: (scope, at) => failures.set(scope, [...(failures.get(scope) ?? []), at]),
    clearFailures: (scope) => failures.delete(scope),
  };
};
const MINUTE = 60_000;
const rule = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

describe('attempt limiter', () => {
  it('counts down, locks at the fifth failure, and lets go when the lock time has passed', () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter(memoryLog(), () => now);
    for (let i = 0; i < 4; i += 1) {
      limiter.fail('pickup:r');
      now += MINUTE;
    }
    expect(limiter.standing('pickup:r', rule)).toEqual({ lockedUntil: null, triesLeft: 1 });
    limiter.fail('pickup:r');
    expect(limiter.standing('pickup:r', rule)).toEqual({ lockedUntil: now + 15 * MINUTE, triesLeft: 0 });
    now += 15 * MINUTE - 1;
    expect(limiter.standing('pickup:r', rule).lockedUntil).not.toBeNull();
    now += 1;
    expect(limiter.standing('pickup:r', rule).lockedUntil).toBeNull();
    expect(limiter.standing('pickup:other', rule)).toEqual({ lockedUntil: null, triesLeft: 5 });
    // One more failure after the lock ran out does not lock again on the old ones.
    limiter.fail('pickup:r');
    expect(limiter.standing('pickup:r', rule).lockedUntil).toBeNull();
  });

  it('does not lock for failures spread wider than the window', () => {
    let now = 0;
    const limiter = new AttemptLimiter(memoryLog(), () => now);
    for (let i = 0; i < 10; i += 1) {
      limiter.fail('s');
      now += 4 * MINUTE;
    }
    expect(limiter.standing('s', rule).lockedUntil).toBeNull();
  });

  it('takes the worst of several scopes, and forgets a scope that is cleared', () => {
    const now = 0;
    const limiter = new AttemptLimiter(memoryLog(), () => now);
    for (let i = 0; i < 5; i += 1) limiter.fail('terminal');
    limiter.fail('recipient');
    expect(limiter.standingOf([['terminal', rule], ['recipient', rule]])).toEqual({ lockedUntil: 15 * MINUTE, triesLeft: 0 });
    limiter.clear('terminal');
    expect(limiter.standingOf([['terminal', rule], ['recipient', rule]])).toEqual({ lockedUntil: null, triesLeft: 4 });
  });
});
