import { randomUUID } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import type { LockerCollectionBody, LockerDepositBody, MaterialDropOffBody } from '../../main/platform/locker-deliveries.ts';
import { PlatformUnreachable, TerminalRefused } from '../../main/platform/platform-adapter.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';

/**
 * The locker side of the platform contract over loopback: deposits (pickup code minted, SMS sent, case ready for
 * pickup), collections (exactly once per deposit, also when the answer is lost after the work), material
 * drop-offs, pickup-code checks with their own lockout, and the adapter's meaning of each kind of answer.
 */
let platform: ReferencePlatform;
let adapter: HttpPlatformAdapter;
let otherTerminal: HttpPlatformAdapter;

/** Demo cases of the sample citizen 王测试 (reference-platform/cases/demo-cases.ts). */
const RECIPIENT = '110101199001011237';
const READY_CASE = 'SH310115202611020031';
const OTHER_CASE = 'SH310115202611180007';

beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 20, faultControl: true });
  adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: registeredTerminal(platform) });
  otherTerminal = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: registeredTerminal(platform, 'TEST-310115-0002') });
});
afterAll(() => platform.close());

const depositBody = (overrides: Partial<LockerDepositBody> = {}): LockerDepositBody => ({
  reference: randomUUID(),
  caseNumber: READY_CASE,
  recipientIdNumber: RECIPIENT,
  itemName: '社会保障卡',
  cabinet: 'A柜',
  door: 12,
  depositedAt: new Date().toISOString(),
  pickupBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  staffId: 'S001',
  ...overrides,
});

const deposit = async (overrides: Partial<LockerDepositBody> = {}) => {
  const body = depositBody(overrides);
  const outcome = await adapter.registerLockerDeposit(JSON.stringify(body), randomUUID());
  if (outcome.outcome !== 'accepted') throw new Error(`deposit refused: ${outcome.code}`);
  return { body, answer: outcome.answer };
};

const collectionOf = (body: LockerDepositBody): LockerCollectionBody => ({ depositReference: body.reference, caseNumber: body.caseNumber, cabinet: body.cabinet, door: body.door, collectedAt: new Date().toISOString() });

describe('locker deposits', () => {
  it('mints a pickup code, sends it by SMS, makes the case ready for pickup, and answers a retried key with the same code', async () => {
    const body = JSON.stringify(depositBody({ caseNumber: OTHER_CASE }));
    const key = randomUUID();
    const first = await adapter.registerLockerDeposit(body, key);
    if (first.outcome !== 'accepted') throw new Error('not accepted');
    expect(first.answer.pickupCode).toMatch(/^[0-9]{6}$/);
    expect(first.answer.depositNumber).toMatch(/^CG\d{8}\d{4}$/);
    const sms = platform.lockers.smsMessages(OTHER_CASE);
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain(`取件码${first.answer.pickupCode}`);
    expect(sms[0]?.text).toContain('A柜 12号门');
    expect(platform.lockers.pickupCodeFor(OTHER_CASE)).toBe(first.answer.pickupCode);
    expect(platform.cases.byCaseNumber(OTHER_CASE)).toMatchObject({ stage: 'ready-for-pickup' });
    expect(await adapter.registerLockerDeposit(body, key)).toEqual({ ...first, replayed: true });
    expect(platform.lockers.smsMessages(OTHER_CASE)).toHaveLength(1);
    expect(await adapter.registerLockerDeposit(JSON.stringify(depositBody()), key)).toMatchObject({ outcome: 'rejected', code: 'idempotency-conflict' });
  });

  it('refuses a deposit for an unknown case, for someone who is not the applicant, or under a reference used before', async () => {
    expect(await adapter.registerLockerDeposit(JSON.stringify(depositBody({ caseNumber: 'SH310115209901010001' })), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'unknown-case' });
    expect(await adapter.registerLockerDeposit(JSON.stringify(depositBody({ recipientIdNumber: '310115195803120029' })), randomUUID())).toMatchObject({
      outcome: 'rejected',
      code: 'recipient-mismatch',
    });
    const { body } = await deposit();
    expect(await adapter.registerLockerDeposit(JSON.stringify({ ...body, door: 3 }), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'duplicate-reference' });
    expect(await adapter.registerLockerDeposit(JSON.stringify({ ...depositBody(), door: 0 }), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'invalid-deposit' });
  });

  it('gives items waiting at one terminal different codes', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 8; i += 1) codes.add((await deposit({ door: i + 1 })).answer.pickupCode);
    expect(codes.size).toBe(8);
  });
});

