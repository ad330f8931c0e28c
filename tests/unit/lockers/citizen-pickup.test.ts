import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../drivers/printer/escpos-decoder.ts';
import { CASE_OF_RESIDENT, closeDoor, flush, OTHER_CITIZEN, RESIDENT, STAFF_PASSWORD, startLockerRig, type LockerRig } from '../../support/locker-rig.ts';

/**
 * Citizen pickup with a fake bus and a manual clock: the code and the citizen's own card; collected when the door
 * closes (and the infrared shows the item gone), reported once; wrong codes locked out per recipient and per
 * terminal, for a while; a jammed or silent door leaves the item held and tells staff; the code checked offline,
 * and with the platform only for an item whose code the terminal has not learnt; the 取件凭证 on request.
 */
let rig: LockerRig;
afterEach(() => rig.close());

const MINUTE = 60_000;

/** Staff deposit an item for a recipient (door 1 unless taken), the platform answers; returns its reference and code. */
const deposited = async (recipient = RESIDENT, options: { platformAway?: boolean } = {}): Promise<{ reference: string; code: string; board: number; door: number }> => {
  await rig.service.staff.signIn('S001', STAFF_PASSWORD);
  rig.platform.reachable = options.platformAway !== true;
  const opening = await rig.service.deposit.begin({ caseNumber: CASE_OF_RESIDENT, recipientIdNumber: recipient.idNumber, itemName: '社会保障卡', size: 'small' });
  if (opening.status !== 'open') throw new Error(`no door: ${opening.status}`);
  const outcome = rig.service.deposit.awaitOutcome();
  const [board, door] = [1, opening.door];
  if (rig.bus.infrared) rig.bus.board(board).putItem(door);
  await closeDoor(rig, board, door);
  await outcome;
  rig.service.staff.signOut();
  rig.platform.reachable = true;
  return { reference: opening.reference, code: options.platformAway === true ? '' : rig.platform.codeFor(opening.reference), board, door };
};

const identified = (card = RESIDENT) => {
  rig.session.end('citizen');
  rig.session.start();
  rig.session.identify(card);
};

