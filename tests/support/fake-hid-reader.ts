import { EventEmitter } from 'node:events';
import type { HidBackend, HidDevice } from '../../drivers/transport/hid-transport.ts';
import type { Transport, TransportEvents, TransportState } from '../../drivers/transport/transport.ts';

/**
 * A HID ID card reader at the node-hid API boundary (no virtual HID device can be made on these machines):
 * it speaks the length-prefixed, acknowledged 64-byte reports on the host side, and turns them into a byte
 * stream on its device side, where a simulator answers.
 */
class DeviceSide extends EventEmitter<TransportEvents> implements Transport {
  readonly description = 'fake HID reader (device side)';
  state: TransportState = 'closed';
  readonly #sendToHost: (bytes: Uint8Array) => Promise<void>;
  constructor(sendToHost: (bytes: Uint8Array) => Promise<void>) {
    super();
    this.#sendToHost = sendToHost;
  }
  async open() {
    this.state = 'open';
    this.emit('state', 'open');
  }
  write(bytes: Uint8Array) {
    return this.#sendToHost(bytes);
  }
  async close() {
    this.state = 'closed';
  }
}

export class FakeHidReader extends EventEmitter implements HidDevice {
  readonly writes: number[][] = [];
  readonly deviceSide: DeviceSide;
  plugged = true;
  closed = false;
  #ackWaiter: (() => void) | null = null;

  constructor() {
    super();
    this.deviceSide = new DeviceSide((bytes) => this.#sendToHost(bytes));
  }

  /** The host wrote a report: [report id 0, length or 0xFF ack, payload …]. */
  async write(data: number[]): Promise<number> {
    if (!this.plugged || this.closed) throw new Error('could not write to HID device');
    this.writes.push(data);
    const [, length = 0, ...payload] = data;
    if (data.length !== 65) throw new Error(`a report is 64 bytes plus the report id, got ${data.length}`);
    if (length === 0xff) {
      this.#ackWaiter?.();
      return data.length;
    }
    setImmediate(() => {
      this.deviceSide.emit('data', Uint8Array.from(payload.slice(0, length)));
      this.emit('data', Buffer.from([0xff, ...new Array<number>(63).fill(0)]));
    });
    return data.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  unplug(): void {
    this.plugged = false;
    this.emit('error', new Error('could not read from HID device'));
  }

  async #sendToHost(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; at += 63) {
      const chunk = bytes.subarray(at, at + 63);
      const report = Buffer.alloc(64);
      report[0] = chunk.length;
      report.set(chunk, 1);
      const acknowledged = new Promise<void>((resolve) => (this.#ackWaiter = resolve));
      this.emit('data', report);
      await acknowledged;
    }
  }
}

export const fakeHidBackend = (devices: Array<{ vendorId: number; productId: number; path: string; device: () => FakeHidReader }>): HidBackend => ({
  devices: async () => devices.filter((d) => d.device().plugged).map(({ vendorId, productId, path }) => ({ vendorId, productId, path })),
  open: async (path) => {
    const found = devices.find((d) => d.path === path);
    if (found === undefined || !found.device().plugged) throw new Error(`cannot open ${path}`);
    return found.device();
  },
});
