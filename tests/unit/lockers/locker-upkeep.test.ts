import { afterEach, describe, expect, it } from 'vitest';
import { LockerKeys } from '../../../main/lockers/locker-keys.ts';
import { CASE_OF_RESIDENT, closeDoor, flush, RESIDENT, STAFF_PASSWORD, startLockerRig, type LockerRig } from '../../support/locker-rig.ts';

/**
 * What staff hear and do: doors left open, doors opened without the kiosk, items kept past their retention (told
 * once), retrieving items, putting a repaired door back, and items a stop left in the middle of a deposit.
 */
let rig: LockerRig;
afterEach(() => rig.close());

const DAY = 86_400_000;

const depositOne = async () => {
  await rig.service.staff.signIn('S001', STAFF_PASSWORD);
  const opening = await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '营业执照（正本）', size: 'small' });
  if (opening.status !== 'open') throw new Error(opening.status);
  const outcome = rig.service.deposit.awaitOutcome();
  await closeDoor(rig, 1, 1);
  await outcome;
  return opening.reference;
};

describe('locker upkeep', () => {
  it('alerts staff to a door left open, and to a door opened without the kiosk (recorded as such)', async () => {
    rig = await startLockerRig();
    rig.bus.emit('door-left-open', { board: 2, door: 2, openForMs: 120_000 });
    expect(rig.alerts).toEqual([{ kind: 'door-left-open', door: { cabinet: 'A柜', number: 6 }, openForMs: 120_000 }]);
    rig.bus.emit('door', { board: 1, door: 4, state: 'open', previous: 'closed' });
    expect(rig.alerts[1]).toEqual({ kind: 'door-opened-unexpectedly', door: { cabinet: 'A柜', number: 4 } });
    expect(rig.service.inventory.openings()[0]).toMatchObject({ board: 1, door: 4, actor: { kind: 'unknown' }, reason: 'not-commanded', result: 'seen-open' });
    // A door the kiosk opened is no surprise.
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' });
    rig.bus.emit('door', { board: 1, door: 1, state: 'open', previous: 'closed' });
    expect(rig.alerts).toHaveLength(2);
  });

  it('tells staff once of an item kept past its retention, shows it overdue, and lets them take it back', async () => {
    rig = await startLockerRig();
    const reference = await depositOne();
    rig.clock.advance(7 * DAY - 1);
    expect(rig.service.upkeep.sweepRetention()).toBe(0);
    rig.clock.advance(1);
    // The hourly sweep finds it, once.
    rig.clock.advance(3 * 60 * 60_000);
    const retention = rig.alerts.filter((alert) => alert.kind === 'retention-ended');
    expect(retention).toEqual([{ kind: 'retention-ended', door: { cabinet: 'A柜', number: 1 }, reference, caseNumber: CASE_OF_RESIDENT, keepUntil: expect.any(Number) as number }]);
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    const door1 = rig.service.upkeep.overview().find((door) => door.number === 1);
    expect(door1?.item).toMatchObject({ reference, state: 'held', overdue: true, caseNumber: CASE_OF_RESIDENT });
    expect(await rig.service.upkeep.retrieve(reference)).toEqual({ status: 'opened', cabinet: 'A柜', door: 1 });
    expect(rig.service.inventory.openings()[0]).toMatchObject({ actor: { kind: 'staff', staffId: 'S001' }, reason: 'retrieve' });
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('retrieved');
    expect(rig.service.upkeep.overview().find((door) => door.number === 1)?.item).toBeNull();
  });

  it('opens a door for the fleet operator with no one signed in, recorded as theirs, and never a door in someone’s flow', async () => {
    rig = await startLockerRig();
    const reference = await depositOne();
    rig.service.staff.signOut();
    expect(await rig.service.upkeep.openRemotely('A柜', 1)).toEqual({ status: 'opened', cabinet: 'A柜', door: 1 });
    expect(rig.service.inventory.openings()[0]).toMatchObject({ board: 1, door: 1, actor: { kind: 'operator' }, reason: 'remote', result: 'opened' });
    // What the door holds stays the inventory's: the operator opened it, nobody took the item out.
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('held');
    const records = rig.audit.latest(null).map(({ kind, actor, reason }) => ({ kind, actor, reason }));
    expect(records.at(-1)).toEqual({ kind: 'door-opening', actor: 'operator', reason: 'remote' });
    await closeDoor(rig, 1, 1);
    rig.bus.board(1).jam(2);
    expect(await rig.service.upkeep.openRemotely('A柜', 2)).toEqual({ status: 'door-failed', problem: 'jammed', cabinet: 'A柜', door: 2 });
    await expect(rig.service.upkeep.openRemotely('A柜', 99)).rejects.toMatchObject({ kind: 'invalid-request' });
    // A deposit under way at door 3: its door is in staff's flow.
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    const opening = await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'medium' });
    if (opening.status !== 'open') throw new Error(opening.status);
    await expect(rig.service.upkeep.openRemotely('A柜', opening.door)).rejects.toMatchObject({ kind: 'invalid-state', message: expect.stringMatching(/open for someone now/) as string });
  });

  it('puts a repaired door back in service', async () => {
    rig = await startLockerRig();
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    rig.bus.board(1).jam(1);
    await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' });
    expect(rig.service.upkeep.overview().find((door) => door.number === 1)?.jammed).toBe(true);
    rig.bus.board(1).jam(1, false);
    rig.service.upkeep.clearJam('A柜', 1);
    expect(rig.service.upkeep.overview().find((door) => door.number === 1)?.jammed).toBe(false);
    expect(() => rig.service.upkeep.clearJam('A柜', 99)).toThrow(/no door/);
    rig.service.staff.signOut();
    expect(() => rig.service.upkeep.overview()).toThrow(/sign in/);
  });

  it('asks staff to check a door left in the middle of a deposit when the kiosk stopped', async () => {
    rig = await startLockerRig();
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    const opening = await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' });
    const reference = opening.status === 'open' ? opening.reference : '';
    await rig.restart();
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('needs-check');
    expect(rig.alerts.at(-1)).toMatchObject({ kind: 'needs-check', door: { cabinet: 'A柜', number: 1 }, reference });
    await flush();
    // Its door is not offered to the next deposit.
    await rig.service.staff.signIn('S001', STAFF_PASSWORD);
    rig.bus.board(1).close(1);
    expect(await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' })).toMatchObject({ door: 2 });
  });

  it('puts a report a stop left out of the outbox into it at the next start, once', async () => {
    rig = await startLockerRig();
    // A collection committed in the inventory, the kiosk stopped before it reached the outbox.
    const keys = new LockerKeys(rig.dataKey);
    const { inventory } = rig.service;
    const reference = await depositOne();
    const item = inventory.itemByReference(reference);
    if (item === null) throw new Error('no item');
    inventory.transaction(() => {
      inventory.setState(item.id, 'collected', rig.clock.now());
      inventory.addReport({
        itemId: item.id,
        kind: 'locker-collection',
        idempotencyKey: 'e6f1c8a2-0000-4000-8000-000000000001',
        sealedBody: keys.seal.seal(JSON.stringify({ depositReference: reference, caseNumber: CASE_OF_RESIDENT, cabinet: 'A柜', door: 1, collectedAt: new Date(rig.clock.now()).toISOString() }), 'locker-collection:e6f1c8a2-0000-4000-8000-000000000001'),
        summary: { itemNames: ['营业执照（正本）'], taskCodes: [], bundleCode: null },
      });
    });
    expect(inventory.pendingReports()).toHaveLength(1);
    await rig.restart();
    await rig.restart();
    await flush();
    expect(rig.service.inventory.pendingReports()).toEqual([]);
    expect(rig.platform.collections).toHaveLength(1);
    expect(rig.outbox.counts()).toMatchObject({ accepted: 2, queued: 0 });
  });
});
