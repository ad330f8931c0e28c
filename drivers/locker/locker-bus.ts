import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { LOCKER_PROTOCOLS, type BoardLayout, type DoorReading, type LockerBoardProtocol, type LockerProtocolName } from './board-protocols.ts';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import type { DoorFeedback, DoorState } from './door-sensor.ts';
import { LockerDeframer, type LockerDeframerEvent } from './locker-deframer.ts';
import { BadChecksum, LockerProtocolError } from './locker-protocol-error.ts';
import type { StatusByteOrder } from './status-bitmap.ts';

export interface LockerBusTiming {
  /** How long a board has to answer a command (§1.5: 0.75–1 s in working code). */
  replyTimeoutMs: number;
  /**
   * Inter-byte silence that ends a frame (§1.5). The reference derives ≈5 ms at 9600 8N1 from the character
   * time; USB–RS-485 adapters hand bytes over in USB packets up to 16 ms apart (FTDI's default latency timer),
   * so the default is 20 ms (our choice, not the reference's).
   */
  silenceMs: number;
  /** Pause between the end of one transaction and the next command: RS-485 turnaround (§1.5). */
  quietMs: number;
  /** After an unlock, how long the door has to read open before it counts as jammed (§1.5). */
  confirmWindowMs: number;
  /** How often the door is read within that window. */
  confirmPollMs: number;
  /** Consecutive unanswered commands after which the port is closed and opened again (§1.5). */
  failuresBeforeReopen: number;
  /** Reads every configured board this often, for door events and door-left-open (0: no polling). */
  pollIntervalMs: number;
  /** A door read open for longer than this raises door-left-open (§4: alarm when a door stays open). */
  doorLeftOpenMs: number;
}

export const DEFAULT_LOCKER_BUS_TIMING: LockerBusTiming = {
  replyTimeoutMs: 1000,
  silenceMs: 20,
  quietMs: 10,
  confirmWindowMs: 2000,
  confirmPollMs: 150,
  failuresBeforeReopen: 3,
  pollIntervalMs: 0,
  doorLeftOpenMs: 120_000,
};

export interface LockerBusOptions {
  transport: Transport;
  protocol: LockerProtocolName;
  /** The boards on this bus (addresses as on their switches) and their door counts; polled when polling is on. */
  boards?: ReadonlyArray<{ address: number; doors?: number }>;
  /** How the cabinet's door switches are wired (§1.4); door-closing unless told otherwise. */
  feedback?: DoorFeedback;
  /** Generic 8A read-all byte order (§1.3); highest channel group first unless told otherwise. */
  statusByteOrder?: StatusByteOrder;
  timing?: Partial<LockerBusTiming>;
  clock?: DriverClock;
}

/** Why a board's status is not known: silence, replies that kept arriving corrupt, or no port. */
export type BoardProblem = 'no-response' | 'corrupt-replies' | 'not-connected';

export type BoardStatus =
  | { board: number; answered: true; doors: DoorReading[] }
  | { board: number; answered: false; problem: BoardProblem };

/**
 * opened: a door read after the unlock showed it open. jammed: the board answered (the unlock or a door read)
 * but the door never read open within the confirm window. no-response: nothing valid came back at all.
 */
export type OpenResult = 'opened' | 'jammed' | 'no-response';

export interface DoorOpening {
  board: number;
  door: number;
  result: OpenResult;
}

export interface DoorChange extends DoorReading {
  board: number;
  /** The state before, or null the first time this door is read. */
  previous: DoorState | null;
}

export type LockerBusEvents = {
  /** A door read differently from the last time (or for the first time). */
  door: [DoorChange];
  /** A door has read open for longer than doorLeftOpenMs; said once per opening. */
  'door-left-open': [{ board: number; door: number; openForMs: number }];
  /** A board started or stopped answering. */
  board: [{ board: number; answering: boolean }];
  /** The port was closed and opened again after repeated unanswered commands (§1.5). */
  reopened: [{ failures: number }];
};

