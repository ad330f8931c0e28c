import { markRegistered, type TerminalIdentity } from './terminal-identity.ts';
import type { PlatformAdapter } from './platform-adapter.ts';

/**
 * Provisioning: a terminal whose key the platform has not registered yet enrols it with the enrolment code in its
 * config, once, at start or as soon as the platform is reachable. Until then the platform refuses its requests,
 * and queued cases wait in the outbox.
 */
export class TerminalEnrolment {
  #identity: TerminalIdentity;
  readonly #dataDir: string;
  readonly #enrolmentCode: string | undefined;
  readonly #platform: Pick<PlatformAdapter, 'enrolTerminal'>;
  readonly #now: () => Date;
  #running: Promise<boolean> | null = null;

  constructor(options: { identity: TerminalIdentity; dataDir: string; enrolmentCode: string | undefined; platform: Pick<PlatformAdapter, 'enrolTerminal'>; now: () => Date }) {
    this.#identity = options.identity;
    this.#dataDir = options.dataDir;
    this.#enrolmentCode = options.enrolmentCode;
    this.#platform = options.platform;
    this.#now = options.now;
  }

  get registered(): boolean {
    return this.#identity.registeredAt !== null;
  }

  /**
   * The platform no longer knows this terminal (its registry was reset, or the terminal moved to another platform):
   * enrol again, with the same key, the next time ensure() is called.
   */
  forget(): void {
    if (this.#identity.registeredAt === null) return;
    this.#identity = { ...this.#identity, registeredAt: null };
  }

  /** True once registered; rejects with the platform's reason when enrolling failed (tried again on the next call). */
  ensure(): Promise<boolean> {
    if (this.registered) return Promise.resolve(true);
    if (this.#enrolmentCode === undefined) return Promise.resolve(false);
    const code = this.#enrolmentCode;
    this.#running ??= this.#platform
      .enrolTerminal(code)
      .then(() => {
        this.#identity = markRegistered(this.#dataDir, this.#identity, this.#now());
        return true;
      })
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }
}
