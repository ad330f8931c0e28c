/**
 * Time as the services see it, injected so tests can drive timeouts without waiting.
 * The handle is opaque: only the clock that made it can cancel it.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

declare const timerHandle: unique symbol;
export type TimerHandle = { readonly [timerHandle]: true };

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer as unknown as TimerHandle;
  },
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
};
