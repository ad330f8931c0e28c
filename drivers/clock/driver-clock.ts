/**
 * Time as every driver sees it: reply timeouts, polling, confirm windows, health checks and door-left-open alarms
 * all run on one injected clock, so tests can drive them without waiting. drivers/ cannot import
 * main/common/clock.ts; the host's clock has the same shape and fits here as it is.
 *
 * The handle is opaque: only the clock that made it can cancel it.
 */
export interface DriverClock {
  /** Milliseconds on a clock that only moves forward (only differences mean anything). */
  now(): number;
  /**
   * Calls back once after `ms`. A background timer (idle polling, health checks) does not keep the process alive
   * on its own; a clock that never keeps a process alive (the host's) may ignore the flag.
   */
  setTimeout(callback: () => void, ms: number, options?: { background?: boolean }): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemDriverClock: DriverClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms, options) => {
    const timer = setTimeout(callback, ms);
    if (options?.background === true) timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
