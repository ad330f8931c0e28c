import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../drivers/printer/escpos-decoder.ts';
import { CASE_OF_OTHER, CASE_OF_RESIDENT, closeDoor, flush, RESIDENT, startLockerRig, type LockerRig } from '../../support/locker-rig.ts';

/**
 * Material drop-off with a fake bus and a manual clock: an identified citizen, their own case (when the platform
 * can say), a free door of the size asked for; received and reported when the door closes with something inside;
 * the 材料接收凭证 on request.
 */
let rig: LockerRig;
afterEach(() => rig.close());

const identified = () => {
  rig.session.start();
  rig.session.identify(RESIDENT);
};
const request = { caseNumber: CASE_OF_RESIDENT, materials: ['房屋租赁合同登记备案证明', '身份证复印件'], size: 'medium' as const };

describe('material drop-off', () => {
  it('opens a free door of the size asked for, receives the materials when it closes, reports them and prints the receipt', async () => {
    rig = await startLockerRig();
    identified();
    const opening = await rig.service.dropOff.start(request);
    expect(opening).toMatchObject({ status: 'open', cabinet: 'A柜', door: 3 });
    expect(rig.service.inventory.openings()[0]).toMatchObject({ actor: { kind: 'citizen', maskedIdNumber: '1101**********1237' }, reason: 'drop-off', result: 'opened' });
    const outcome = rig.service.dropOff.awaitOutcome();
    await closeDoor(rig, 1, 3);
    expect(await outcome).toMatchObject({ status: 'received', platform: 'recorded' });
    expect(rig.platform.dropOffs).toEqual([expect.objectContaining({ caseNumber: CASE_OF_RESIDENT, submitterIdNumber: RESIDENT.idNumber, materials: request.materials, cabinet: 'A柜', door: 3 })]);
    expect(rig.service.inventory.itemsInDoors()).toEqual([expect.objectContaining({ kind: 'materials', state: 'dropped', materials: request.materials, placedBy: '1101**********1237' })]);
    expect(await rig.service.dropOff.printReceipt()).toEqual({ printed: true });
    const text = decodeEscPos(rig.printed[0] ?? new Uint8Array()).elements.flatMap((element) => (element.type === 'text' ? [element.text] : [])).join('\n');
    expect(text).toContain('材料接收凭证');
    expect(text).toContain('房屋租赁合同登记备案证明');
    expect(text).toContain('A柜 3号门');
    expect(text).not.toContain(RESIDENT.idNumber);
  });

  it('refuses a case the platform says is not the citizen’s, and goes ahead when the platform cannot say', async () => {
    rig = await startLockerRig();
    identified();
    expect(await rig.service.dropOff.start({ ...request, caseNumber: CASE_OF_OTHER })).toEqual({ status: 'not-your-case' });
    expect(rig.bus.unlocks).toEqual([]);
    rig.platform.reachable = false;
    expect(await rig.service.dropOff.start(request)).toMatchObject({ status: 'open' });
    const outcome = rig.service.dropOff.awaitOutcome();
    await closeDoor(rig, 1, 3);
    expect(await outcome).toMatchObject({ status: 'received', platform: 'queued' });
    rig.platform.reachable = true;
    rig.clock.advance(1000);
    await flush();
    expect(rig.platform.dropOffs).toHaveLength(1);
  });

  it('records nothing when the infrared sees nothing inside', async () => {
    rig = await startLockerRig({ infrared: true });
    identified();
    await rig.service.dropOff.start(request);
    const outcome = rig.service.dropOff.awaitOutcome();
    await closeDoor(rig, 1, 3);
    expect(await outcome).toEqual({ status: 'nothing-inside', cabinet: 'A柜', door: 3 });
    await expect(rig.service.dropOff.printReceipt()).rejects.toMatchObject({ kind: 'invalid-state' });
    expect(rig.service.inventory.itemsInDoors()).toEqual([]);
    await flush();
    expect(rig.platform.dropOffs).toEqual([]);
  });

  it('needs an identified citizen, a case number and materials', async () => {
    rig = await startLockerRig();
    rig.session.start();
    await expect(rig.service.dropOff.start(request)).rejects.toMatchObject({ kind: 'invalid-state' });
    rig.session.identify(RESIDENT);
    await expect(rig.service.dropOff.start({ ...request, caseNumber: '?' })).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(rig.service.dropOff.start({ ...request, materials: [' '] })).rejects.toMatchObject({ kind: 'invalid-request' });
  });
});
