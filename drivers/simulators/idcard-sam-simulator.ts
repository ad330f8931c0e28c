import { EventEmitter } from 'node:events';
import type { IdCard } from '../idcard/id-card.ts';
import { SamDeframer } from '../idcard/sam-deframer.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';
import { encodeReadResponse, encodeStatusFrame } from './id-card-encoder.ts';

/** What lies on the simulated reader: an ID card, something that is not an ID card (a bank card), or nothing. */
export type SimulatedCard = IdCard | 'not-an-id-card' | null;

/** Faults a scenario can switch on at any time. */
export interface SamSimulatorFaults {
  /** Answer the next n reads with SW3 41 (read failed), as when the card moves. */
  readFailures: number;
  /** Answer the next n reads with SW3 32 (SAM failed to authenticate the card). */
  authFailures: number;
  /** Send vendor noise (an STX/ETX frame and stray bytes) before every reply. */
  noise: boolean;
  /** Write replies in chunks of this many bytes, with a pause between them (0: whole). */
  chunkSize: number;
  chunkGapMs: number;
  /** Flip the checksum of the next n replies. */
  corruptChecksums: number;
  /** Answer nothing (a hung SAM). */
  silent: boolean;
}

/** How long the simulated SAM takes per command before it answers, besides the wire time. */
export interface SamSimulatorTiming {
  findMs: number;
  selectMs: number;
  readMs: number;
}

export interface SamExchange {
  command: string;
  /** When the whole command had arrived, and when the answer had been written out (performance.now()). */
  receivedAt: number;
  answeredAt: number;
}

export interface IdCardSamSimulatorOptions {
  /** The simulator's end of a pty pair (or any serial port wired to a reader-side cable). */
  path: string;
  baudRate?: number;
  timing?: Partial<SamSimulatorTiming>;
}

const NO_FAULTS: SamSimulatorFaults = {
  readFailures: 0,
  authFailures: 0,
  noise: false,
  chunkSize: 0,
  chunkGapMs: 0,
  corruptChecksums: 0,
  silent: false,
};

