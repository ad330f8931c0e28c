import { EventEmitter } from 'node:events';
import { TransportNotOpen, type Transport, type TransportEvents, type TransportState } from './transport.ts';

const CLOSE_TIMEOUT_MS = 2000;

/** One live connection to the device, as a concrete transport opens it. */
export interface Connection {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What a connection reports back to its transport. */
export interface ConnectionSink {
  data(chunk: Uint8Array): void;
  /** The device went away (or the connection broke): the transport will reconnect. */
  lost(error: Error): void;
}

export interface ReconnectOptions {
  /** First wait before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * The connection lifecycle shared by every transport: connect, report state, reconnect with backoff after a
 * loss or a failed attempt, until closed. Subclasses only know how to open one connection.
 */
export abstract class ReconnectingTransport extends EventEmitter<TransportEvents> implements Transport {
  abstract readonly description: string;
  #state: TransportState = 'closed';
  #connection: Connection | null = null;
  #timer: NodeJS.Timeout | null = null;
  #wanted = false;
  #delay: number;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;

  constructor(options: ReconnectOptions = {}) {
    super();
    this.#retryMs = options.retryMs ?? 500;
    this.#maxRetryMs = options.maxRetryMs ?? 5000;
    this.#delay = this.#retryMs;
  }

  protected abstract connect(sink: ConnectionSink): Promise<Connection>;

  get state(): TransportState {
    return this.#state;
  }

  async open(): Promise<void> {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#setState('connecting');
    await this.#attempt();
  }

  async write(bytes: Uint8Array): Promise<void> {
    const connection = this.#connection;
    if (connection === null || this.#state !== 'open') throw new TransportNotOpen(this.description);
    await connection.write(bytes);
  }

  async close(): Promise<void> {
    this.#wanted = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const connection = this.#connection;
    this.#connection = null;
    this.#setState('closed');
    if (connection === null) return;
    // A port whose close never calls back (a stuck driver, a line mid-hangup) must not hang the kiosk's shutdown.
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
    await Promise.race([connection.close().catch(() => undefined), giveUp]);
    clearTimeout(timer);
  }

  async #attempt(): Promise<void> {
    this.#timer = null;
    if (!this.#wanted) return;
    let lost = false;
    const sink: ConnectionSink = {
      data: (chunk) => {
        if (!lost) this.emit('data', chunk);
      },
      lost: (error) => {
        if (lost) return;
        lost = true;
        if (this.#connection !== null && this.listenerCount('error') > 0) this.emit('error', error);
        this.#connection = null;
        if (this.#wanted) this.#scheduleRetry();
      },
    };
    try {
      const connection = await this.connect(sink);
      if (!this.#wanted || lost) {
        await connection.close().catch(() => undefined);
        return;
      }
      this.#connection = connection;
      this.#delay = this.#retryMs;
      this.#setState('open');
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error as Error);
      if (this.#wanted) this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    this.#setState('reconnecting');
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => void this.#attempt(), this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.#maxRetryMs);
  }

  #setState(state: TransportState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
  }
}
