import { describe, expect, it } from 'vitest';
import { completesGesture, isMaintenanceChord, MAINTENANCE_TAP_WINDOW_MS, tapsWithinWindow } from '../../../renderer/screens/maintenance/maintenance-entry.ts';

/** Taps at these times (ms), one after another; whether the last one completed the gesture. */
const tapAt = (times: readonly number[]) => {
  let taps: number[] = [];
  let completed = false;
  for (const time of times) {
    taps = tapsWithinWindow(taps, time);
    completed = completesGesture(taps);
    if (completed) taps = [];
  }
  return completed;
};

describe('the hidden corner gesture', () => {
  it('opens maintenance mode on the fifth tap within three seconds', () => {
    expect(tapAt([0, 400, 800, 1200])).toBe(false);
    expect(tapAt([0, 400, 800, 1200, 1600])).toBe(true);
    expect(tapAt([0, 1, 2, 3, MAINTENANCE_TAP_WINDOW_MS - 1])).toBe(true);
  });

  it('forgets taps older than three seconds', () => {
    expect(tapAt([0, 1000, 2000, 2500, MAINTENANCE_TAP_WINDOW_MS])).toBe(false);
    expect(tapAt([0, 1000, 2000, 2500, 3000, 3100])).toBe(true);
    expect(tapAt([0, 5000, 10_000, 15_000, 20_000])).toBe(false);
  });
});

describe('the key chord', () => {
  const keys = { ctrlKey: true, altKey: true, shiftKey: false, metaKey: false, code: 'KeyM' };
  it('is Ctrl+Alt+M and nothing else', () => {
    expect(isMaintenanceChord(keys)).toBe(true);
    expect(isMaintenanceChord({ ...keys, ctrlKey: false })).toBe(false);
    expect(isMaintenanceChord({ ...keys, altKey: false })).toBe(false);
    expect(isMaintenanceChord({ ...keys, shiftKey: true })).toBe(false);
    expect(isMaintenanceChord({ ...keys, code: 'KeyN' })).toBe(false);
  });
});
