import { describe, expect, it, vi } from 'vitest';
import { EnrolmentLoop } from '../../../main/platform/enrolment-loop.ts';
import { EnrolmentRefused } from '../../../main/platform/platform-adapter.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** An enrolment whose tries the test answers. */
const scripted = (answers: Array<boolean | Error>) => {
  let registered = false;
  const tries = vi.fn(() => {
    const answer = answers.shift() ?? new Error('no answer scripted');
    if (answer instanceof Error) return Promise.reject(answer);
    registered = answer;
    return Promise.resolve(answer);
  });
  return {
    tries,
    enrolment: {
      get registered() {
        return registered;
      },
      ensure: tries,
      forget: () => {
        registered = false;
      },
    },
  };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('enrolment loop', () => {
  it('tries again every interval after a failure, and stops once registered', async () => {
    const clock = new ManualClock();
    const { enrolment, tries } = scripted([new Error('platform down'), new Error('platform down'), true]);
    const events: string[] = [];
    const loop = new EnrolmentLoop({ enrolment, clock, retryMs: 30_000, refusedRetryMs: 3_600_000, onRegistered: () => events.push('registered'), onNoCode: () => events.push('no code'), onFailed: () => events.push('failed'), onRefused: () => events.push('refused') });
    await loop.enrol();
    expect(events).toEqual(['failed']);
    clock.advance(29_999);
    expect(tries).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await settle();
    clock.advance(30_000);
    await settle();
    expect(events).toEqual(['failed', 'failed', 'registered']);
    expect(loop.registered).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    await loop.enrol();
    expect(tries).toHaveBeenCalledTimes(3);
  });

  it('makes one try of calls that overlap, and a try now replaces the one waiting', async () => {
    const clock = new ManualClock();
    const { enrolment, tries } = scripted([new Error('down'), true]);
    const loop = new EnrolmentLoop({ enrolment, clock, retryMs: 30_000, refusedRetryMs: 3_600_000, onRegistered: () => undefined, onNoCode: () => undefined, onFailed: () => undefined, onRefused: () => undefined });
    await Promise.all([loop.enrol(), loop.enrol()]);
    expect(tries).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers).toBe(1);
    await loop.enrol(); // the platform is back: no waiting for the interval
    expect(clock.pendingTimers).toBe(0);
    expect(loop.registered).toBe(true);
  });

  it('registers again when the platform forgot the terminal, and says so when there is no code', async () => {
    const clock = new ManualClock();
    const { enrolment } = scripted([true, false]);
    const events: string[] = [];
    const loop = new EnrolmentLoop({ enrolment, clock, retryMs: 1000, refusedRetryMs: 3_600_000, onRegistered: () => events.push('registered'), onNoCode: () => events.push('no code'), onFailed: () => events.push('failed'), onRefused: () => events.push('refused') });
    await loop.enrol();
    await loop.platformForgot();
    expect(events).toEqual(['registered', 'no code']);
  });

  it('tries no more once stopped', async () => {
    const clock = new ManualClock();
    const { enrolment, tries } = scripted([new Error('down'), true]);
    const loop = new EnrolmentLoop({ enrolment, clock, retryMs: 1000, refusedRetryMs: 3_600_000, onRegistered: () => undefined, onNoCode: () => undefined, onFailed: () => undefined, onRefused: () => undefined });
    await loop.enrol();
    loop.stop();
    clock.advance(10_000);
    await loop.enrol();
    expect(tries).toHaveBeenCalledTimes(1);
  });

  it('does not loop hot on a refused code: told once, then no try until the refused interval, whatever calls enrol', async () => {
    const clock = new ManualClock();
    const refusal = new EnrolmentRefused('enrolment-code-used', 'the enrolment code was used at 2026-11-23T08:00:00.000Z');
    const { enrolment, tries } = scripted([refusal, true]);
    const events: unknown[] = [];
    const loop = new EnrolmentLoop({ enrolment, clock, retryMs: 10_000, refusedRetryMs: 3_600_000, onRegistered: () => events.push('registered'), onNoCode: () => events.push('no code'), onFailed: () => events.push('failed'), onRefused: (error) => events.push(error) });
    await loop.enrol();
    expect(events).toEqual([refusal]);
    clock.advance(10_000 * 6);
    await loop.enrol(); // the platform came back
    await loop.platformForgot();
    expect(tries).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(3_600_000);
    await settle();
    expect(tries).toHaveBeenCalledTimes(2);
    expect(events).toEqual([refusal, 'registered']);
  });
});