type Outcome<T> = { kind: 'answer'; value: T } | { kind: 'sent' } | { kind: 'silent' } | { kind: 'corrupt' } | { kind: 'not-connected' };

/** What the transaction in flight hears: frames and errors from the deframer, the line going quiet, the port going. */
type BusSignal = LockerDeframerEvent | { type: 'silence' } | { type: 'gone' };

interface KnownDoor {
  state: DoorState;
  itemPresent: boolean | undefined;
  openSince: number | null;
  leftOpenReported: boolean;
}

/** A status read is asked once more when the first answer is missing or corrupt. */
const STATUS_ATTEMPTS = 2;
/** Door reads after an unlock that may go unanswered before a board that never answered counts as absent. */
const UNANSWERED_CONFIRM_POLLS = 2;

/**
 * One RS-485 bus of lock-control boards (locker-boards.md §1.5): one transaction at a time; the receive buffer
 * cleared before each command; frames found by the protocol's deframer, ended by inter-byte silence, checked
 * for their checksum; a timeout per command; the port closed and reopened after repeated failures.
 *
 * `open` never trusts an acknowledgement: it reads the door until it shows open within the confirm window
 * (opened), or the window ends (jammed), or nothing ever answered (no-response). An unlock touches only the door
 * asked for. With polling on, every configured board is read periodically and door changes and doors left open
 * are events.
 */
export class LockerBus extends EventEmitter<LockerBusEvents> {
  readonly #transport: Transport;
  readonly #protocol: LockerBoardProtocol;
  readonly #clock: DriverClock;
  readonly #timing: LockerBusTiming;
  readonly #feedback: DoorFeedback;
  readonly #byteOrder: StatusByteOrder;
  readonly #doorsByBoard: Map<number, number>;
  readonly #deframer: LockerDeframer;
  readonly #known = new Map<string, KnownDoor>();
  readonly #answering = new Map<number, boolean>();
  #queue: Promise<unknown> = Promise.resolve();
  #listener: ((signal: BusSignal) => void) | null = null;
  #silenceTimer: unknown = null;
  #pollTimer: unknown = null;
  #lastTransactionEnd = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #started = false;

