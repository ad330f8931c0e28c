import { randomUUID } from 'node:crypto';
import type { PrintOutcome } from '../api/index.ts';
import type { Clock } from '../common/clock.ts';
import type { OutboxCourier } from '../cases/outbox-courier.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import { materialReceipt } from '../cases/receipts/receipt-templates.ts';
import type { MaterialDropOffBody } from '../platform/locker-deliveries.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { maskApplicant, maskIdNumber } from '../session/mask-id-number.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import { DOOR_SIZES, type Compartment, type DoorSize } from './cabinet.ts';
import type { LockerDoors } from './locker-doors.ts';
import type { LockerInventory, LockerItem } from './locker-inventory.ts';
import type { LockerKeys } from './locker-keys.ts';
import { CASE_NUMBER, LockerRefused } from './locker-refused.ts';
import type { LockerReports } from './locker-reports.ts';
import { printOnRequest } from './receipt-on-request.ts';

/**
 * Material drop-off (收件 / 容缺补交, locker-boards.md §4 B): an identified citizen names their case and the paper
 * materials they bring; a free door of the size asked for opens; they put the envelope in and close it. When the
 * door reads closed (and, on boards with infrared, something lies inside) the materials are recorded for staff to
 * collect and reported through the outbox; the 材料接收凭证 is printed when asked for. The case is checked to be
 * the citizen's when the platform can be asked; when it cannot, the platform decides later and staff hear if it
 * refuses.
 */
export interface DropOffRequest {
  caseNumber: string;
  /** The materials as the citizen names them (from their case's 补正 list, or typed). */
  materials: readonly string[];
  size: DoorSize;
}

export type DropOffOpening =
  | { status: 'open'; reference: string; cabinet: string; door: number }
  /** The platform says the case is not the identified citizen's. */
  | { status: 'not-your-case' }
  | { status: 'no-free-door' }
  | { status: 'not-answering' };

export type DropOffOutcome =
  | { status: 'received'; reference: string; receivedAt: number; platform: 'recorded' | 'queued' | 'refused' }
  /** The door closed with nothing inside (infrared): nothing was recorded. */
  | { status: 'nothing-inside'; cabinet: string; door: number }
  | { status: 'stopped' };

export interface MaterialDropOffOptions {
  session: CitizenSession;
  doors: LockerDoors;
  inventory: LockerInventory;
  reports: LockerReports;
  keys: LockerKeys;
  courier: Pick<OutboxCourier, 'awaitAttempt'>;
  platform: Pick<PlatformAdapter, 'casesOfApplicant'>;
  printer: Pick<ReceiptPrinter, 'print'> | null;
  branding: () => Promise<ReceiptBranding>;
  trackingUrl: string;
  clock: Clock;
  decisionWaitMs: number;
}

interface DropOff {
  item: LockerItem;
  compartment: Compartment;
  submitterIdNumber: string;
  outcome: Promise<DropOffOutcome>;
  done: boolean;
}

export class MaterialDropOff {
  readonly #options: MaterialDropOffOptions;
  #current: DropOff | null = null;
  #busy = false;

