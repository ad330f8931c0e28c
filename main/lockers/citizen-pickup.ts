import type { PrintOutcome } from '../api/index.ts';
import type { Clock } from '../common/clock.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import { lockerPickupSlip } from '../cases/receipts/receipt-templates.ts';
import type { LockerCollectionBody } from '../platform/locker-deliveries.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { maskApplicant, maskIdNumber } from '../session/mask-id-number.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { AttemptLimiter, LockoutRule } from './attempt-limiter.ts';
import type { CabinetModel, Compartment } from './cabinet.ts';
import type { LockerDoors } from './locker-doors.ts';
import type { LockerInventory, LockerItem } from './locker-inventory.ts';
import type { LockerKeys } from './locker-keys.ts';
import { LockerRefused } from './locker-refused.ts';
import type { LockerReports } from './locker-reports.ts';
import { PICKUP_CODE } from './pickup-code.ts';
import { printOnRequest } from './receipt-on-request.ts';

/**
 * Citizen pickup (locker-boards.md §4 A.4): the citizen identifies with their own ID card and gives the pickup code
 * from the SMS (keypad, or the link's QR). The code is checked here, against the keyed hashes the inventory keeps,
 * among the items held for that very recipient — so pickup works while the platform is away; the platform is
 * asked only when an item's deposit answer has not reached the terminal yet. Wrong codes count against the
 * recipient and against the terminal, each locked for a while at its limit. The door opens (confirmed by its
 * sensor); when it reads closed again — and, on boards with infrared, empty — the item is collected and the
 * collection is reported through the outbox, exactly once. A door that will not open leaves the item held, tells
 * staff, and tells the citizen so. The 取件凭证 is printed when asked for.
 */
export type PickupAnswer =
  | { status: 'opened'; reference: string; caseNumber: string; itemName: string; cabinet: string; door: number }
  | { status: 'wrong-code'; triesLeft: number }
  | { status: 'locked'; until: number }
  /** Nothing is held here for the identified citizen. */
  | { status: 'nothing-waiting' }
  /** The code could only be checked by the platform, which cannot be reached now. */
  | { status: 'cannot-check' }
  /** The door would not open: staff were alerted; the item stays safe inside and is not marked collected. */
  | { status: 'door-failed'; problem: 'jammed' | 'not-answering'; cabinet: string; door: number }
  /** The item's door was set aside as jammed earlier: staff hand it over. */
  | { status: 'door-out-of-service'; cabinet: string; door: number };

export type PickupOutcome =
  | { status: 'collected'; reference: string; collectedAt: number }
  /** The door closed with the item still inside (infrared): it stays held for the citizen. */
  | { status: 'still-inside'; cabinet: string; door: number }
  | { status: 'stopped' };

export interface PickupLockouts {
  /** Wrong codes at this terminal, whoever gives them. */
  terminal: LockoutRule;
  /** Wrong codes of one recipient. */
  recipient: LockoutRule;
}

export interface CitizenPickupOptions {
  session: CitizenSession;
  cabinets: CabinetModel;
  doors: LockerDoors;
  inventory: LockerInventory;
  reports: LockerReports;
  keys: LockerKeys;
  limiter: AttemptLimiter;
  lockouts: PickupLockouts;
  platform: Pick<PlatformAdapter, 'checkPickupCode'>;
  printer: Pick<ReceiptPrinter, 'print'> | null;
  branding: () => Promise<ReceiptBranding>;
  /** Where a slip's QR points; the case number is appended. */
  trackingUrl: string;
  clock: Clock;
}

interface Pickup {
  item: LockerItem;
  compartment: Compartment;
  outcome: Promise<PickupOutcome>;
  done: boolean;
}

export class CitizenPickup {
  readonly #options: CitizenPickupOptions;
  /** This session's pickup: dropped at the session's end (its door is still watched and its collection reported). */
  #current: Pickup | null = null;
  #busy = false;