describe('locker collections', () => {
  it('records a collection exactly once per deposit, and moves the case to collected', async () => {
    const { body } = await deposit();
    const collection = JSON.stringify(collectionOf(body));
    const key = randomUUID();
    const first = await adapter.reportLockerCollection(collection, key);
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false });
    expect(await adapter.reportLockerCollection(collection, key)).toMatchObject({ outcome: 'accepted', replayed: true });
    expect(await adapter.reportLockerCollection(JSON.stringify(collectionOf(body)), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'already-collected' });
    const record = platform.lockers.depositByReference('TEST-310115-0001', body.reference);
    expect(record?.collectedAt).not.toBeNull();
    expect(platform.cases.byCaseNumber(READY_CASE)).toMatchObject({ stage: 'collected' });
  });

  it('takes the collection once when the answer was lost after the work, and the terminal sends it again', async () => {
    const { body } = await deposit({ caseNumber: OTHER_CASE });
    const before = platform.lockers.collectionCount(OTHER_CASE);
    const collection = JSON.stringify(collectionOf(body));
    const key = randomUUID();
    platform.faults.add({ path: '/v1/lockers/collections', fault: { kind: 'drop-after' }, times: 1 });
    await expect(adapter.reportLockerCollection(collection, key)).rejects.toBeInstanceOf(PlatformUnreachable);
    expect(await adapter.reportLockerCollection(collection, key)).toMatchObject({ outcome: 'accepted', replayed: true });
    expect(platform.lockers.collectionCount(OTHER_CASE)).toBe(before + 1);
  });

  it('refuses a collection of a deposit another terminal made', async () => {
    const { body } = await deposit();
    expect(await otherTerminal.reportLockerCollection(JSON.stringify(collectionOf(body)), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'unknown-deposit' });
  });
});

describe('material drop-offs', () => {
  const dropOffBody = (overrides: Partial<MaterialDropOffBody> = {}): MaterialDropOffBody => ({
    reference: randomUUID(),
    caseNumber: 'SH310115202610150102',
    submitterIdNumber: RECIPIENT,
    materials: ['房屋租赁合同登记备案证明'],
    cabinet: 'B柜',
    door: 3,
    droppedAt: new Date().toISOString(),
    ...overrides,
  });

  it('records materials dropped off for the submitter’s own case and notes it on the case', async () => {
    const outcome = await adapter.reportMaterialDropOff(JSON.stringify(dropOffBody()), randomUUID());
    expect(outcome).toMatchObject({ outcome: 'accepted' });
    expect(platform.lockers.dropOffsOf('SH310115202610150102')).toHaveLength(1);
    expect(platform.cases.byCaseNumber('SH310115202610150102')?.stageNote).toContain('B柜 3号门');
  });

  it('refuses materials for someone else’s case', async () => {
    expect(await adapter.reportMaterialDropOff(JSON.stringify(dropOffBody({ submitterIdNumber: '310115195803120029' })), randomUUID())).toMatchObject({
      outcome: 'rejected',
      code: 'not-the-applicant',
    });
  });
});

describe('pickup-code checks', () => {
  it('names the item a code opens for its recipient at this terminal, and nothing for anyone else', async () => {
    const { body, answer } = await deposit({ door: 20 });
    expect(await adapter.checkPickupCode(answer.pickupCode, RECIPIENT)).toEqual({
      matched: true,
      item: { depositReference: body.reference, depositNumber: answer.depositNumber, caseNumber: READY_CASE, itemName: '社会保障卡', cabinet: 'A柜', door: 20 },
    });
    expect(await otherTerminal.checkPickupCode(answer.pickupCode, RECIPIENT)).toMatchObject({ matched: false, code: 'no-match' });
    expect(await adapter.checkPickupCode(answer.pickupCode, '310115195803120029')).toMatchObject({ matched: false, code: 'no-match' });
  });

  it('locks a recipient out after five misses', async () => {
    const recipient = '810000198507080028';
    for (let i = 0; i < 5; i += 1) expect(await adapter.checkPickupCode('000000', recipient)).toMatchObject({ matched: false, code: 'no-match' });
    expect(await adapter.checkPickupCode('000000', recipient)).toMatchObject({ matched: false, code: 'locked-out' });
  });
});

describe('what the adapter makes of the answers', () => {
  it('no decision for 5xx, garbage and dropped connections; a refused terminal for 401', async () => {
    const body = JSON.stringify(depositBody());
    platform.faults.add({ path: '/v1/lockers/deposits', fault: { kind: 'status', status: 503 }, times: 1 });
    await expect(adapter.registerLockerDeposit(body, randomUUID())).rejects.toBeInstanceOf(PlatformUnreachable);
    platform.faults.add({ path: '/v1/lockers/deposits', fault: { kind: 'garbage' }, times: 1 });
    await expect(adapter.registerLockerDeposit(body, randomUUID())).rejects.toBeInstanceOf(PlatformUnreachable);
    platform.faults.add({ path: '/v1/lockers/pickup-code-checks', fault: { kind: 'drop' }, times: 1 });
    await expect(adapter.checkPickupCode('123456', RECIPIENT)).rejects.toBeInstanceOf(PlatformUnreachable);
    platform.faults.add({ path: '/v1/lockers/pickup-code-checks', fault: { kind: 'status', status: 401 }, times: 1 });
    await expect(adapter.checkPickupCode('123456', RECIPIENT)).rejects.toBeInstanceOf(TerminalRefused);
    const stranger = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: { terminalId: 'NOBODY-0001', ...sm2.generateKeyPairHex() } });
    await expect(stranger.reportMaterialDropOff(body, randomUUID())).rejects.toMatchObject({ code: 'unknown-terminal' });
  });

  it('lets another process read the SMS over /_control/sms when fault control is on', async () => {
    const { answer } = await deposit({ door: 30 });
    const messages = ((await (await fetch(new URL(`_control/sms?caseNumber=${READY_CASE}`, platform.url))).json()) as { messages: Array<{ text: string }> }).messages;
    expect(messages.at(-1)?.text).toContain(answer.pickupCode);
  });
});