describe('citizen pickup', () => {
  it('opens the door for the code and the recipient’s own card, and reports the collection once the door has closed', async () => {
    rig = await startLockerRig();
    const { reference, code, board, door } = await deposited();
    identified();
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'opened', reference, caseNumber: CASE_OF_RESIDENT, itemName: '社会保障卡', cabinet: 'A柜', door: 1 });
    expect(rig.service.inventory.openings()[0]).toMatchObject({ actor: { kind: 'citizen', maskedIdNumber: '1101**********1237' }, reason: 'pickup', result: 'opened' });
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('collecting');
    const outcome = rig.service.pickup.awaitOutcome();
    await closeDoor(rig, board, door);
    expect(await outcome).toEqual({ status: 'collected', reference, collectedAt: rig.clock.now() });
    await flush();
    expect(rig.platform.collections).toEqual([{ depositReference: reference, caseNumber: CASE_OF_RESIDENT, cabinet: 'A柜', door: 1, collectedAt: new Date(rig.clock.now()).toISOString() }]);
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('collected');
    expect(rig.service.inventory.itemsInDoors()).toEqual([]);
    // The 取件凭证, on request, with the recipient masked.
    expect(await rig.service.pickup.printSlip()).toEqual({ printed: true });
    const lines = decodeEscPos(rig.printed[0] ?? new Uint8Array()).elements.flatMap((element) => (element.type === 'text' ? [element.text] : []));
    expect(lines).toContain('取件凭证');
    expect(lines.join('\n')).toContain('王** 1101**********1237');
    expect(lines.join('\n')).toContain('A柜 1号门');
    expect(lines.join('\n')).not.toContain(RESIDENT.idNumber);
  });

  it('opens one door for a double tap', async () => {
    rig = await startLockerRig();
    const { code } = await deposited();
    identified();
    const unlocks = rig.bus.unlocks.length;
    const [first, second] = await Promise.allSettled([rig.service.pickup.enterCode(code), rig.service.pickup.enterCode(code)]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'opened' } });
    expect(second).toMatchObject({ status: 'rejected', reason: { kind: 'invalid-state' } });
    expect(rig.bus.unlocks.length).toBe(unlocks + 1);
    await expect(rig.service.pickup.enterCode(code)).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  it('asks for the citizen’s card first, and for a code of digits', async () => {
    rig = await startLockerRig();
    rig.session.start();
    await expect(rig.service.pickup.enterCode('123456')).rejects.toMatchObject({ kind: 'invalid-state' });
    rig.session.identify(RESIDENT);
    await expect(rig.service.pickup.enterCode('12a456')).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(await rig.service.pickup.enterCode('123456')).toEqual({ status: 'nothing-waiting' });
  });

  it('locks a recipient out after five wrong codes for fifteen minutes — the right code included — then lets them in', async () => {
    rig = await startLockerRig();
    const { code } = await deposited();
    identified();
    for (let left = 4; left >= 1; left -= 1) expect(await rig.service.pickup.enterCode('000000')).toEqual({ status: 'wrong-code', triesLeft: left });
    const until = rig.clock.now() + 15 * MINUTE;
    expect(await rig.service.pickup.enterCode('000000')).toEqual({ status: 'locked', until });
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'locked', until });
    expect(rig.bus.unlocks).toEqual(['1/1']);
    // A new session, even after a restart, does not reset it.
    await rig.restart();
    identified();
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'locked' });
    rig.clock.advance(15 * MINUTE);
    // (The idle session ended meanwhile: the citizen puts their card on again.)
    identified();
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'opened' });
  });

  it('locks the terminal too: wrong codes of several citizens add up', async () => {
    rig = await startLockerRig();
    const { code } = await deposited();
    await deposited(OTHER_CITIZEN);
    identified(OTHER_CITIZEN);
    for (let i = 0; i < 3; i += 1) await rig.service.pickup.enterCode('000000');
    identified(RESIDENT);
    expect(await rig.service.pickup.enterCode('000001')).toEqual({ status: 'wrong-code', triesLeft: 1 });
    expect(await rig.service.pickup.enterCode('000002')).toMatchObject({ status: 'locked' });
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'locked' });
  });

  it('tells the citizen honestly when the door is jammed: staff alerted, nothing collected, nothing reported', async () => {
    rig = await startLockerRig();
    const { reference, code, board, door } = await deposited();
    rig.bus.board(board).jam(door);
    identified();
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'door-failed', problem: 'jammed', cabinet: 'A柜', door: 1 });
    expect(rig.alerts).toContainEqual({ kind: 'door-jammed', door: { cabinet: 'A柜', number: 1 }, during: 'pickup' });
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('held');
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'door-out-of-service', cabinet: 'A柜', door: 1 });
    await flush();
    expect(rig.platform.collections).toEqual([]);
    await expect(rig.service.pickup.printSlip()).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  it('says so when the board does not answer, and alerts staff', async () => {
    rig = await startLockerRig();
    const { code } = await deposited();
    rig.bus.unplugged.add(1);
    identified();
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'door-failed', problem: 'not-answering', cabinet: 'A柜', door: 1 });
    expect(rig.alerts).toContainEqual({ kind: 'board-not-answering', door: { cabinet: 'A柜', number: 1 }, during: 'pickup' });
    rig.bus.unplugged.clear();
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'opened' });
  });

  it('keeps the item held when the infrared sees it still inside after the door closed', async () => {
    rig = await startLockerRig({ infrared: true });
    const { reference, code, board, door } = await deposited();
    identified();
    await rig.service.pickup.enterCode(code);
    const first = rig.service.pickup.awaitOutcome();
    await closeDoor(rig, board, door);
    expect(await first).toEqual({ status: 'still-inside', cabinet: 'A柜', door: 1 });
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('held');
    await rig.service.pickup.enterCode(code);
    const second = rig.service.pickup.awaitOutcome();
    rig.bus.board(board).takeItem(door);
    await closeDoor(rig, board, door);
    expect(await second).toMatchObject({ status: 'collected' });
    await flush();
    expect(rig.platform.collections).toHaveLength(1);
  });

  it('works while the platform is away, and reports the collection exactly once when it is back, lost answers included', async () => {
    rig = await startLockerRig();
    const { code, board, door } = await deposited();
    rig.platform.reachable = false;
    identified();
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'opened' });
    const outcome = rig.service.pickup.awaitOutcome();
    await closeDoor(rig, board, door);
    expect(await outcome).toMatchObject({ status: 'collected' });
    rig.platform.reachable = true;
    rig.platform.dropAnswers = 2;
    for (let i = 0; i < 4; i += 1) {
      rig.clock.advance(1000);
      await flush();
    }
    expect(rig.platform.collections).toHaveLength(1);
    expect(rig.outbox.counts()).toMatchObject({ queued: 0, sending: 0, accepted: 2 });
  });

  it('asks the platform for an item whose code it has not learnt, learns it, and says so when it cannot ask', async () => {
    rig = await startLockerRig();
    // The platform took the deposit and sent the SMS, but its answer was lost: the terminal has no code yet.
    rig.platform.dropAnswers = 1;
    const { reference } = await deposited();
    expect(rig.service.inventory.itemByReference(reference)?.codeKnown).toBe(false);
    const code = rig.platform.codeFor(reference);
    identified();
    rig.platform.reachable = false;
    expect(await rig.service.pickup.enterCode(code)).toEqual({ status: 'cannot-check' });
    rig.platform.reachable = true;
    expect(await rig.service.pickup.enterCode('999999')).toEqual({ status: 'wrong-code', triesLeft: 4 });
    expect(await rig.service.pickup.enterCode(code)).toMatchObject({ status: 'opened', reference });
    expect(rig.service.inventory.itemByReference(reference)?.codeKnown).toBe(true);
  });

  it('drops the session’s pickup at its end, but still reports the collection when the door closes', async () => {
    rig = await startLockerRig({ printer: false });
    const { code, board, door } = await deposited();
    identified();
    await rig.service.pickup.enterCode(code);
    rig.session.end('idle');
    expect(() => rig.service.pickup.awaitOutcome()).toThrow(/no door/);
    await closeDoor(rig, board, door);
    await flush();
    expect(rig.platform.collections).toHaveLength(1);
  });

  it('offers the slip’s QR when there is no printer', async () => {
    rig = await startLockerRig({ printer: false });
    const { code, board, door } = await deposited();
    identified();
    await rig.service.pickup.enterCode(code);
    const outcome = rig.service.pickup.awaitOutcome();
    await closeDoor(rig, board, door);
    await outcome;
    expect(await rig.service.pickup.printSlip()).toEqual({ printed: false, reason: 'no-printer', trackingUrl: `https://zwfw.example.gov.cn/q?case=${CASE_OF_RESIDENT}` });
  });

  it('picks up where a stop left a pickup: the door closing afterwards still makes it collected, once', async () => {
    rig = await startLockerRig();
    const { reference, code, board, door } = await deposited();
    identified();
    await rig.service.pickup.enterCode(code);
    await rig.restart();
    await closeDoor(rig, board, door);
    await flush();
    expect(rig.service.inventory.itemByReference(reference)?.state).toBe('collected');
    expect(rig.platform.collections).toHaveLength(1);
  });
});
