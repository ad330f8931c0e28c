import type { Clock, TimerHandle } from '../common/clock.ts';
import { PAGE_HEARTBEAT_MS } from './ws-frames.ts';

/**
 * Why the kiosk page is taken for lost: its connection closed and none came back, its script stopped beating, or
 * a newly started browser's page never connected (its launch was refused: the out-of-service page has no script).
 */
export type PageLoss = 'gone' | 'hung' | 'never-connected';

/** One page's connection, as the loopback server reports it. */
export interface PageConnection {
  /** The page said it is alive. */
  heartbeat(): void;
  /** Its connection closed. */
  disconnected(): void;
}

export interface PageLivenessOptions {
  clock: Clock;
  onLost: (why: PageLoss) => void;
  /** How long a page may be quiet before it is taken for hung (default: five heartbeats). */
  hungAfterMs?: number;
  /** How long after its connection closed a page may take to come back (a reload) before it is taken for gone. */
  reconnectGraceMs?: number;
  /** How long a newly started browser's page may take to connect (a slow terminal's cold start). */
  firstPageMs?: number;
}

/**
 * The browser shell's watchdog over the kiosk page, fed by the loopback server: a page whose renderer crashed
 * closes its connection and never reconnects; a page whose script hangs keeps its connection but stops its
 * heartbeat; a browser whose page never connects is stuck on something else. Each is reported once; then the watch
 * waits for the next page (after `expectNewPage`, when the browser is started again, nothing of the old page counts).
 */
export class PageLiveness {
  readonly #clock: Clock;
  readonly #onLost: (why: PageLoss) => void;
  readonly #hungAfterMs: number;
  readonly #graceMs: number;
  readonly #firstPageMs: number;
  #timer: TimerHandle | null = null;
  #pages = 0;
  #generation = 0;
  #stopped = false;

  constructor(options: PageLivenessOptions) {
    this.#clock = options.clock;
    this.#onLost = options.onLost;
    this.#hungAfterMs = options.hungAfterMs ?? 5 * PAGE_HEARTBEAT_MS;
    this.#graceMs = options.reconnectGraceMs ?? 1000;
    this.#firstPageMs = options.firstPageMs ?? 90_000;
  }

  /** A page connected: what its connection then says goes to the handle (nothing, once a new browser started). */
  connected(): PageConnection {
    const generation = this.#generation;
    this.#pages += 1;
    this.#arm(this.#hungAfterMs, 'hung');
    const current = () => generation === this.#generation;
    return {
      heartbeat: () => {
        if (current()) this.#arm(this.#hungAfterMs, 'hung');
      },
      disconnected: () => {
        if (!current()) return;
        this.#pages = Math.max(0, this.#pages - 1);
        if (this.#pages === 0) this.#arm(this.#graceMs, 'gone');
      },
    };
  }

  /** A new browser is being started: wait for its page (for a while), with no verdict on the old one pending. */
  expectNewPage(): void {
    this.#generation += 1;
    this.#pages = 0;
    this.#arm(this.#firstPageMs, 'never-connected');
  }

  /** The browser now shows a page with no script to watch (the out-of-service page): no verdict until the next. */
  unwatch(): void {
    this.#generation += 1;
    this.#pages = 0;
    this.#disarm();
  }

  /** The shell is stopping: pages going now are not lost. */
  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  #arm(ms: number, why: PageLoss): void {
    this.#disarm();
    if (this.#stopped) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#onLost(why);
    }, ms);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
