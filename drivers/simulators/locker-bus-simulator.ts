import { EventEmitter } from 'node:events';
import { LOCKER_PROTOCOLS, type LockerProtocolName } from '../locker/board-protocols.ts';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import { LockerDeframer } from '../locker/locker-deframer.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';
import { LOCK_BOARD_FIRMWARE, type LockBoardFirmware } from './lock-board-firmware.ts';
import { SimulatedLockBoard, type SimulatedLockBoardOptions } from './simulated-lock-board.ts';

/** Faults a scenario can switch on at any time. */
export interface LockerBusFaults {
  /** Garbage bytes right before every reply (locker-boards.md §1.5: boards may send garbage before a reply). */
  garbageBeforeReplies: boolean;
  /** Spoil the checksum of the next n replies. */
  corruptReplies: number;
  /** Answer this much later than at once. */
  replyDelayMs: number;
  /** Write replies in pieces of this many bytes (0: whole), with this pause between them. */
  chunkSize: number;
  chunkGapMs: number;
  /** The boards hear nothing and answer nothing: a cut bus, boards without power. */
  silent: boolean;
}

export interface LockerBusSimulatorOptions {
  protocol: LockerProtocolName;
  boards: readonly SimulatedLockBoardOptions[];
  clock?: DriverClock;
}

const NO_FAULTS: LockerBusFaults = { garbageBeforeReplies: false, corruptReplies: 0, replyDelayMs: 0, chunkSize: 0, chunkGapMs: 0, silent: false };

/**
 * Line noise: no frame of any protocol here, but with a stray start byte of each (02, 80, 8A), so a receiver
 * has to resynchronise rather than merely skip.
 */
const GARBAGE = Uint8Array.from([0x00, 0xff, 0x02, 0x80, 0x8a, 0x13, 0x55, 0xfe]);
/** A board takes a command once the line has been quiet this long (the generic 8A open may carry a 6th byte). */
const COMMAND_SILENCE_MS = 3;

/**
 * Lock-control boards of one protocol on one RS-485 bus, at the far end of a serial line (a pty pair): several
 * boards with their doors, either door-switch wiring, jammed doors, slow door sensors, items in CU16
 * compartments; boards can be added and removed (a missing board never answers) and the line can misbehave.
 * For the tests, `kioskctl locker simulate` (training) and the demo.
 */
export class LockerBusSimulator extends EventEmitter<{ command: [said: string] }> {
  readonly protocol: LockerProtocolName;
  readonly #transport: Transport;
  readonly #firmware: LockBoardFirmware;
  readonly #deframer: LockerDeframer;
  readonly #clock: DriverClock;
  readonly #boards = new Map<number, SimulatedLockBoard>();
  #faults: LockerBusFaults = { ...NO_FAULTS };
  #silenceTimer: unknown = null;
  #queue: Promise<void> = Promise.resolve();
  /** Every host frame the boards understood, in order, as a line for people. */
  readonly heard: string[] = [];

  private constructor(transport: Transport, options: LockerBusSimulatorOptions) {
    super();
    this.protocol = options.protocol;
    this.#transport = transport;
    this.#firmware = LOCK_BOARD_FIRMWARE[options.protocol];
    this.#deframer = new LockerDeframer(this.#firmware.commandShape);
    this.#clock = options.clock ?? systemDriverClock;
    for (const board of options.boards) this.addBoard(board);
    transport.on('data', (chunk) => this.#receive(chunk));
    transport.on('state', (state) => {
      if (state === 'open') this.#deframer.reset();
    });
  }

  /** Boards on a serial line (the simulator's end of a pty pair). Baud is the protocol's default. */
  static async start(options: LockerBusSimulatorOptions & { path: string; baudRate?: number }): Promise<LockerBusSimulator> {
    const baudRate = options.baudRate ?? LOCKER_PROTOCOLS[options.protocol].defaultBaudRate;
    const transport = new SerialTransport({ path: options.path, baudRate, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 });
    return LockerBusSimulator.attach(transport, options);
  }

  /** Boards behind any device-side transport (an in-memory line in unit tests). */
  static async attach(transport: Transport, options: LockerBusSimulatorOptions): Promise<LockerBusSimulator> {
    const simulator = new LockerBusSimulator(transport, options);
    await transport.open();
    return simulator;
  }

  get boards(): ReadonlyMap<number, SimulatedLockBoard> {
    return this.#boards;
  }

  board(address: number): SimulatedLockBoard {
    const board = this.#boards.get(address);
    if (board === undefined) throw new RangeError(`no simulated board ${address} on this bus`);
    return board;
  }

  /** Connects a board to the bus (replacing one with the same address). */
  addBoard(options: SimulatedLockBoardOptions): SimulatedLockBoard {
    const board = new SimulatedLockBoard(options, () => this.#clock.now());
    this.#boards.set(options.address, board);
    return board;
  }

  /** Disconnects a board: from now on nothing answers at its address. */
  removeBoard(address: number): void {
    this.#boards.delete(address);
  }

  setFaults(faults: Partial<LockerBusFaults>): void {
    this.#faults = { ...this.#faults, ...faults };
  }

  clearFaults(): void {
    this.#faults = { ...NO_FAULTS };
  }

  /** Puts bytes on the bus now, outside any reply: line noise, a board powering up. */
  async injectGarbage(bytes: Uint8Array = GARBAGE): Promise<void> {
    await this.#transport.write(bytes).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.#silenceTimer !== null) this.#clock.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = null;
    await this.#transport.close();
  }

  #receive(chunk: Uint8Array): void {
    this.#take(this.#deframer.push(chunk));
    if (this.#silenceTimer !== null) this.#clock.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = this.#clock.setTimeout(() => {
      this.#silenceTimer = null;
      this.#take(this.#deframer.flush());
    }, COMMAND_SILENCE_MS);
  }

  #take(events: ReturnType<LockerDeframer['push']>): void {
    for (const event of events) {
      if (event.type !== 'frame' || this.#faults.silent) continue;
      const response = this.#firmware.handle(event.raw, this.#boards);
      this.heard.push(response.said);
      this.emit('command', response.said);
      for (const reply of response.replies) this.#reply(reply.bytes, reply.delayMs + this.#faults.replyDelayMs);
    }
  }

  #reply(frame: Uint8Array, delayMs: number): void {
    const bytes = frame.slice();
    if (this.#faults.corruptReplies > 0) {
      this.#faults.corruptReplies--;
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a;
    }
    const wire = this.#faults.garbageBeforeReplies ? Uint8Array.from([...GARBAGE, ...bytes]) : bytes;
    const send = () => {
      this.#queue = this.#queue
        .then(async () => {
          const size = this.#faults.chunkSize > 0 ? this.#faults.chunkSize : wire.length;
          for (let at = 0; at < wire.length; at += size) {
            await this.#transport.write(wire.subarray(at, at + size));
            if (this.#faults.chunkGapMs > 0 && at + size < wire.length) await new Promise((resolve) => this.#clock.setTimeout(() => resolve(undefined), this.#faults.chunkGapMs));
          }
        })
        .catch(() => undefined); // a reply lost to an unplugged line is what a real board's would be too
    };
    if (delayMs > 0) this.#clock.setTimeout(send, delayMs);
    else send();
  }
}
