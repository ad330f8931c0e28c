import { EventEmitter } from 'node:events';
import { TransportNotOpen, type Transport, type TransportEvents, type TransportState } from '../../drivers/transport/transport.ts';

/** One end of an in-memory serial line: what one end writes, the other receives on a later turn of the event loop. */
class MemoryLineEnd extends EventEmitter<TransportEvents> implements Transport {
  readonly description: string;
  #state: TransportState = 'closed';
  peer: MemoryLineEnd | null = null;

  constructor(description: string) {
    super();
    this.description = description;
  }

  get state(): TransportState {
    return this.#state;
  }

  async open(): Promise<void> {
    this.#setState('open');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#state !== 'open') throw new TransportNotOpen(this.description);
    const copy = bytes.slice();
    setImmediate(() => {
      if (this.peer?.state === 'open') this.peer.emit('data', copy);
    });
  }

  async close(): Promise<void> {
    this.#setState('closed');
  }

  #setState(state: TransportState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
  }
}

/** Two transports wired to each other without a pty: for driver tests that run on a manual clock. */
export const createMemoryLine = (): { host: Transport; device: Transport } => {
  const host = new MemoryLineEnd('memory line (host end)');
  const device = new MemoryLineEnd('memory line (device end)');
  host.peer = device;
  device.peer = host;
  return { host, device };
};
