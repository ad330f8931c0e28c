import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogUnwritable } from '../../../main/audit/audit-log.ts';
import { CASE_OF_RESIDENT, RESIDENT, STAFF_PASSWORD, startLockerRig, type LockerRig } from '../../support/locker-rig.ts';

/**
 * The lockers in the audit log: a door opening is recorded before its unlock, with who and why; a door that did not
 * open, one seen open that the kiosk did not open, and a door staff put back in service are recorded too; a door
 * whose opening cannot be recorded stays shut.
 */
let rig: LockerRig;
afterEach(() => rig.close());

const deposit = () => rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' });
const trail = () => rig.audit.latest().map(({ kind, actor, subject, reason }) => ({ kind, actor, subject, reason }));

describe('the lockers’ audit records', () => {
  it('a jammed door, the door tried next, and the jammed door put back in service by staff', async () => {
    rig = await startLockerRig();
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    rig.bus.board(1).jam(1);
    const opening = await deposit();
    if (opening.status !== 'open') throw new Error(opening.status);
    rig.service.upkeep.clearJam('A柜', 1);
    const references = rig.service.inventory.openings().map((each) => rig.service.inventory.item(each.itemId ?? -1)?.reference);
    expect(trail().slice(1)).toEqual([
      { kind: 'door-opening', actor: 'staff:S001', subject: `door lockers/1/1 (A柜 1), item ${references.at(-1)}`, reason: 'deposit' },
      { kind: 'door-not-opened', actor: 'staff:S001', subject: `door lockers/1/1 (A柜 1), item ${references.at(-1)}`, reason: 'jammed (during deposit)' },
      { kind: 'door-opening', actor: 'staff:S001', subject: `door lockers/1/2 (A柜 2), item ${opening.reference}`, reason: 'deposit' },
      { kind: 'door-back-in-service', actor: 'staff:S001', subject: 'door lockers/1/1 (A柜 1)', reason: 'repaired by staff' },
    ]);
  });

  it('a door seen open that the kiosk did not open', async () => {
    rig = await startLockerRig();
    rig.bus.emit('door', { board: 2, door: 1, state: 'open', previous: 'closed' });
    expect(trail()).toEqual([
      { kind: 'door-opened-unexpectedly', actor: 'unknown', subject: 'door lockers/2/1 (A柜 5)', reason: 'a poll saw it open: the kiosk did not open it (a staff key, or force)' },
    ]);
  });

  it('a door whose opening cannot be recorded stays shut, and its claim on the door is dropped', async () => {
    rig = await startLockerRig();
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    rig.audit.close();
    await expect(deposit()).rejects.toBeInstanceOf(AuditLogUnwritable);
    expect(rig.bus.unlocks).toEqual([]);
    expect(rig.service.inventory.inTransition()).toEqual([]);
  });
});
