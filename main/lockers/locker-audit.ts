import { staffActor, type AuditActor } from '../audit/audit-record.ts';
import type { Compartment } from './cabinet.ts';
import type { OpeningActor } from './locker-inventory.ts';

/**
 * How the lockers name things in the audit log (docs/audit-log.md): a door by its cabinet, board and door on the bus
 * and as printed on the cabinet, an item by the terminal's own random reference; a citizen as `citizen`, never by
 * the masked ID number the inventory keeps.
 */
export const doorSubject = (compartment: Compartment, itemReference: string | null = null): string =>
  `door ${compartment.cabinet}/${compartment.board}/${compartment.door} (${compartment.label} ${compartment.number})${itemReference === null ? '' : `, item ${itemReference}`}`;

export const openingActor = (actor: OpeningActor): AuditActor => (actor.kind === 'staff' ? staffActor(actor.staffId) : actor.kind);
