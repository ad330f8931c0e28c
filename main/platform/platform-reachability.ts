import type { Clock, TimerHandle } from '../common/clock.ts';
import type { PlatformStatus } from '../api/index.ts';
import type { PlatformAdapter } from './platform-adapter.ts';

export interface PlatformReachabilityOptions {
  adapter: Pick<PlatformAdapter, 'checkHealth'>;
  clock: Clock;
  intervalMs: number;
  onCheckFailed: (error: unknown) => void;
}

/**
 * Keeps asking the platform whether it is there, so the screen can say honestly that the kiosk is offline.
 * Offline is a normal state of a kiosk, not an error: nothing here throws.
 */
export class PlatformReachability {
  readonly #options: PlatformReachabilityOptions;
  #status: PlatformStatus = { reachable: false, checkedAt: null };
  #timer: TimerHandle | null = null;
  #inFlight: AbortController | null = null;
  #stopped = true;
  readonly #listeners = new Set<(status: PlatformStatus) => void>();

  constructor(options: PlatformReachabilityOptions) {
    this.#options = options;
  }

  get status(): PlatformStatus {
    return this.#status;
  }

  /** Called with the new status whenever the platform comes or goes (and after the first check). */
  onChange(listener: (status: PlatformStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.checkNow();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#inFlight?.abort();
  }

  /** Runs one check now (the timer keeps its rhythm from the end of this one). */
  async checkNow(): Promise<PlatformStatus> {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    let reachable: boolean;
    try {
      await this.#options.adapter.checkHealth(controller.signal);
      reachable = true;
    } catch (error) {
      reachable = false;
      if (!controller.signal.aborted) this.#options.onCheckFailed(error);
    }
    if (controller.signal.aborted) return this.#status;
    this.#inFlight = null;
    const changed = reachable !== this.#status.reachable || this.#status.checkedAt === null;
    this.#status = { reachable, checkedAt: new Date(this.#options.clock.now()).toISOString() };
    if (changed) for (const listener of this.#listeners) listener(this.#status);
    if (!this.#stopped) {
      this.#timer = this.#options.clock.setTimeout(() => void this.checkNow(), this.#options.intervalMs);
    }
    return this.#status;
  }
}
