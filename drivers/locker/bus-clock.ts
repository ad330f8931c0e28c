/**
 * Time as the locker bus sees it: injected so tests can run reply timeouts, confirm windows, polling and
 * door-left-open alarms without waiting for them. (drivers/ cannot import main/common/clock.ts; any clock of
 * the same shape fits.)
 */
export interface BusClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemBusClock: BusClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
