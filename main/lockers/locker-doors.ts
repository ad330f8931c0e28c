import type { DoorReading } from '../../drivers/locker/board-protocols.ts';
import type { BoardStatus, DoorChange, DoorOpening, LockerBusEvents } from '../../drivers/locker/locker-bus.ts';
import type { AuditTrail } from '../audit/audit-log.ts';
import type { AuditEntry } from '../audit/audit-record.ts';
import type { Clock } from '../common/clock.ts';
import { doorSubject, openingActor } from './locker-audit.ts';
import type { AlertDoor, AlertSink } from './locker-alerts.ts';
import { doorKey, type CabinetModel, type Compartment, type DoorAddress, type DoorSize } from './cabinet.ts';
import type { LockerInventory, OpeningActor, OpeningReason } from './locker-inventory.ts';

/** What the locker service needs of a cabinet's bus: the LockerBus driver, or a fake in unit tests. */
export interface CabinetBus {
  open(board: number, door: number): Promise<DoorOpening>;
  status(board: number): Promise<BoardStatus>;
  on<E extends 'door' | 'door-left-open'>(event: E, listener: (...args: LockerBusEvents[E]) => void): unknown;
  off<E extends 'door' | 'door-left-open'>(event: E, listener: (...args: LockerBusEvents[E]) => void): unknown;
}

export type DoorOpenResult = 'opened' | 'jammed' | 'no-response';

export type FreeDoorOpening = { status: 'opened'; compartment: Compartment; itemId: number } | { status: 'no-free-door' } | { status: 'not-answering' };

export interface LockerDoorsOptions {
  cabinets: CabinetModel;
  /** Each cabinet's bus, by cabinet (device) id. */
  buses: ReadonlyMap<string, CabinetBus>;
  inventory: LockerInventory;
  clock: Clock;
  /** How often a door is read while waiting for it to close. */
  closePollMs: number;
  alert: AlertSink;
  /** Every opening is recorded here before the unlock is sent (who, why, which door and item). */
  audit: AuditTrail;
}

/** Doors tried for one deposit or drop-off before giving up (each one that would not open is set aside). */
const FREE_DOOR_TRIES = 3;

export const alertDoor = (compartment: Compartment): AlertDoor => ({ cabinet: compartment.label, number: compartment.number });

/**
 * The doors as the flows use them, over the cabinets' buses: an opening is always recorded (who, why, what came
 * of it); a door that would not open is set aside as jammed and staff are alerted; a free door is one with no item
 * in the inventory, not set aside, and read closed and empty on the board just before it is chosen. Doors the
 * kiosk did not open but a poll saw opening (a staff key, force) are recorded and alerted, and so are doors left
 * open (the bus's own alarm). Each opening is in the audit log before its unlock is sent: a door whose opening
 * cannot be recorded stays shut (AuditLogUnwritable).
 */
export class LockerDoors {
  readonly #options: LockerDoorsOptions;
  /** Doors the kiosk opened whose closing has not been seen yet. */
  readonly #commanded = new Set<string>();
  readonly #unsubscribe: Array<() => void> = [];
  /** Ends every wait for a door to close when the service stops. */
  #stopping = new AbortController();

  constructor(options: LockerDoorsOptions) {
    this.#options = options;
  }