  constructor(options: LockerBusOptions) {
    super();
    this.#transport = options.transport;
    this.#protocol = LOCKER_PROTOCOLS[options.protocol];
    this.#clock = options.clock ?? systemDriverClock;
    this.#timing = { ...DEFAULT_LOCKER_BUS_TIMING, ...options.timing };
    this.#feedback = options.feedback ?? 'door-closing';
    this.#byteOrder = options.statusByteOrder ?? 'high-first';
    this.#deframer = new LockerDeframer(this.#protocol.replyShape);
    this.#doorsByBoard = new Map();
    for (const { address, doors = this.#protocol.defaultDoors } of options.boards ?? []) {
      this.#checkBoard(address);
      const { maxDoors, name } = this.#protocol;
      if (!Number.isInteger(doors) || doors < 1 || doors > maxDoors) throw new RangeError(`${name} boards have 1–${maxDoors} doors, not ${doors}`);
      this.#doorsByBoard.set(address, doors);
    }
    this.#transport.on('data', (chunk) => this.#receive(chunk));
    this.#transport.on('state', (state) => {
      if (state !== 'open') this.#listener?.({ type: 'gone' });
    });
  }

  get description(): string {
    return `${this.#protocol.name} bus on ${this.#transport.description}`;
  }

  get protocol(): LockerBoardProtocol {
    return this.#protocol;
  }

  /** Opens the port (resolving after the first attempt, connected or not) and starts polling if configured. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#transport.open();
    this.#schedulePoll();
  }

  async stop(): Promise<void> {
    this.#started = false;
    this.#cancel(this.#pollTimer);
    this.#pollTimer = null;
    this.#cancel(this.#silenceTimer);
    this.#silenceTimer = null;
    await this.#transport.close();
  }

  /** Every door of a board: closed, open or unknown (and item present, where the board reports it). */
  async status(board: number): Promise<BoardStatus> {
    this.#checkBoard(board);
    const query = this.#protocol.readBoard(board, this.#layoutOf(board));
    let problem: BoardProblem = 'no-response';
    for (let attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
      const outcome = await this.#transact(query.request, query.answer);
      if (outcome.kind === 'answer') {
        this.#setAnswering(board, true);
        for (const reading of outcome.value) this.#record(board, reading);
        return { board, answered: true, doors: outcome.value };
      }
      if (outcome.kind === 'not-connected') {
        problem = 'not-connected';
        break;
      }
      if (outcome.kind === 'corrupt') problem = 'corrupt-replies';
    }
    this.#setAnswering(board, false);
    return { board, answered: false, problem };
  }

  /** Unlocks one door and reads it until it shows open (§1.5: an acknowledgement is not an open door). */
  async open(board: number, door: number): Promise<DoorOpening> {
    this.#checkBoard(board);
    this.#checkDoor(board, door);
    const unlock = this.#protocol.unlock(board, door);
    let outcome = await this.#transact(unlock.request, unlock.acknowledgement);
    // A corrupt acknowledgement means the board is there but the line garbled it: one more pulse does no harm.
    if (outcome.kind === 'corrupt') outcome = await this.#transact(unlock.request, unlock.acknowledgement);
    let answered = outcome.kind === 'answer';
    const deadline = this.#clock.now() + this.#timing.confirmWindowMs;
    const query = this.#protocol.readDoor(board, door, this.#layoutOf(board));
    let unanswered = 0;
    for (;;) {
      await this.#sleep(this.#timing.confirmPollMs);
      const reading = await this.#transact(query.request, query.answer);
      if (reading.kind === 'answer') {
        answered = true;
        this.#record(board, reading.value);
        if (reading.value.state === 'open') {
          this.#setAnswering(board, true);
          return { board, door, result: 'opened' };
        }
      } else if (!answered && ++unanswered >= UNANSWERED_CONFIRM_POLLS) break;
      if (this.#clock.now() >= deadline) break;
    }
    this.#setAnswering(board, answered);
    return { board, door, result: answered ? 'jammed' : 'no-response' };
  }

  #layoutOf(board: number): BoardLayout {
    return { doors: this.#doorsByBoard.get(board) ?? this.#protocol.defaultDoors, feedback: this.#feedback, byteOrder: this.#byteOrder };
  }

  #checkBoard(board: number): void {
    const { min, max } = this.#protocol.boardAddresses;
    if (!Number.isInteger(board) || board < min || board > max) throw new RangeError(`${this.#protocol.name} board addresses are ${min}–${max}, not ${board}`);
  }

  #checkDoor(board: number, door: number): void {
    const doors = this.#layoutOf(board).doors;
    if (!Number.isInteger(door) || door < 1 || door > doors) throw new RangeError(`board ${board} has doors 1–${doors}, not ${door}`);
  }

  /**
   * Sends one command and waits for the frame `answer` accepts (or, with no answer expected, for the write).
   * Frames for someone else are ignored; a corrupt frame followed by silence ends the wait early, as the board
   * has said all it will say.
   */
  #transact<T>(request: Uint8Array, answer: ((raw: Uint8Array) => T | LockerProtocolError) | null): Promise<Outcome<T>> {
    const run = async (): Promise<Outcome<T>> => {
      await this.#sleep(this.#lastTransactionEnd + this.#timing.quietMs - this.#clock.now());
      if (this.#transport.state !== 'open') return { kind: 'not-connected' };
      this.#deframer.reset();
      const outcome = await new Promise<Outcome<T>>((resolve) => {
        let corrupt = false;
        const finish = (result: Outcome<T>) => {
          this.#cancel(timer);
          this.#listener = null;
          resolve(result);
        };
        // Also bounds a write that never calls back (a port going away): then the line counts as gone.
        const timer = this.#clock.setTimeout(() => finish(answer === null ? { kind: 'not-connected' } : { kind: corrupt ? 'corrupt' : 'silent' }), this.#timing.replyTimeoutMs);
        this.#listener = (signal) => {
          if (signal.type === 'gone') return finish({ kind: 'not-connected' });
          if (answer === null) return;
          if (signal.type === 'bad-checksum') corrupt = true;
          else if (signal.type === 'silence' && corrupt) finish({ kind: 'corrupt' });
          else if (signal.type === 'frame') {
            const value = answer(signal.raw);
            if (!(value instanceof LockerProtocolError)) finish({ kind: 'answer', value });
            else if (value instanceof BadChecksum) corrupt = true;
          }
        };
        this.#transport.write(request).then(
          () => answer === null && finish({ kind: 'sent' }),
          () => finish({ kind: 'not-connected' }),
        );
      });
      this.#lastTransactionEnd = this.#clock.now();
      await this.#countFailures(outcome.kind);
      return outcome;
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** §1.5: after repeated timeouts or malformed replies, close and reopen the port and start clean. */
  async #countFailures(kind: Outcome<unknown>['kind']): Promise<void> {
    if (kind === 'answer') this.#failures = 0;
    if (kind !== 'silent' && kind !== 'corrupt') return;
    if (++this.#failures < this.#timing.failuresBeforeReopen) return;
    const failures = this.#failures;
    this.#failures = 0;
    await this.#transport.close();
    this.#deframer.reset();
    if (!this.#started) return;
    await this.#transport.open();
    this.emit('reopened', { failures });
  }

  #receive(chunk: Uint8Array): void {
    this.#dispatch(this.#deframer.push(chunk));
    this.#cancel(this.#silenceTimer);
    const timer = this.#clock.setTimeout(() => {
      // Bytes already waiting in the OS are read after timers run: look again once they have been, so a busy
      // event loop does not cut a frame in two.
      setImmediate(() => {
        if (this.#silenceTimer !== timer) return;
        this.#silenceTimer = null;
        this.#dispatch(this.#deframer.flush());
        this.#listener?.({ type: 'silence' });
      });
    }, this.#timing.silenceMs);
    this.#silenceTimer = timer;
  }

  #dispatch(events: LockerDeframerEvent[]): void {
    for (const event of events) this.#listener?.(event);
  }

  /** Remembers a door's reading and says what changed: door events, and door-left-open once per opening. */
  #record(board: number, reading: DoorReading): void {
    const key = `${board}/${reading.door}`;
    const known = this.#known.get(key);
    const now = this.#clock.now();
    if (known === undefined || known.state !== reading.state || known.itemPresent !== reading.itemPresent) {
      this.emit('door', { board, ...reading, previous: known?.state ?? null });
    }
    // An unknown reading in the middle of an opening (a garbled bit) does not restart the door-left-open clock.
    const stillOpen = known !== undefined && known.openSince !== null && reading.state !== 'closed';
    const next: KnownDoor = {
      state: reading.state,
      itemPresent: reading.itemPresent,
      openSince: stillOpen ? known.openSince : reading.state === 'open' ? now : null,
      leftOpenReported: stillOpen ? known.leftOpenReported : false,
    };
    if (next.state === 'open' && next.openSince !== null && !next.leftOpenReported && now - next.openSince >= this.#timing.doorLeftOpenMs) {
      next.leftOpenReported = true;
      this.emit('door-left-open', { board, door: reading.door, openForMs: now - next.openSince });
    }
    this.#known.set(key, next);
  }

  #setAnswering(board: number, answering: boolean): void {
    if (this.#answering.get(board) === answering) return;
    this.#answering.set(board, answering);
    this.emit('board', { board, answering });
  }

  #schedulePoll(): void {
    if (!this.#started || this.#timing.pollIntervalMs <= 0 || this.#doorsByBoard.size === 0) return;
    this.#pollTimer = this.#clock.setTimeout(() => {
      void (async () => {
        for (const board of this.#doorsByBoard.keys()) {
          if (!this.#started) return;
          await this.status(board);
        }
        this.#schedulePoll();
      })();
    }, this.#timing.pollIntervalMs);
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.#clock.setTimeout(resolve, ms));
  }

  #cancel(handle: unknown): void {
    if (handle !== null) this.#clock.clearTimeout(handle);
  }
}
