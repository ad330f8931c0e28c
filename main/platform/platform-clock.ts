/** What the log is told when the offset changes enough to matter. */
export interface ClockOffsetChange {
  /** The platform's clock minus this terminal's, in whole seconds. */
  offsetSeconds: number;
  /** Over the threshold (an operator should fix the terminal's time source), or back within it. */
  large: boolean;
}

export interface PlatformClockOptions {
  /** This terminal's own clock. */
  localNow: () => Date;
  /** An offset above this is worth a technician's attention (default 60 s). */
  largeOffsetMs?: number;
  /** Told when the offset becomes large, moves by more than the threshold while large, or is small again. */
  onOffsetChange?: (change: ClockOffsetChange) => void;
}

/** The offset above which the log says the terminal's clock is wrong: a minute, well within the 5-minute window. */
export const LARGE_CLOCK_OFFSET_MS = 60_000;

/**
 * The platform's clock as this terminal sees it: the terminal's own time corrected by the offset measured at the
 * last health check. Signed requests carry a timestamp the platform checks against its own clock (±5 min), so a
 * terminal whose clock drifted, or was set wrong, signs with the corrected time and is still accepted. The offset
 * is measured as the platform's `time` minus the middle of the exchange (sent + received) / 2: off by at most half
 * the round trip. A wrong health answer can only shift timestamps, which gets requests refused, never accepted.
 */
export class PlatformClock {
  readonly #localNow: () => Date;
  readonly #largeOffsetMs: number;
  readonly #onOffsetChange: (change: ClockOffsetChange) => void;
  #offsetMs = 0;
  /** The offset last reported as large, or null while it is small. */
  #reportedLarge: number | null = null;

  constructor(options: PlatformClockOptions) {
    this.#localNow = options.localNow;
    this.#largeOffsetMs = options.largeOffsetMs ?? LARGE_CLOCK_OFFSET_MS;
    this.#onOffsetChange = options.onOffsetChange ?? (() => undefined);
  }

  /** The platform's clock minus this terminal's, as last measured (0 before the first health check). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** This terminal's time, corrected to the platform's. */
  now(): Date {
    return new Date(this.#localNow().getTime() + this.#offsetMs);
  }

  /** Takes one health answer: the platform's time, and this terminal's times the request went and the answer came. */
  observe(platformTime: Date, sentAt: Date, receivedAt: Date): void {
    const middle = (sentAt.getTime() + receivedAt.getTime()) / 2;
    this.#offsetMs = Math.round(platformTime.getTime() - middle);
    const large = Math.abs(this.#offsetMs) > this.#largeOffsetMs;
    if (large) {
      // Once per change: when it becomes large, or the terminal's clock moved again since it was said.
      if (this.#reportedLarge !== null && Math.abs(this.#offsetMs - this.#reportedLarge) <= this.#largeOffsetMs) return;
      this.#reportedLarge = this.#offsetMs;
    } else {
      if (this.#reportedLarge === null) return;
      this.#reportedLarge = null;
    }
    this.#onOffsetChange({ offsetSeconds: Math.round(this.#offsetMs / 1000) || 0 /* never -0 */, large });
  }
}
