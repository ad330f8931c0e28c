import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock.ts';
import type { OutboxCourier } from '../cases/outbox-courier.ts';
import type { DeliverySummary, LockerDeliveryKind, Outbox } from '../cases/outbox.ts';
import { lockerDepositAcceptanceSchema } from '../platform/locker-deliveries.ts';
import type { CabinetModel } from './cabinet.ts';
import type { AlertSink } from './locker-alerts.ts';
import { alertDoor } from './locker-doors.ts';
import type { LockerInventory, LockerItem } from './locker-inventory.ts';
import type { LockerKeys } from './locker-keys.ts';

export const LOCKER_DELIVERY_KINDS: readonly LockerDeliveryKind[] = ['locker-deposit', 'locker-collection', 'locker-drop-off'];

export interface LockerReportsOptions {
  inventory: LockerInventory;
  keys: LockerKeys;
  outbox: Pick<Outbox, 'enqueue'>;
  courier: Pick<OutboxCourier, 'receive' | 'kick'>;
  cabinets: CabinetModel;
  clock: Clock;
  alert: AlertSink;
}

/**
 * What the lockers owe the platform — a deposit, a collection, a drop-off — delivered through the outbox, so each
 * reaches it exactly once whatever the network does. A report is written into the inventory in the same commit as
 * the item's change (sealed: it carries an ID number), then put into the outbox under a draft id of its own, so
 * a kiosk stopped between the two puts it in at its next start, once. The deposit's answer carries the pickup code:
 * its keyed hash goes into the inventory before the outbox records the answer, and the outbox keeps the answer
 * without the code. A report the platform refuses is marked on the item and staff are alerted.
 */
export class LockerReports {
  readonly #options: LockerReportsOptions;

  constructor(options: LockerReportsOptions) {
    this.#options = options;
    options.courier.receive(LOCKER_DELIVERY_KINDS, {
      accepted: (entry, answer) => this.#accepted(entry.idempotencyKey, answer),
      decided: (entry, result) => {
        if (result.state === 'accepted') return;
        this.#refused(entry.idempotencyKey, result.state === 'rejected' ? result.code : result.reason);
      },
    });
  }

  /** Records the report an item owes; call it inside the transaction that changes the item. */
  add(item: LockerItem, kind: LockerDeliveryKind, body: object, summary: DeliverySummary): void {
    const idempotencyKey = randomUUID();
    const sealedBody = this.#options.keys.seal.seal(JSON.stringify(body), `${kind}:${idempotencyKey}`);
    this.#options.inventory.addReport({ itemId: item.id, kind, idempotencyKey, sealedBody, summary });
  }

  /** Puts every report not yet in the outbox into it and wakes the courier; the outbox entries, by `itemId:kind`. */
  flush(): Map<string, number> {
    const { inventory, keys, outbox, courier, clock } = this.#options;
    const entries = new Map<string, number>();
    for (const report of inventory.pendingReports()) {
      let body: string;
      try {
        body = keys.seal.open(report.sealedBody, `${report.kind}:${report.idempotencyKey}`);
      } catch (error) {
        this.#needsCheck(report.itemId, `its ${report.kind} report cannot be read: ${(error as Error).message}`);
        continue;
      }
      const entry = outbox.enqueue({ kind: report.kind, draftId: report.draftId, idempotencyKey: report.idempotencyKey, body, summary: report.summary }, clock.now());
      inventory.reportQueued(report.id, entry.id);
      entries.set(`${report.itemId}:${report.kind}`, entry.id);
    }
    courier.kick();
    return entries;
  }

  #accepted(idempotencyKey: string, answer: unknown): unknown {
    const { inventory, keys, clock } = this.#options;
    const report = inventory.reportByKey(idempotencyKey);
    if (report?.kind !== 'locker-deposit') return answer;
    const deposit = lockerDepositAcceptanceSchema.parse(answer);
    const salt = keys.newSalt();
    inventory.setPickupCode(report.itemId, { salt, hash: keys.codeHash(deposit.pickupCode, salt) }, deposit.depositNumber, clock.now());
    return { depositNumber: deposit.depositNumber, smsSent: deposit.smsSent };
  }

  #refused(idempotencyKey: string, reason: string): void {
    const { inventory, cabinets, clock, alert } = this.#options;
    const report = inventory.reportByKey(idempotencyKey);
    const item = report === null ? null : inventory.item(report.itemId);
    if (report === null || item === null) return;
    inventory.setProblem(item.id, `${report.kind}: ${reason}`, clock.now());
    const compartment = cabinets.at(item);
    alert({ kind: 'report-refused', door: compartment === undefined ? { cabinet: item.cabinet, number: item.door } : alertDoor(compartment), reference: item.reference, report: report.kind, reason });
  }

  #needsCheck(itemId: number, why: string): void {
    const { inventory, cabinets, alert } = this.#options;
    const item = inventory.item(itemId);
    if (item === null) return;
    const compartment = cabinets.at(item);
    alert({ kind: 'needs-check', door: compartment === undefined ? { cabinet: item.cabinet, number: item.door } : alertDoor(compartment), reference: item.reference, why });
  }
}
