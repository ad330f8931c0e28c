import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock.ts';
import type { OutboxCourier } from '../cases/outbox-courier.ts';
import type { LockerDepositBody } from '../platform/locker-deliveries.ts';
import { DOOR_SIZES, type Compartment, type DoorSize } from './cabinet.ts';
import type { LockerDoors } from './locker-doors.ts';
import type { LockerInventory, LockerItem } from './locker-inventory.ts';
import type { LockerKeys } from './locker-keys.ts';
import { CASE_NUMBER, ID_NUMBER, LockerRefused } from './locker-refused.ts';
import type { LockerReports } from './locker-reports.ts';
import type { StaffDesk } from './staff-desk.ts';

/**
 * Staff deposit (locker-boards.md §4 A.2), in maintenance mode: a signed-in staff member names the case, the
 * recipient (the applicant, whose own ID card will be needed to collect it), the item and the size it needs; a
 * free door of that size (or the next larger) opens, confirmed by its sensor; the staff member puts the item in and
 * closes the door. When the door reads closed (and, on boards with infrared, something lies inside) the item is
 * held: kept until the retention period ends, and reported to the platform through the outbox — the platform
 * mints the pickup code and sends it by SMS. Cancelled instead when the staff member said so before closing, or the
 * infrared sees nothing inside.
 */
export interface DepositRequest {
  caseNumber: string;
  recipientIdNumber: string;
  /** What goes in: 营业执照（正本）, 社会保障卡 … */
  itemName: string;
  size: DoorSize;
}

export type DepositOpening =
  | { status: 'open'; reference: string; cabinet: string; door: number; size: DoorSize }
  /** Every door that fits is in use or set aside. */
  | { status: 'no-free-door' }
  /** No board with a fitting door answered: the cabinet needs a technician. */
  | { status: 'not-answering' };

/** What the platform made of the deposit in the time staff waited: the code was sent, or it goes when it can. */
export type DepositReporting = 'code-sent' | 'queued' | 'refused';

export type DepositOutcome =
  | { status: 'registered'; reference: string; cabinet: string; door: number; keepUntil: number; platform: DepositReporting }
  | { status: 'nothing-inside'; cabinet: string; door: number }
  | { status: 'cancelled'; cabinet: string; door: number }
  /** The kiosk stopped before the door closed (the item will be checked at the next start). */
  | { status: 'stopped' };

export interface StaffDepositOptions {
  desk: StaffDesk;
  doors: LockerDoors;
  inventory: LockerInventory;
  reports: LockerReports;
  keys: LockerKeys;
  courier: Pick<OutboxCourier, 'awaitAttempt'>;
  clock: Clock;
  /** How long an item is kept for its recipient (then staff are told to take it back). */
  retentionMs: number;
  /** How long staff wait to hear that the platform sent the code before being told it goes later. */
  decisionWaitMs: number;
}

interface Deposit {
  item: LockerItem;
  compartment: Compartment;
  staffId: string;
  recipientIdNumber: string;
  cancelled: boolean;
  outcome: Promise<DepositOutcome>;
  done: boolean;
}

export class StaffDeposit {
  readonly #options: StaffDepositOptions;
  #current: Deposit | null = null;
  #busy = false;

  constructor(options: StaffDepositOptions) {
    this.#options = options;
  }

