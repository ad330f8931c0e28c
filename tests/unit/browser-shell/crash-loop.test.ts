import { describe, expect, it } from 'vitest';
import { CrashLoopBreaker, LOOP_WINDOW_MS, LOSSES_IN_LOOP, OUT_OF_SERVICE_MS } from '../../../main/browser-shell/crash-loop.ts';
import { ManualClock } from '../../support/manual-clock.ts';

const rig = () => {
  const clock = new ManualClock();
  const seen: string[] = [];
  const breaker = new CrashLoopBreaker({ clock, onTrip: (losses) => seen.push(`trip ${losses}`), onRetry: () => seen.push('retry') });
  return { clock, seen, breaker };
};

describe('the crash-loop breaker', () => {
  it(`goes out of service at the ${LOSSES_IN_LOOP}th loss within the window, and tries again after the out-of-service time`, () => {
    const { clock, seen, breaker } = rig();
    for (let i = 1; i < LOSSES_IN_LOOP; i++) {
      breaker.lost();
      clock.advance(10_000);
    }
    expect(seen).toEqual([]);
    breaker.lost();
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`]);
    expect(breaker.outOfService).toBe(true);
    breaker.lost(); // the out-of-service page is on screen: nothing counts
    clock.advance(OUT_OF_SERVICE_MS - 1);
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`]);
    clock.advance(1);
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`, 'retry']);
    expect(breaker.outOfService).toBe(false);
  });

  it('does not trip on losses spread wider than the window (a kiosk that recovers each time)', () => {
    const { clock, seen, breaker } = rig();
    for (let i = 0; i < LOSSES_IN_LOOP * 3; i++) {
      breaker.lost();
      clock.advance(LOOP_WINDOW_MS / (LOSSES_IN_LOOP - 1) + 1);
    }
    expect(seen).toEqual([]);
  });

  it('goes straight back out of service at one loss soon after trying again, and not once the window has passed', () => {
    const { clock, seen, breaker } = rig();
    for (let i = 0; i < LOSSES_IN_LOOP; i++) breaker.lost();
    clock.advance(OUT_OF_SERVICE_MS);
    clock.advance(1000);
    breaker.lost();
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`, 'retry', 'trip 1']);
    clock.advance(OUT_OF_SERVICE_MS);
    clock.advance(LOOP_WINDOW_MS);
    breaker.lost();
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`, 'retry', 'trip 1', 'retry']);
  });

  it('stops without trying again', () => {
    const { clock, seen, breaker } = rig();
    for (let i = 0; i < LOSSES_IN_LOOP; i++) breaker.lost();
    breaker.stop();
    clock.advance(OUT_OF_SERVICE_MS * 2);
    expect(seen).toEqual([`trip ${LOSSES_IN_LOOP}`]);
  });
});
