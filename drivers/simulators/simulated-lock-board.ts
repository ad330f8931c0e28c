import { sensorBitFor, type DoorFeedback } from '../locker/door-sensor.ts';
import type { StatusByteOrder } from '../locker/status-bitmap.ts';

export interface SimulatedLockBoardOptions {
  /** The address on the board's switches. */
  address: number;
  doors: number;
  /** How this board's door switches are wired (locker-boards.md §1.4); door-closing by default. */
  feedback?: DoorFeedback;
  /** Generic 8A firmware variant: which status byte comes first in a read-all reply (§1.3). */
  byteOrder?: StatusByteOrder;
  /** How long after an unlock the door's sensor reads open (the spring, a slow sensor); 50 ms by default. */
  sensorDelayMs?: number;
}

interface SimulatedDoor {
  open: boolean;
  /** An unlocked door swings open at this time (its sensor lags the lock). */
  opensAt: number | null;
  jammed: boolean;
  sensorDelayMs: number | null;
  item: boolean;
}

/**
 * One lock-control board and the doors wired to it: a lock pulse lets a door swing open after its sensor
 * delay, unless the door is jammed; a door stays open until someone closes it. Compartments can hold an item
 * (seen by the CU16's infrared sensor). The board's wiring decides the bits it reports.
 */
export class SimulatedLockBoard {
  readonly address: number;
  readonly doorCount: number;
  feedback: DoorFeedback;
  byteOrder: StatusByteOrder;
  sensorDelayMs: number;
  /** Every door this board was told to unlock, in order (an unlock must touch only the door asked for). */
  readonly unlocks: number[] = [];
  readonly #doors: SimulatedDoor[];
  readonly #now: () => number;

  constructor(options: SimulatedLockBoardOptions, now: () => number = () => performance.now()) {
    this.address = options.address;
    this.doorCount = options.doors;
    this.feedback = options.feedback ?? 'door-closing';
    this.byteOrder = options.byteOrder ?? 'high-first';
    this.sensorDelayMs = options.sensorDelayMs ?? 50;
    this.#now = now;
    this.#doors = Array.from({ length: options.doors }, () => ({ open: false, opensAt: null, jammed: false, sensorDelayMs: null, item: false }));
  }

  /** A lock pulse: the door swings open after its sensor delay, unless it is jammed (or has no lock here). */
  unlock(door: number): void {
    this.unlocks.push(door);
    const state = this.#doors[door - 1];
    if (state === undefined || state.jammed || this.isOpen(door)) return;
    state.opensAt ??= this.#now() + (state.sensorDelayMs ?? this.sensorDelayMs);
  }

  /** What the door's sensor shows now. */
  isOpen(door: number): boolean {
    const state = this.#doors[door - 1];
    if (state === undefined) return false;
    if (state.opensAt !== null && this.#now() >= state.opensAt) {
      state.open = true;
      state.opensAt = null;
    }
    return state.open;
  }

  /** A person pushes the door shut (it latches). */
  close(door: number): void {
    const state = this.#door(door);
    state.open = false;
    state.opensAt = null;
  }

  closeAll(): void {
    for (let door = 1; door <= this.doorCount; door++) this.close(door);
  }

  /** Opened by other means (a staff key, a previous citizen): for status scenarios. */
  openByHand(door: number): void {
    const state = this.#door(door);
    state.open = true;
    state.opensAt = null;
  }

  /** A jammed door stays shut whatever the lock does (a bent latch, something wedged against it). */
  jam(door: number, jammed = true): void {
    this.#door(door).jammed = jammed;
  }

  /** This door's sensor lags its lock by this long (null: the board's default). */
  setSensorDelay(door: number, ms: number | null): void {
    this.#door(door).sensorDelayMs = ms;
  }

  putItem(door: number): void {
    this.#door(door).item = true;
  }

  takeItem(door: number): void {
    this.#door(door).item = false;
  }

  /** The sensor bits this board reports, door 1 first, as its switches are wired. */
  sensorBits(): boolean[] {
    return Array.from({ length: this.doorCount }, (_, i) => sensorBitFor(this.isOpen(i + 1), this.feedback));
  }

  /** The CU16's infrared bits: something lies in the compartment. */
  itemBits(): boolean[] {
    return this.#doors.map((door) => door.item);
  }

  #door(door: number): SimulatedDoor {
    const state = this.#doors[door - 1];
    if (state === undefined) throw new RangeError(`board ${this.address} has doors 1–${this.doorCount}, not ${door}`);
    return state;
  }
}
