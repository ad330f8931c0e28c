import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DepositRequest } from '../../../main/lockers/staff-deposit.ts';
import { LockerRefused } from '../../../main/lockers/locker-refused.ts';
import { StaffSignInRequired } from '../../../main/lockers/staff-desk.ts';
import { CASE_OF_RESIDENT, closeDoor, flush, RESIDENT, STAFF_PASSWORD, startLockerRig, type LockerRig } from '../../support/locker-rig.ts';

/**
 * Staff deposit with a fake bus and a manual clock: signed-in staff only; the snuggest free door that reads closed
 * and empty, another when one is jammed; registered when the door closes, reported through the outbox, the
 * platform's code kept only as a keyed hash; queued while the platform is away; cancelled, or nothing inside.
 */
let rig: LockerRig;
afterEach(() => rig.close());

const request = (overrides: Partial<DepositRequest> = {}): DepositRequest => ({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small', ...overrides });
const signIn = () => rig.service.staff.signIn('S001', STAFF_PASSWORD);

describe('staff deposit', () => {
  it('is for signed-in staff only', async () => {
    rig = await startLockerRig();
    await expect(rig.service.deposit.begin(request())).rejects.toBeInstanceOf(StaffSignInRequired);
    expect(rig.bus.unlocks).toEqual([]);
  });

  it('opens the snuggest free door, registers the item when the door closes, and keeps only a keyed hash of the platform’s code', async () => {
    rig = await startLockerRig();
    await signIn();
    const opening = await rig.service.deposit.begin(request());
    expect(opening).toMatchObject({ status: 'open', cabinet: 'A柜', door: 1, size: 'small' });
    expect(rig.bus.unlocks).toEqual(['1/1']);
    expect(rig.service.inventory.openings()[0]).toMatchObject({ board: 1, door: 1, actor: { kind: 'staff', staffId: 'S001' }, reason: 'deposit', result: 'opened' });
    const outcome = rig.service.deposit.awaitOutcome();
    await closeDoor(rig, 1, 1);
    expect(await outcome).toEqual({ status: 'registered', reference: opening.status === 'open' ? opening.reference : '', cabinet: 'A柜', door: 1, keepUntil: rig.clock.now() + 7 * 86_400_000, platform: 'code-sent' });
    const reference = opening.status === 'open' ? opening.reference : '';
    const item = rig.service.inventory.itemByReference(reference);
    expect(item).toMatchObject({ state: 'held', codeKnown: true, depositNumber: 'CG1', caseNumber: CASE_OF_RESIDENT, placedBy: 'S001' });
    expect(item?.recipientTag).not.toContain(RESIDENT.idNumber);
    const sent = rig.platform.deposits.get(reference);
    expect(sent).toMatchObject({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: RESIDENT.idNumber, cabinet: 'A柜', door: 1, staffId: 'S001', itemName: '社会保障卡' });
    // Neither the code nor the ID number is on disk in plain text (inventory, outbox, their WALs).
    const code = rig.platform.codeFor(reference);
    for (const file of await readdir(rig.dir)) {
      const bytes = (await readFile(path.join(rig.dir, file))).toString('latin1');
      expect(bytes.includes(code), `code in ${file}`).toBe(false);
      expect(bytes.includes(RESIDENT.idNumber), `ID number in ${file}`).toBe(false);
    }
  });

  it('tries another door when one will not open, sets the jammed one aside and tells staff', async () => {
    rig = await startLockerRig();
    await signIn();
    rig.bus.board(1).jam(1);
    expect(await rig.service.deposit.begin(request())).toMatchObject({ status: 'open', door: 2 });
    expect(rig.bus.unlocks).toEqual(['1/1', '1/2']);
    expect(rig.alerts).toEqual([{ kind: 'door-jammed', door: { cabinet: 'A柜', number: 1 }, during: 'deposit' }]);
    expect(rig.service.inventory.doorCondition({ cabinet: 'lockers', board: 1, door: 1 })).toBe('jammed');
    expect(rig.service.inventory.openings().map((opening) => opening.result)).toEqual(['opened', 'jammed']);
  });

  it('passes over doors that read open or hold something, and says when nothing fits or nothing answers', async () => {
    rig = await startLockerRig({ infrared: true });
    await signIn();
    rig.bus.board(1).openByHand(4);
    rig.bus.board(2).putItem(1);
    // Large: only door 4, which stands open.
    expect(await rig.service.deposit.begin(request({ size: 'large' }))).toEqual({ status: 'no-free-door' });
    // Medium: door 3, then 5 (holds something), 6.
    expect(await rig.service.deposit.begin(request({ size: 'medium' }))).toMatchObject({ status: 'open', door: 3 });
    rig.service.deposit.cancel();
    await closeDoor(rig, 1, 3);
    rig.bus.unplugged.add(1);
    rig.bus.unplugged.add(2);
    expect(await rig.service.deposit.begin(request())).toEqual({ status: 'not-answering' });
  });

  it('registers the item while the platform is away; the code follows when it is back', async () => {
    rig = await startLockerRig();
    await signIn();
    rig.platform.reachable = false;
    const opening = await rig.service.deposit.begin(request());
    const outcome = rig.service.deposit.awaitOutcome();
    await closeDoor(rig, 1, 1);
    expect(await outcome).toMatchObject({ status: 'registered', platform: 'queued' });
    const reference = opening.status === 'open' ? opening.reference : '';
    expect(rig.service.inventory.itemByReference(reference)).toMatchObject({ state: 'held', codeKnown: false });
    rig.platform.reachable = true;
    rig.clock.advance(1000);
    await flush();
    expect(rig.service.inventory.itemByReference(reference)).toMatchObject({ codeKnown: true });
    expect(rig.platform.deposits.size).toBe(1);
  });

  it('registers nothing when staff cancel before closing, or when the infrared sees nothing inside', async () => {
    rig = await startLockerRig({ infrared: true });
    await signIn();
    await rig.service.deposit.begin(request());
    rig.service.deposit.cancel();
    const cancelled = rig.service.deposit.awaitOutcome();
    rig.bus.board(1).putItem(1);
    await closeDoor(rig, 1, 1);
    expect(await cancelled).toEqual({ status: 'cancelled', cabinet: 'A柜', door: 1 });
    rig.bus.board(1).takeItem(1);
    await rig.service.deposit.begin(request());
    const empty = rig.service.deposit.awaitOutcome();
    await closeDoor(rig, 1, 1);
    expect(await empty).toEqual({ status: 'nothing-inside', cabinet: 'A柜', door: 1 });
    expect(rig.platform.deposits.size).toBe(0);
    expect(rig.service.inventory.itemsInDoors()).toEqual([]);
    // With the item in, the same door registers it.
    await rig.service.deposit.begin(request());
    const placed = rig.service.deposit.awaitOutcome();
    rig.bus.board(1).putItem(1);
    await closeDoor(rig, 1, 1);
    expect(await placed).toMatchObject({ status: 'registered' });
  });

  it('refuses what is not a deposit, and a second one while a door is open', async () => {
    rig = await startLockerRig();
    await signIn();
    await expect(rig.service.deposit.begin(request({ recipientIdNumber: '1101' }))).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(rig.service.deposit.begin(request({ caseNumber: 'x' }))).rejects.toBeInstanceOf(LockerRefused);
    await expect(rig.service.deposit.begin(request({ itemName: ' ' }))).rejects.toMatchObject({ kind: 'invalid-request' });
    await rig.service.deposit.begin(request());
    await expect(rig.service.deposit.begin(request())).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  it('alerts staff when the platform refuses a deposit, and marks the item', async () => {
    rig = await startLockerRig();
    await signIn();
    const opening = await rig.service.deposit.begin(request({ recipientIdNumber: '440301199912310018' }));
    const outcome = rig.service.deposit.awaitOutcome();
    await closeDoor(rig, 1, 1);
    expect(await outcome).toMatchObject({ status: 'registered', platform: 'refused' });
    const reference = opening.status === 'open' ? opening.reference : '';
    expect(rig.service.inventory.itemByReference(reference)?.problem).toBe('locker-deposit: recipient-mismatch');
    expect(rig.alerts).toContainEqual({ kind: 'report-refused', door: { cabinet: 'A柜', number: 1 }, reference, report: 'locker-deposit', reason: 'recipient-mismatch' });
  });
});