  constructor(options: CitizenPickupOptions) {
    this.#options = options;
    options.session.onEnd(() => (this.#current = null));
  }

  async enterCode(code: string): Promise<PickupAnswer> {
    // A double tap must not open two doors: the second call is refused while the first is under way.
    if (this.#busy) throw new LockerRefused('invalid-state', 'a code is being checked (one tap is enough)');
    this.#busy = true;
    try {
      return await this.#enterCode(code);
    } finally {
      this.#busy = false;
    }
  }

  async #enterCode(code: string): Promise<PickupAnswer> {
    const { session, keys, limiter, lockouts, inventory, clock } = this.#options;
    const card = session.identity;
    if (card === null) throw new LockerRefused('invalid-state', 'the citizen has not identified with their ID card');
    if (this.#current !== null && !this.#current.done) throw new LockerRefused('invalid-state', 'a door is open for this citizen: close it first');
    if (!PICKUP_CODE.test(code)) throw new LockerRefused('invalid-request', 'a pickup code is 6 to 8 digits');
    const tag = keys.recipientTag(card.idNumber);
    const scopes: Array<[string, LockoutRule]> = [
      ['pickup:terminal', lockouts.terminal],
      [`pickup:${tag}`, lockouts.recipient],
    ];
    const standing = limiter.standingOf(scopes);
    if (standing.lockedUntil !== null) return { status: 'locked', until: standing.lockedUntil };
    const held = inventory.heldFor(tag);
    if (held.length === 0) return { status: 'nothing-waiting' };

    let item: LockerItem | null = held.find((candidate) => this.#codeOpens(candidate, code)) ?? null;
    if (item === null && held.some((candidate) => !candidate.codeKnown)) {
      const asked = await this.#askPlatform(code, card.idNumber, held);
      if (asked === 'unreachable') return { status: 'cannot-check' };
      if (asked === 'locked-out') return { status: 'locked', until: clock.now() + lockouts.recipient.lockMs };
      item = asked;
    }
    if (item === null) {
      for (const [scope] of scopes) limiter.fail(scope);
      const after = limiter.standingOf(scopes);
      return after.lockedUntil === null ? { status: 'wrong-code', triesLeft: after.triesLeft } : { status: 'locked', until: after.lockedUntil };
    }
    limiter.clear(`pickup:${tag}`);
    return this.#open(item, maskIdNumber(card.idNumber));
  }

  /** How many items are held here for the identified citizen. */
  waiting(): number {
    const { session, inventory, keys } = this.#options;
    const card = session.identity;
    if (card === null) throw new LockerRefused('invalid-state', 'the citizen has not identified with their ID card');
    return inventory.heldFor(keys.recipientTag(card.idNumber)).length;
  }

  /** The pickup's outcome, once its door has closed. */
  awaitOutcome(): Promise<PickupOutcome> {
    if (this.#current === null) throw new LockerRefused('invalid-state', 'no door was opened for this citizen');
    return this.#current.outcome;
  }

  /** 取件凭证, after the item was collected. */
  async printSlip(): Promise<PrintOutcome> {
    const pickup = this.#current;
    const outcome = pickup?.done === true ? await pickup.outcome : null;
    if (pickup === null || outcome?.status !== 'collected') throw new LockerRefused('invalid-state', 'nothing was collected in this session');
    const { session, printer, branding, trackingUrl } = this.#options;
    const citizen = session.state.phase === 'attract' ? null : session.state.citizen;
    const url = `${trackingUrl}${encodeURIComponent(pickup.item.caseNumber)}`;
    return printOnRequest(
      printer,
      async () =>
        lockerPickupSlip(await branding(), {
          caseNumber: pickup.item.caseNumber,
          itemName: pickup.item.itemName,
          cabinet: pickup.compartment.label,
          door: pickup.compartment.number,
          recipientMasked: citizen === null ? '' : maskApplicant(citizen),
          collectedAt: new Date(outcome.collectedAt),
          trackingUrl: url,
        }),
      url,
    );
  }

  /** A pickup the kiosk stopped in the middle of (door opened, not seen closed): watched again, reported when closed. */
  resume(item: LockerItem): void {
    const compartment = this.#options.cabinets.at(item);
    // Nobody waits for this outcome: a failure here (the inventory gone at shutdown) must not take the host down.
    if (compartment !== undefined) this.#whenClosed(item, compartment).catch(() => undefined);
  }

  #codeOpens(item: LockerItem, code: string): boolean {
    const stored = item.codeKnown ? this.#options.inventory.codeOf(item.id) : null;
    return stored !== null && this.#options.keys.codeMatches(code, stored.salt, stored.hash);
  }

  /** The platform's word on a code, for items whose code the terminal has not learnt; what it names is learnt. */
  async #askPlatform(code: string, idNumber: string, held: readonly LockerItem[]): Promise<LockerItem | null | 'unreachable' | 'locked-out'> {
    const { platform, inventory, keys, clock } = this.#options;
    let check: Awaited<ReturnType<typeof platform.checkPickupCode>>;
    try {
      check = await platform.checkPickupCode(code, idNumber);
    } catch {
      return 'unreachable';
    }
    if (!check.matched) return check.code === 'locked-out' ? 'locked-out' : null;
    const item = held.find((candidate) => candidate.reference === check.item.depositReference) ?? null;
    if (item === null) return null;
    const salt = keys.newSalt();
    inventory.setPickupCode(item.id, { salt, hash: keys.codeHash(code, salt) }, check.item.depositNumber, clock.now());
    return item;
  }

  async #open(item: LockerItem, maskedIdNumber: string): Promise<PickupAnswer> {
    const { cabinets, doors, inventory, clock } = this.#options;
    const compartment = cabinets.at(item);
    if (compartment === undefined) throw new LockerRefused('unavailable', 'the item’s cabinet is no longer configured here');
    const where = { cabinet: compartment.label, door: compartment.number };
    if (inventory.doorCondition(compartment) === 'jammed') return { status: 'door-out-of-service', ...where };
    const result = await doors.open(compartment, { kind: 'citizen', maskedIdNumber }, 'pickup', item.id);
    if (result !== 'opened') return { status: 'door-failed', problem: result === 'jammed' ? 'jammed' : 'not-answering', ...where };
    inventory.setState(item.id, 'collecting', clock.now());
    const pickup: Pickup = { item, compartment, outcome: Promise.resolve({ status: 'stopped' }), done: false };
    pickup.outcome = this.#whenClosed(item, compartment).finally(() => (pickup.done = true));
    // Handled here too: nobody may ever wait for it (the citizen walked away).
    pickup.outcome.catch(() => undefined);
    this.#current = pickup;
    return { status: 'opened', reference: item.reference, caseNumber: item.caseNumber, itemName: item.itemName, ...where };
  }

  async #whenClosed(item: LockerItem, compartment: Compartment): Promise<PickupOutcome> {
    const { doors, inventory, reports, clock } = this.#options;
    const reading = await doors.whenClosed(compartment);
    if (reading === null) return { status: 'stopped' };
    const now = clock.now();
    if (reading.itemPresent === true) {
      inventory.setState(item.id, 'held', now);
      return { status: 'still-inside', cabinet: compartment.label, door: compartment.number };
    }
    const body: LockerCollectionBody = { depositReference: item.reference, caseNumber: item.caseNumber, cabinet: compartment.label, door: compartment.number, collectedAt: new Date(now).toISOString() };
    inventory.transaction(() => {
      inventory.setState(item.id, 'collected', now);
      reports.add(item, 'locker-collection', body, { itemNames: [item.itemName], taskCodes: [], bundleCode: null });
    });
    reports.flush();
    return { status: 'collected', reference: item.reference, collectedAt: now };
  }
}