const VENDOR_NOISE = Uint8Array.from([0x02, 0x00, 0x03, 0x32, 0x29, 0xff, 0xe4, 0x03, 0x00, 0xaa]);
const SAM_ID = Uint8Array.from([0x05, 0x00, 0x01, 0x00, 0x6f, 0xd1, 0x32, 0x01, 0x4e, 0x61, 0xbc, 0x00, 0xd2, 0x02, 0x96, 0x49]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A second-generation ID card reader's SAM on a serial line, speaking GA 467 as idcard-sam-protocol.md
 * describes it: find answers 9F once per placement (80 again after a successful read until the card is
 * replaced, §5.1), select, 30 01 / 30 10 / 30 03, status and SAM id; with faults for tests and training.
 */
export class IdCardSamSimulator extends EventEmitter<{ exchange: [SamExchange] }> {
  readonly #transport: Transport;
  readonly #deframer = new SamDeframer();
  readonly #timing: SamSimulatorTiming;
  #card: SimulatedCard = null;
  #readSincePlaced = false;
  #faults: SamSimulatorFaults = { ...NO_FAULTS };
  #queue: Promise<void> = Promise.resolve();
  readonly exchanges: SamExchange[] = [];

  private constructor(transport: Transport, timing: SamSimulatorTiming) {
    super();
    this.#transport = transport;
    this.#timing = timing;
    transport.on('data', (chunk) => this.#receive(chunk));
    // Plugged back in = powered up again: the line starts clean and the SAM has forgotten any earlier read.
    transport.on('state', (state) => {
      if (state !== 'open') return;
      this.#deframer.reset();
      this.#readSincePlaced = false;
    });
  }

  /** A simulated reader on a serial line (one end of a pty pair). */
  static async start(options: IdCardSamSimulatorOptions): Promise<IdCardSamSimulator> {
    const transport = new SerialTransport({ path: options.path, baudRate: options.baudRate ?? 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 });
    return IdCardSamSimulator.attach(transport, options.timing);
  }

  /** A simulated reader behind any device-side transport (e.g. a fake HID device's byte stream). */
  static async attach(transport: Transport, timing: Partial<SamSimulatorTiming> = {}): Promise<IdCardSamSimulator> {
    const simulator = new IdCardSamSimulator(transport, { findMs: 2, selectMs: 2, readMs: 20, ...timing });
    await transport.open();
    return simulator;
  }

  get card(): SimulatedCard {
    return this.#card;
  }

  /** Puts a card on the reader (replacing whatever was there). */
  place(card: Exclude<SimulatedCard, null>): void {
    this.#card = card;
    this.#readSincePlaced = false;
  }

  remove(): void {
    this.#card = null;
    this.#readSincePlaced = false;
  }

  setFaults(faults: Partial<SamSimulatorFaults>): void {
    this.#faults = { ...this.#faults, ...faults };
  }

  clearFaults(): void {
    this.#faults = { ...NO_FAULTS };
  }

  async stop(): Promise<void> {
    await this.#transport.close();
  }

  #receive(chunk: Uint8Array): void {
    const receivedAt = performance.now();
    for (const event of this.#deframer.push(chunk)) {
      if (event.type === 'checksum-error') this.#enqueue('bad-checksum', receivedAt, () => encodeStatusFrame(0x10));
      if (event.type !== 'frame') continue;
      const [cmd = 0, para = 0] = event.frame.body;
      const name = `${cmd.toString(16).padStart(2, '0')} ${para.toString(16).padStart(2, '0')}`;
      this.#enqueue(name, receivedAt, () => this.#answer(cmd, para));
    }
  }

  #enqueue(command: string, receivedAt: number, answer: () => Promise<Uint8Array | null> | Uint8Array | null): void {
    this.#queue = this.#queue.then(async () => {
      const reply = await answer();
      if (reply === null || this.#faults.silent) return;
      await this.#send(reply);
      const exchange = { command, receivedAt, answeredAt: performance.now() };
      this.exchanges.push(exchange);
      this.emit('exchange', exchange);
    }).catch(() => undefined); // a reply lost to an unplugged line is what a real reader would do too
  }

  async #answer(cmd: number, para: number): Promise<Uint8Array | null> {
    const key = (cmd << 8) | para;
    switch (key) {
      case 0x10ff:
      case 0x11ff:
        return encodeStatusFrame(0x90);
      case 0x12ff:
        return encodeStatusFrame(0x90, SAM_ID);
      case 0x2001: {
        await sleep(this.#timing.findMs);
        if (this.#card === null || this.#readSincePlaced) return encodeStatusFrame(0x80);
        if (this.#card === 'not-an-id-card') return encodeStatusFrame(0x40);
        return encodeStatusFrame(0x9f, new Uint8Array(4));
      }
      case 0x2002:
        await sleep(this.#timing.selectMs);
        if (this.#card === null || this.#card === 'not-an-id-card') return encodeStatusFrame(0x81);
        return encodeStatusFrame(0x90, new Uint8Array(8));
      case 0x3001:
      case 0x3010: {
        await sleep(this.#timing.readMs);
        const card = this.#card;
        if (card === null || card === 'not-an-id-card') return encodeStatusFrame(0x41);
        if (this.#faults.readFailures > 0) {
          this.#faults.readFailures--;
          return encodeStatusFrame(0x41);
        }
        if (this.#faults.authFailures > 0) {
          this.#faults.authFailures--;
          return encodeStatusFrame(0x32);
        }
        this.#readSincePlaced = true;
        return encodeReadResponse(card, key === 0x3010);
      }
      case 0x3003:
        return encodeStatusFrame(0x91);
      default:
        return encodeStatusFrame(0x21);
    }
  }

  async #send(reply: Uint8Array): Promise<void> {
    const frame = reply.slice();
    if (this.#faults.corruptChecksums > 0) {
      this.#faults.corruptChecksums--;
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
    }
    const bytes = this.#faults.noise ? Uint8Array.from([...VENDOR_NOISE, ...frame]) : frame;
    const size = this.#faults.chunkSize > 0 ? this.#faults.chunkSize : bytes.length;
    for (let at = 0; at < bytes.length; at += size) {
      await this.#transport.write(bytes.subarray(at, at + size));
      if (this.#faults.chunkGapMs > 0 && at + size < bytes.length) await sleep(this.#faults.chunkGapMs);
    }
  }
}
