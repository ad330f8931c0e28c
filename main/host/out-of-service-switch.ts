import { existsSync, rmSync } from 'node:fs';
import { writeFileDurably } from '../storage/durable-file.ts';
import type { Alerts } from '../fleet/alerts.ts';

/**
 * The terminal taken out of service by staff (maintenance mode): no citizen session starts, every page shows the
 * out-of-service screen until staff put it back, and the operator hears of it through an alert (raised when it goes
 * out, cleared when it comes back). Kept as a marker file in the data dir, so that a restart — or a power cut — does
 * not quietly put a terminal back into service that staff took out of it.
 */
export class OutOfServiceSwitch {
  readonly #file: string;
  readonly #alerts: Alerts;
  readonly #terminalId: string;
  readonly #listeners = new Set<(outOfService: boolean) => void>();
  #on: boolean;

  constructor(options: { file: string; alerts: Alerts; terminalId: string }) {
    this.#file = options.file;
    this.#alerts = options.alerts;
    this.#terminalId = options.terminalId;
    this.#on = existsSync(this.#file);
  }

  get on(): boolean {
    return this.#on;
  }

  /** At start: a terminal still out of service raises its alert again (the operator's view may have restarted too). */
  announce(): void {
    if (this.#on) this.#alerts.raise('terminal-out-of-service', `terminal ${this.#terminalId} is out of service (staff took it out; still out after a restart)`);
  }

  /** Staff, or the fleet's operator (`by`: `staff S001`, `the fleet operator`), take the terminal out of service, or put it back. */
  set(on: boolean, by: string): void {
    if (on === this.#on) return;
    if (on) writeFileDurably(this.#file, JSON.stringify({ by, at: new Date().toISOString() }));
    else rmSync(this.#file, { force: true });
    this.#on = on;
    if (on) this.#alerts.raise('terminal-out-of-service', `terminal ${this.#terminalId} taken out of service by ${by}`, { by });
    else this.#alerts.clear('terminal-out-of-service', `terminal ${this.#terminalId} back in service (${by})`, { by });
    for (const listener of this.#listeners) listener(on);
  }

  onChange(listener: (outOfService: boolean) => void): void {
    this.#listeners.add(listener);
  }
}
