import type { AuditTrail } from '../audit/audit-log.ts';
import { staffActor } from '../audit/audit-record.ts';
import type { Clock } from '../common/clock.ts';
import { doorSubject } from './locker-audit.ts';
import type { AlertSink } from './locker-alerts.ts';
import { alertDoor, type LockerDoors } from './locker-doors.ts';
import type { CabinetModel, DoorSize } from './cabinet.ts';
import type { ItemKind, ItemState, LockerInventory } from './locker-inventory.ts';
import { LockerRefused } from './locker-refused.ts';
import type { StaffDesk } from './staff-desk.ts';

/**
 * The lockers' upkeep, for signed-in staff (and the retention sweep, for nobody in particular): what every door
 * holds and since when, which doors are set aside, which items outstayed their retention; taking an item back out
 * (an expired certificate, dropped-off materials, an item the platform refused); putting a repaired door back in
 * service. Staff's actions are in the audit log: the doors they open (LockerDoors), the doors they put back.
 */
export interface DoorView {
  cabinet: string;
  number: number;
  size: DoorSize;
  jammed: boolean;
  item: { reference: string; kind: ItemKind; caseNumber: string; itemName: string; materials: string[]; state: ItemState; placedAt: number; keepUntil: number | null; overdue: boolean; problem: string | null } | null;
}

export type RetrieveAnswer = { status: 'opened'; cabinet: string; door: number } | { status: 'door-failed'; problem: 'jammed' | 'not-answering'; cabinet: string; door: number };

export interface LockerUpkeepOptions {
  desk: StaffDesk;
  cabinets: CabinetModel;
  doors: LockerDoors;
  inventory: LockerInventory;
  clock: Clock;
  alert: AlertSink;
  audit: AuditTrail;
}

export class LockerUpkeep {
  readonly #options: LockerUpkeepOptions;

  constructor(options: LockerUpkeepOptions) {
    this.#options = options;
  }

  /** Every door, cabinet by cabinet: its size, whether it is set aside, what it holds. Staff only. */
  overview(): DoorView[] {
    const { desk, cabinets, inventory, clock } = this.#options;
    desk.require();
    const now = clock.now();
    return cabinets.compartments.map((compartment) => {
      const item = inventory.itemIn(compartment);
      return {
        cabinet: compartment.label,
        number: compartment.number,
        size: compartment.size,
        jammed: inventory.doorCondition(compartment) === 'jammed',
        item:
          item === null
            ? null
            : {
                reference: item.reference,
                kind: item.kind,
                caseNumber: item.caseNumber,
                itemName: item.itemName,
                materials: item.materials,
                state: item.state,
                placedAt: item.placedAt,
                keepUntil: item.keepUntil,
                overdue: item.keepUntil !== null && item.keepUntil <= now,
                problem: item.problem,
              },
      };
    });
  }

  /** Opens an item's door for staff to take it out; the item leaves the inventory once the door opened. */
  async retrieve(reference: string): Promise<RetrieveAnswer> {
    const { desk, cabinets, doors, inventory, clock } = this.#options;
    const staffId = desk.require();
    const item = inventory.itemByReference(reference);
    const compartment = item === null ? undefined : cabinets.at(item);
    if (item === null || compartment === undefined || inventory.itemIn(item)?.id !== item.id) throw new LockerRefused('invalid-request', 'no such item in a door');
    if (item.state === 'collecting' || item.state === 'depositing' || item.state === 'dropping') throw new LockerRefused('invalid-state', 'its door is open for someone now');
    const result = await doors.open(compartment, { kind: 'staff', staffId }, 'retrieve', item.id);
    const where = { cabinet: compartment.label, door: compartment.number };
    if (result !== 'opened') return { status: 'door-failed', problem: result === 'jammed' ? 'jammed' : 'not-answering', ...where };
    inventory.setState(item.id, 'retrieved', clock.now());
    return { status: 'opened', ...where };
  }

  /**
   * The fleet's operator opens a door from afar (the openLockerDoor RPC), with no one signed in at the terminal: for
   * staff on site without an account there, or a citizen whose door would not open. Refused while the door is in
   * someone's flow (a pickup, deposit or drop-off under way at it); what the door holds stays where the inventory
   * says, and the opening is recorded as the operator's (the audit log, the inventory's openings).
   */
  async openRemotely(cabinet: string, number: number): Promise<RetrieveAnswer> {
    const { cabinets, doors, inventory } = this.#options;
    const compartment = cabinets.compartments.find((candidate) => candidate.label === cabinet && candidate.number === number);
    if (compartment === undefined) throw new LockerRefused('invalid-request', `no door ${number} in cabinet ${cabinet}`);
    const item = inventory.itemIn(compartment);
    if (item !== null && (item.state === 'collecting' || item.state === 'depositing' || item.state === 'dropping')) {
      throw new LockerRefused('invalid-state', `door ${number} of cabinet ${cabinet} is open for someone now (${item.state})`);
    }
    const result = await doors.open(compartment, { kind: 'operator' }, 'remote', item?.id ?? null);
    const where = { cabinet: compartment.label, door: compartment.number };
    return result === 'opened' ? { status: 'opened', ...where } : { status: 'door-failed', problem: result === 'jammed' ? 'jammed' : 'not-answering', ...where };
  }

  /** A door staff repaired goes back into service. */
  clearJam(cabinet: string, number: number): void {
    const { desk, cabinets, inventory, clock, audit } = this.#options;
    const staffId = desk.require();
    const compartment = cabinets.compartments.find((candidate) => candidate.label === cabinet && candidate.number === number);
    if (compartment === undefined) throw new LockerRefused('invalid-request', `no door ${number} in cabinet ${cabinet}`);
    audit.append({ kind: 'door-back-in-service', actor: staffActor(staffId), subject: doorSubject(compartment), reason: 'repaired by staff' });
    inventory.setDoorCondition(compartment, 'ok', clock.now());
  }

  /** Tells staff, once each, of the certificates kept past their retention (locker-boards.md §4 A.5). */
  sweepRetention(): number {
    const { cabinets, inventory, clock, alert } = this.#options;
    const now = clock.now();
    const overdue = inventory.overdue(now);
    for (const item of overdue) {
      inventory.flagOverdue(item.id, now);
      const compartment = cabinets.at(item);
      alert({
        kind: 'retention-ended',
        door: compartment === undefined ? { cabinet: item.cabinet, number: item.door } : alertDoor(compartment),
        reference: item.reference,
        caseNumber: item.caseNumber,
        keepUntil: item.keepUntil ?? now,
      });
    }
    return overdue.length;
  }
}
