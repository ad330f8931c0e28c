import { EventEmitter } from 'node:events';
import { TransportNotOpen, type Transport, type TransportEvents, type TransportState } from '../../drivers/transport/transport.ts';

/**
 * A transport the test drives by hand: it opens (or fails to) when told, loses the device when told, and hands
 * every write to `answer`, whose bytes come back as the device's reply on a later turn of the event loop.
 */
export class FakeTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly description = 'fake /dev/ttyFAKE0';
  #state: TransportState = 'closed';
  /** What open() does: connect, or fail with this error (and keep trying, as a real transport does). */
  openFailure: Error | null = null;
  answer: (request: Uint8Array) => Uint8Array | null = () => null;

  get state(): TransportState {
    return this.#state;
  }

  async open(): Promise<void> {
    this.#setState('connecting');
    if (this.openFailure === null) this.#setState('open');
    else this.fail(this.openFailure);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#state !== 'open') throw new TransportNotOpen(this.description);
    const reply = this.answer(bytes);
    if (reply !== null) setImmediate(() => this.#state === 'open' && this.emit('data', reply));
  }

  async close(): Promise<void> {
    this.#setState('closed');
  }

  /** The device went away (or would not open): the transport says why and keeps trying. */
  fail(error: Error): void {
    this.emit('error', error);
    this.#setState('reconnecting');
  }

  /** The device is back. */
  reconnect(): void {
    this.#setState('open');
  }

  #setState(state: TransportState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
  }
}
