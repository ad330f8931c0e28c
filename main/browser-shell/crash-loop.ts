import type { Clock, TimerHandle } from '../common/clock.ts';

/**
 * The browser shell's crash-loop breaker. Each time the kiosk page is lost (its renderer crashed or hung, its browser
 * died or would not start) the watchdog brings it back; when that keeps happening — LOSSES_IN_LOOP within
 * LOOP_WINDOW_MS — restarting only shows a citizen a flickering, broken kiosk. Then the terminal goes out of service
 * for OUT_OF_SERVICE_MS (its static out-of-service page, which has no script to crash), an alert is raised, and after
 * that it tries the kiosk again; a loss within the next window takes it straight back out of service.
 */
export const LOSSES_IN_LOOP = 5;
export const LOOP_WINDOW_MS = 5 * 60_000;
export const OUT_OF_SERVICE_MS = 5 * 60_000;

export interface CrashLoopBreakerOptions {
  clock: Clock;
  /** The terminal goes out of service (`losses`: how many within the window). */
  onTrip: (losses: number) => void;
  /** The out-of-service time is over: try the kiosk again. */
  onRetry: () => void;
}

export class CrashLoopBreaker {
  readonly #options: CrashLoopBreakerOptions;
  #losses: number[] = [];
  #outOfService: TimerHandle | null = null;
  #retriedAt: number | null = null;

  constructor(options: CrashLoopBreakerOptions) {
    this.#options = options;
  }

  get outOfService(): boolean {
    return this.#outOfService !== null;
  }

  /** The kiosk page was lost. Ignored while out of service (the out-of-service page is what is on screen). */
  lost(): void {
    if (this.outOfService) return;
    const { clock } = this.#options;
    const now = clock.now();
    const soonAfterRetry = this.#retriedAt !== null && now - this.#retriedAt < LOOP_WINDOW_MS;
    this.#losses = [...this.#losses.filter((at) => now - at < LOOP_WINDOW_MS), now];
    if (!soonAfterRetry && this.#losses.length < LOSSES_IN_LOOP) return;
    const losses = this.#losses.length;
    this.#losses = [];
    this.#retriedAt = null;
    this.#outOfService = clock.setTimeout(() => {
      this.#outOfService = null;
      this.#retriedAt = clock.now();
      this.#options.onRetry();
    }, OUT_OF_SERVICE_MS);
    this.#options.onTrip(losses);
  }

  stop(): void {
    if (this.#outOfService !== null) this.#options.clock.clearTimeout(this.#outOfService);
    this.#outOfService = null;
  }
}