  /** Listens to the buses' door events (polling is the bus's: `pollIntervalMs` in the locker-bus config). */
  start(): void {
    this.#stopping = new AbortController();
    for (const [cabinet, bus] of this.#options.buses) {
      const onDoor = (change: DoorChange) => this.#doorChanged(cabinet, change);
      const onLeftOpen = ({ board, door, openForMs }: { board: number; door: number; openForMs: number }) => {
        const compartment = this.#options.cabinets.at({ cabinet, board, door });
        if (compartment !== undefined) this.#options.alert({ kind: 'door-left-open', door: alertDoor(compartment), openForMs });
      };
      bus.on('door', onDoor);
      bus.on('door-left-open', onLeftOpen);
      this.#unsubscribe.push(() => {
        bus.off('door', onDoor);
        bus.off('door-left-open', onLeftOpen);
      });
    }
  }

  stop(): void {
    this.#stopping.abort();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  /**
   * Opens a door, confirmed by its sensor (LockerBus.open), and records the opening whatever came of it: in the audit
   * log before the unlock (throws, the door shut, when it cannot be), in the inventory after.
   */
  async open(compartment: Compartment, actor: OpeningActor, reason: OpeningReason, itemId: number | null): Promise<DoorOpenResult> {
    const { inventory, clock, alert, audit } = this.#options;
    const subject = doorSubject(compartment, itemId === null ? null : (inventory.item(itemId)?.reference ?? null));
    audit.append({ kind: 'door-opening', actor: openingActor(actor), subject, reason });
    const key = doorKey(compartment);
    this.#commanded.add(key);
    let result: DoorOpenResult;
    try {
      result = (await this.#bus(compartment).open(compartment.board, compartment.door)).result;
    } catch {
      // No such bus here, or the driver refused the address: to the citizen and to staff the same as silence.
      result = 'no-response';
    }
    inventory.recordOpening({ at: clock.now(), cabinet: compartment.cabinet, board: compartment.board, door: compartment.door, actor, reason, result, itemId });
    if (result !== 'opened') {
      this.#commanded.delete(key);
      if (result === 'jammed') inventory.setDoorCondition(compartment, 'jammed', clock.now());
      alert({ kind: result === 'jammed' ? 'door-jammed' : 'board-not-answering', door: alertDoor(compartment), during: reason });
      this.#recordAfter({ kind: 'door-not-opened', actor: openingActor(actor), subject, reason: `${result} (during ${reason})` });
    }
    return result;
  }

  /** The door as its board reads it now, or null when the board does not answer. */
  async read(compartment: Compartment): Promise<DoorReading | null> {
    try {
      const status = await this.#bus(compartment).status(compartment.board);
      return status.answered ? (status.doors.find((reading) => reading.door === compartment.door) ?? null) : null;
    } catch {
      return null;
    }
  }

  /** Reads the door until it is closed; its last reading, or null when the service stopped first. */
  async whenClosed(compartment: Compartment): Promise<DoorReading | null> {
    const signal = this.#stopping.signal;
    for (;;) {
      if (signal.aborted) return null;
      const reading = await this.read(compartment);
      if (signal.aborted) return null;
      if (reading?.state === 'closed') {
        this.#commanded.delete(doorKey(compartment));
        return reading;
      }
      await this.#sleep(this.#options.closePollMs, signal);
    }
  }

  /**
   * Opens a free door that fits `size`, snuggest first, trying up to three doors. `claim` records the item for a
   * door before it is opened (so the opening names it); `release` drops that claim when the door would not open.
   */
  async openFree(size: DoorSize, actor: OpeningActor, reason: OpeningReason, claim: (compartment: Compartment) => number, release: (itemId: number) => void): Promise<FreeDoorOpening> {
    const { free, unanswered } = await this.#freeDoors(size);
    for (const compartment of free.slice(0, FREE_DOOR_TRIES)) {
      const itemId = claim(compartment);
      let result: DoorOpenResult;
      try {
        result = await this.open(compartment, actor, reason, itemId);
      } catch (error) {
        release(itemId);
        throw error;
      }
      if (result === 'opened') return { status: 'opened', compartment, itemId };
      release(itemId);
    }
    return free.length === 0 && unanswered ? { status: 'not-answering' } : { status: 'no-free-door' };
  }

  /** Free doors that fit, in the order to try them; and whether some board that might have had one did not answer. */
  async #freeDoors(size: DoorSize): Promise<{ free: Compartment[]; unanswered: boolean }> {
    const { cabinets, inventory } = this.#options;
    const candidates = cabinets.fitting(size).filter((compartment) => inventory.itemIn(compartment) === null && inventory.doorCondition(compartment) === 'ok');
    const readings = new Map<string, Map<number, DoorReading> | null>();
    const free: Compartment[] = [];
    let unanswered = false;
    for (const compartment of candidates) {
      const boardKey = `${compartment.cabinet}/${compartment.board}`;
      if (!readings.has(boardKey)) readings.set(boardKey, await this.#readBoard(compartment));
      const board = readings.get(boardKey) ?? null;
      if (board === null) {
        unanswered = true;
        continue;
      }
      const reading = board.get(compartment.door);
      // An open door, or one the infrared sees something in, is not free whatever the inventory says.
      if (reading?.state === 'closed' && reading.itemPresent !== true) free.push(compartment);
    }
    return { free, unanswered };
  }

  async #readBoard(compartment: Compartment): Promise<Map<number, DoorReading> | null> {
    try {
      const status = await this.#bus(compartment).status(compartment.board);
      return status.answered ? new Map(status.doors.map((reading) => [reading.door, reading])) : null;
    } catch {
      return null;
    }
  }

  #doorChanged(cabinet: string, change: DoorChange): void {
    const address: DoorAddress = { cabinet, board: change.board, door: change.door };
    const key = doorKey(address);
    if (change.state === 'closed') {
      this.#commanded.delete(key);
      return;
    }
    if (change.state !== 'open' || change.previous !== 'closed' || this.#commanded.has(key)) return;
    const compartment = this.#options.cabinets.at(address);
    if (compartment === undefined) return;
    const { inventory, clock, alert } = this.#options;
    const item = inventory.itemIn(address);
    inventory.recordOpening({ at: clock.now(), ...address, actor: { kind: 'unknown' }, reason: 'not-commanded', result: 'seen-open', itemId: item?.id ?? null });
    alert({ kind: 'door-opened-unexpectedly', door: alertDoor(compartment) });
    this.#recordAfter({ kind: 'door-opened-unexpectedly', actor: 'unknown', subject: doorSubject(compartment, item?.reference ?? null), reason: 'a poll saw it open: the kiosk did not open it (a staff key, or force)' });
  }

  /**
   * A record of what already happened (a door that did not open, one seen open): nothing is left to hold back when
   * the log cannot take it, and staff hear of the door through its alert all the same.
   */
  #recordAfter(entry: AuditEntry): void {
    try {
      this.#options.audit.append(entry);
    } catch {
      // The alert went out; the log's own trouble shows at the next opening, which it refuses.
    }
  }

  #bus(address: DoorAddress): CabinetBus {
    const bus = this.#options.buses.get(address.cabinet);
    if (bus === undefined) throw new Error(`no bus for cabinet ${address.cabinet}`);
    return bus;
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    const clock = this.#options.clock;
    return new Promise((resolve) => {
      const cancelled = () => {
        clock.clearTimeout(timer);
        resolve();
      };
      const timer = clock.setTimeout(() => {
        signal.removeEventListener('abort', cancelled);
        resolve();
      }, ms);
      signal.addEventListener('abort', cancelled, { once: true });
    });
  }
}
