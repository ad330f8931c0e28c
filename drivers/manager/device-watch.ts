import type { Transport } from '../transport/transport.ts';
import type { DeviceHealthBoard } from './device-health-board.ts';
import type { HealthReading } from './device-health.ts';

/** What a driver says about itself, read as health while its connection is open ('no-news': keep what is known). */
export interface HealthSource {
  /** Calls `changed` whenever the driver reports something its health may follow from. */
  listen(changed: () => void): void;
  read(): HealthReading | 'no-news';
}

/**
 * One device's health on the board, derived from what its transport and its driver already tell: a transport
 * that lost the device or cannot open it is offline (with the transport's error as the reason); an open one is
 * what the driver says. Reconnection is the transport's own; the watch only reflects it. Every sign of life (the
 * connection opening, bytes arriving, a driver's good report) is the device's last seen time.
 */
export class DeviceWatch {
  readonly #board: DeviceHealthBoard;
  readonly #device: string;
  readonly #transport: Transport | null;
  readonly #source: HealthSource;
  readonly #wallClock: () => Date;
  #started = false;
  #lastError: Error | null = null;

  constructor(options: { board: DeviceHealthBoard; device: string; transport: Transport | null; source: HealthSource; wallClock: () => Date }) {
    this.#board = options.board;
    this.#device = options.device;
    this.#transport = options.transport;
    this.#source = options.source;
    this.#wallClock = options.wallClock;
    const transport = this.#transport;
    transport?.on('error', (error) => {
      this.#lastError = error;
      this.refresh();
    });
    transport?.on('state', (state) => {
      if (state === 'open') {
        this.#lastError = null;
        this.seen();
      }
      this.refresh();
    });
    transport?.on('data', () => this.seen());
    this.#source.listen(() => this.refresh());
  }

  get connected(): boolean {
    return this.#transport === null ? this.#started : this.#transport.state === 'open';
  }

  /** The device was asked to start; its health follows from here. */
  started(): void {
    this.#started = true;
    this.refresh();
  }

  /** The device would not start: it is offline for that reason (its transport may still find it later). */
  failedToStart(error: unknown): void {
    this.#board.record(this.#device, { state: 'offline', reason: `could not start: ${error instanceof Error ? error.message : String(error)}` });
  }

  stopped(...failure: [error: unknown] | []): void {
    this.#started = false;
    const reason = failure.length === 0 ? 'stopped' : `stopped, with an error: ${failure[0] instanceof Error ? failure[0].message : String(failure[0])}`;
    this.#board.record(this.#device, { state: 'offline', reason });
  }

  seen(): void {
    this.#board.seen(this.#device, this.#wallClock());
  }

  refresh(): void {
    if (!this.#started) return;
    const reading = this.#read();
    if (reading !== 'no-news') this.#board.record(this.#device, reading);
  }

  #read(): HealthReading | 'no-news' {
    const transport = this.#transport;
    if (transport === null || transport.state === 'open') return this.#source.read();
    // connecting, or closed for a moment while a driver reopens its port: the next state will say.
    if (transport.state !== 'reconnecting') return 'no-news';
    return { state: 'offline', reason: this.#lastError?.message ?? `${transport.description} is not connected` };
  }
}
