import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../main/fleet/reconnect-backoff.ts';

/** A seeded generator (mulberry32): the same jitter every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SETTINGS = { firstDelaySeconds: 1, maxDelaySeconds: 120 };

describe('reconnectDelayMs', () => {
  it('doubles its window with each failed attempt, from the first delay up to the last', () => {
    const random = seeded(42);
    const delays = Array.from({ length: 12 }, (_, attempt) => reconnectDelayMs(attempt, SETTINGS, random));
    const windows: Array<[number, number]> = [[1000, 2000], [2000, 4000], [4000, 8000], [8000, 16000], [16000, 32000], [32000, 64000], [64000, 120000]];
    delays.forEach((delay, attempt) => {
      const [low, high] = windows[Math.min(attempt, windows.length - 1)] ?? [0, 0];
      expect(delay, `attempt ${attempt}`).toBeGreaterThanOrEqual(low);
      expect(delay, `attempt ${attempt}`).toBeLessThanOrEqual(high);
    });
    // Grows: each window's floor is the previous one's ceiling.
    expect(delays[5] ?? 0).toBeGreaterThan((delays[0] ?? Infinity) * 10);
  });

  it('is jittered: terminals that failed the same number of times do not wait the same', () => {
    const waits = Array.from({ length: 50 }, (_, seed) => reconnectDelayMs(3, SETTINGS, seeded(seed)));
    expect(new Set(waits).size).toBeGreaterThan(40);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(16000);
  });

  it('never goes below the first delay nor above the last, however many attempts', () => {
    for (const random of [() => 0, () => 0.999999]) {
      for (const attempt of [0, 1, 10, 100, 10_000]) {
        const delay = reconnectDelayMs(attempt, { firstDelaySeconds: 0.5, maxDelaySeconds: 30 }, random);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(30_000);
      }
    }
    expect(reconnectDelayMs(10_000, SETTINGS, () => 0)).toBe(60_000);
  });

  it('stays at the first delay when the first and the last are the same', () => {
    expect(reconnectDelayMs(7, { firstDelaySeconds: 5, maxDelaySeconds: 5 }, seeded(1))).toBe(5000);
  });
});