  async begin(request: DepositRequest): Promise<DepositOpening> {
    // A double tap must not open two doors: the second call is refused while the first is under way.
    if (this.#busy) throw new LockerRefused('invalid-state', 'a door is being opened (one tap is enough)');
    this.#busy = true;
    try {
      return await this.#begin(request);
    } finally {
      this.#busy = false;
    }
  }

  async #begin(request: DepositRequest): Promise<DepositOpening> {
    const { desk, doors, inventory, keys, clock } = this.#options;
    const staffId = desk.require();
    if (this.#current !== null && !this.#current.done) throw new LockerRefused('invalid-state', 'a deposit is in progress: close its door first');
    const checked = checkedRequest(request);
    const opening = await doors.openFree(
      checked.size,
      { kind: 'staff', staffId },
      'deposit',
      (compartment) =>
        inventory.insertItem({
          // Each door tried is its own item: one that would not open stays behind, cancelled, under its reference.
          reference: randomUUID(),
          kind: 'certificate',
          cabinet: compartment.cabinet,
          board: compartment.board,
          door: compartment.door,
          caseNumber: checked.caseNumber,
          itemName: checked.itemName,
          recipientTag: keys.recipientTag(checked.recipientIdNumber),
          state: 'depositing',
          placedBy: staffId,
          placedAt: clock.now(),
        }).id,
      (itemId) => inventory.setState(itemId, 'cancelled', clock.now()),
    );
    if (opening.status !== 'opened') return opening;
    const item = inventory.item(opening.itemId) as LockerItem;
    const deposit: Deposit = { item, compartment: opening.compartment, staffId, recipientIdNumber: checked.recipientIdNumber, cancelled: false, outcome: Promise.resolve({ status: 'stopped' }), done: false };
    deposit.outcome = this.#whenClosed(deposit).finally(() => {
      deposit.done = true;
      deposit.recipientIdNumber = '';
    });
    // Handled here too: nobody may ever wait for it.
    deposit.outcome.catch(() => undefined);
    this.#current = deposit;
    return { status: 'open', reference: item.reference, cabinet: opening.compartment.label, door: opening.compartment.number, size: opening.compartment.size };
  }

  /** The deposit's outcome, once its door has closed. */
  awaitOutcome(): Promise<DepositOutcome> {
    this.#options.desk.require();
    if (this.#current === null) throw new LockerRefused('invalid-state', 'no deposit was begun');
    return this.#current.outcome;
  }

  /** The staff member changed their mind: when the door closes, the item is not registered. */
  cancel(): void {
    this.#options.desk.require();
    if (this.#current === null || this.#current.done) throw new LockerRefused('invalid-state', 'no deposit is in progress');
    this.#current.cancelled = true;
  }

  async #whenClosed(deposit: Deposit): Promise<DepositOutcome> {
    const { doors, inventory, reports, courier, clock } = this.#options;
    const { item, compartment } = deposit;
    const where = { cabinet: compartment.label, door: compartment.number };
    const reading = await doors.whenClosed(compartment);
    if (reading === null) return { status: 'stopped' };
    if (deposit.cancelled || reading.itemPresent === false) {
      inventory.setState(item.id, 'cancelled', clock.now());
      return { status: deposit.cancelled ? 'cancelled' : 'nothing-inside', ...where };
    }
    const now = clock.now();
    const keepUntil = now + this.#options.retentionMs;
    const body: LockerDepositBody = {
      reference: item.reference,
      caseNumber: item.caseNumber,
      recipientIdNumber: deposit.recipientIdNumber,
      itemName: item.itemName,
      cabinet: compartment.label,
      door: compartment.number,
      depositedAt: new Date(now).toISOString(),
      pickupBy: new Date(keepUntil).toISOString(),
      staffId: deposit.staffId,
    };
    inventory.transaction(() => {
      inventory.setState(item.id, 'held', now, keepUntil);
      reports.add(item, 'locker-deposit', body, { itemNames: [item.itemName], taskCodes: [], bundleCode: null });
    });
    const entryId = reports.flush().get(`${item.id}:locker-deposit`);
    const decision = entryId === undefined ? null : await courier.awaitAttempt(entryId, this.#options.decisionWaitMs);
    const platform: DepositReporting = decision === null ? 'queued' : decision.state === 'accepted' ? 'code-sent' : 'refused';
    return { status: 'registered', reference: item.reference, ...where, keepUntil, platform };
  }
}

const checkedRequest = (request: DepositRequest): DepositRequest => {
  const caseNumber = request.caseNumber.trim();
  const recipientIdNumber = request.recipientIdNumber.trim().toUpperCase();
  const itemName = request.itemName.trim();
  if (!CASE_NUMBER.test(caseNumber)) throw new LockerRefused('invalid-request', 'not a case number');
  if (!ID_NUMBER.test(recipientIdNumber)) throw new LockerRefused('invalid-request', 'not an ID number');
  if (itemName === '' || itemName.length > 200) throw new LockerRefused('invalid-request', 'the item needs a name of at most 200 characters');
  if (!DOOR_SIZES.includes(request.size)) throw new LockerRefused('invalid-request', `a door size is one of ${DOOR_SIZES.join(', ')}`);
  return { caseNumber, recipientIdNumber, itemName, size: request.size };
};
