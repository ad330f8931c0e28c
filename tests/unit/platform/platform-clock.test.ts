import { describe, expect, it } from 'vitest';
import { PlatformClock, type ClockOffsetChange } from '../../../main/platform/platform-clock.ts';

const LOCAL = Date.parse('2026-11-23T08:00:00Z');

/** A health answer: the platform's time, the request sent at LOCAL and answered `roundTripMs` later. */
const answer = (clock: PlatformClock, platformMs: number, roundTripMs = 0) => clock.observe(new Date(platformMs), new Date(LOCAL), new Date(LOCAL + roundTripMs));

describe('platform clock', () => {
  it("signs with the terminal's time until measured, then with the platform's, from the middle of the exchange", () => {
    const clock = new PlatformClock({ localNow: () => new Date(LOCAL) });
    expect(clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
    answer(clock, LOCAL - 600_000 + 150, 300);
    expect(clock.offsetMs).toBe(-600_000);
    expect(clock.now().toISOString()).toBe('2026-11-23T07:50:00.000Z');
  });

  it('tells of a large offset once per change: when it becomes large, when it moves again, when it is small again', () => {
    const changes: ClockOffsetChange[] = [];
    const clock = new PlatformClock({ localNow: () => new Date(LOCAL), onOffsetChange: (change) => changes.push(change) });
    answer(clock, LOCAL + 59_000);
    expect(changes).toEqual([]);
    answer(clock, LOCAL + 600_000);
    answer(clock, LOCAL + 600_400);
    answer(clock, LOCAL + 640_000);
    expect(changes).toEqual([{ offsetSeconds: 600, large: true }]);
    answer(clock, LOCAL + 720_000);
    answer(clock, LOCAL - 300);
    answer(clock, LOCAL + 100);
    expect(changes).toEqual([
      { offsetSeconds: 600, large: true },
      { offsetSeconds: 720, large: true },
      { offsetSeconds: 0, large: false },
    ]);
  });
});