  constructor(options: MaterialDropOffOptions) {
    this.#options = options;
    // The session's end drops what the screens may ask for; a door still open is watched on, and its report keeps the
    // submitter's number until it is sealed into the inventory.
    options.session.onEnd(() => (this.#current = null));
  }

  async start(request: DropOffRequest): Promise<DropOffOpening> {
    // A double tap must not open two doors: the second call is refused while the first is under way.
    if (this.#busy) throw new LockerRefused('invalid-state', 'a door is being opened (one tap is enough)');
    this.#busy = true;
    try {
      return await this.#start(request);
    } finally {
      this.#busy = false;
    }
  }

  async #start(request: DropOffRequest): Promise<DropOffOpening> {
    const { session, doors, inventory, keys, clock } = this.#options;
    const card = session.identity;
    if (card === null) throw new LockerRefused('invalid-state', 'the citizen has not identified with their ID card');
    if (this.#current !== null && !this.#current.done) throw new LockerRefused('invalid-state', 'a door is open for this citizen: close it first');
    const caseNumber = request.caseNumber.trim();
    const materials = request.materials.map((name) => name.trim()).filter((name) => name !== '');
    if (!CASE_NUMBER.test(caseNumber)) throw new LockerRefused('invalid-request', 'not a case number');
    if (materials.length === 0 || materials.length > 30 || materials.some((name) => name.length > 200)) throw new LockerRefused('invalid-request', 'name 1 to 30 materials');
    if (!DOOR_SIZES.includes(request.size)) throw new LockerRefused('invalid-request', `a door size is one of ${DOOR_SIZES.join(', ')}`);
    if ((await this.#caseIsTheirs(caseNumber, card.idNumber)) === false) return { status: 'not-your-case' };
    const masked = maskIdNumber(card.idNumber);
    const opening = await doors.openFree(
      request.size,
      { kind: 'citizen', maskedIdNumber: masked },
      'drop-off',
      (compartment) =>
        inventory.insertItem({
          // Each door tried is its own item: one that would not open stays behind, cancelled, under its reference.
          reference: randomUUID(),
          kind: 'materials',
          cabinet: compartment.cabinet,
          board: compartment.board,
          door: compartment.door,
          caseNumber,
          itemName: '补交材料',
          materials,
          recipientTag: keys.recipientTag(card.idNumber),
          state: 'dropping',
          placedBy: masked,
          placedAt: clock.now(),
        }).id,
      (itemId) => inventory.setState(itemId, 'cancelled', clock.now()),
    );
    if (opening.status !== 'opened') return opening;
    const dropOff: DropOff = { item: inventory.item(opening.itemId) as LockerItem, compartment: opening.compartment, submitterIdNumber: card.idNumber, outcome: Promise.resolve({ status: 'stopped' }), done: false };
    dropOff.outcome = this.#whenClosed(dropOff).finally(() => {
      dropOff.done = true;
      dropOff.submitterIdNumber = '';
    });
    // Handled here too: nobody may ever wait for it (the citizen walked away).
    dropOff.outcome.catch(() => undefined);
    this.#current = dropOff;
    return { status: 'open', reference: dropOff.item.reference, cabinet: opening.compartment.label, door: opening.compartment.number };
  }

  awaitOutcome(): Promise<DropOffOutcome> {
    if (this.#current === null) throw new LockerRefused('invalid-state', 'no door was opened for this citizen');
    return this.#current.outcome;
  }

  /** 材料接收凭证, once the materials are in. */
  async printReceipt(): Promise<PrintOutcome> {
    const dropOff = this.#current;
    const outcome = dropOff?.done === true ? await dropOff.outcome : null;
    if (dropOff === null || outcome?.status !== 'received') throw new LockerRefused('invalid-state', 'no materials were received in this session');
    const { session, printer, branding, trackingUrl } = this.#options;
    const citizen = session.state.phase === 'attract' ? null : session.state.citizen;
    const url = `${trackingUrl}${encodeURIComponent(dropOff.item.caseNumber)}`;
    return printOnRequest(
      printer,
      async () =>
        materialReceipt(await branding(), {
          caseNumber: dropOff.item.caseNumber,
          materials: dropOff.item.materials,
          cabinet: dropOff.compartment.label,
          door: dropOff.compartment.number,
          applicantMasked: citizen === null ? '' : maskApplicant(citizen),
          receivedAt: new Date(outcome.receivedAt),
          trackingUrl: url,
        }),
      url,
    );
  }

  /** Whether the case is the citizen's, when the platform can say (null when it cannot: it decides later). */
  async #caseIsTheirs(caseNumber: string, idNumber: string): Promise<boolean | null> {
    try {
      return (await this.#options.platform.casesOfApplicant(idNumber)).some((known) => known.caseNumber === caseNumber);
    } catch {
      return null;
    }
  }

  async #whenClosed(dropOff: DropOff): Promise<DropOffOutcome> {
    const { doors, inventory, reports, courier, clock } = this.#options;
    const { item, compartment } = dropOff;
    const reading = await doors.whenClosed(compartment);
    if (reading === null) return { status: 'stopped' };
    const now = clock.now();
    if (reading.itemPresent === false) {
      inventory.setState(item.id, 'cancelled', now);
      return { status: 'nothing-inside', cabinet: compartment.label, door: compartment.number };
    }
    const body: MaterialDropOffBody = {
      reference: item.reference,
      caseNumber: item.caseNumber,
      submitterIdNumber: dropOff.submitterIdNumber,
      materials: item.materials,
      cabinet: compartment.label,
      door: compartment.number,
      droppedAt: new Date(now).toISOString(),
    };
    inventory.transaction(() => {
      inventory.setState(item.id, 'dropped', now);
      reports.add(item, 'locker-drop-off', body, { itemNames: item.materials, taskCodes: [], bundleCode: null });
    });
    const entryId = reports.flush().get(`${item.id}:locker-drop-off`);
    const decision = entryId === undefined ? null : await courier.awaitAttempt(entryId, this.#options.decisionWaitMs);
    return { status: 'received', reference: item.reference, receivedAt: now, platform: decision === null ? 'queued' : decision.state === 'accepted' ? 'recorded' : 'refused' };
  }
}
