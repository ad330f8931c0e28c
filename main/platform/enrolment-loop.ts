import type { Clock, TimerHandle } from '../common/clock.ts';
import { EnrolmentRefused } from './platform-adapter.ts';
import type { TerminalEnrolment } from './terminal-enrolment.ts';

export interface EnrolmentLoopOptions {
  enrolment: Pick<TerminalEnrolment, 'registered' | 'ensure' | 'forget'>;
  clock: Clock;
  /** After a failed try, the next one comes this much later (or sooner, when the platform is back). */
  retryMs: number;
  /**
   * After the platform refused the code itself (EnrolmentRefused: unknown, for another terminal, expired, used), the
   * next try comes this much later and no sooner: the same code will be refused again until an operator acts.
   */
  refusedRetryMs: number;
  onRegistered: () => void;
  /** Not registered, and no enrolment code in the config to register with: an operator has to act. */
  onNoCode: () => void;
  onFailed: (error: unknown) => void;
  /** The platform refused the code, with its reason: an operator has to issue a new one. */
  onRefused: (error: EnrolmentRefused) => void;
}

/**
 * Keeps the terminal registered with the platform: enrolment is tried at start, whenever the platform comes back,
 * after the platform says it no longer knows the terminal, and every retry interval until it succeeds. A code the
 * platform refused is not tried again before the refused interval, whatever asks (no hot loop, no log flood).
 */
export class EnrolmentLoop {
  readonly #options: EnrolmentLoopOptions;
  #retry: TimerHandle | null = null;
  #running: Promise<void> | null = null;
  /** Until when (clock time) a refused code waits; 0 when none was refused. */
  #refusedUntil = 0;
  #stopped = false;

  constructor(options: EnrolmentLoopOptions) {
    this.#options = options;
  }

  get registered(): boolean {
    return this.#options.enrolment.registered;
  }

  /** Tries now (one try at a time); settles when that try has, never rejects. */
  enrol(): Promise<void> {
    const { enrolment, clock } = this.#options;
    if (enrolment.registered || this.#stopped) return Promise.resolve();
    if (clock.now() < this.#refusedUntil) return this.#running ?? Promise.resolve();
    this.#cancelRetry();
    this.#running ??= enrolment
      .ensure()
      .then(
        (registered) => (registered ? this.#options.onRegistered() : this.#options.onNoCode()),
        (error: unknown) => {
          const refused = error instanceof EnrolmentRefused;
          const waitMs = refused ? this.#options.refusedRetryMs : this.#options.retryMs;
          if (refused) {
            this.#refusedUntil = clock.now() + waitMs;
            this.#options.onRefused(error);
          } else {
            this.#options.onFailed(error);
          }
          if (!this.#stopped) this.#retry = clock.setTimeout(() => void this.enrol(), waitMs);
        },
      )
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** The platform refused the terminal as unknown: register again, with the same key. */
  platformForgot(): Promise<void> {
    this.#options.enrolment.forget();
    return this.enrol();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelRetry();
  }

  #cancelRetry(): void {
    if (this.#retry !== null) this.#options.clock.clearTimeout(this.#retry);
    this.#retry = null;
  }
}
