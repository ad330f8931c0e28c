import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import type { IdCard } from '../../drivers/idcard/id-card.ts';
import { PAPER } from '../../drivers/printer/receipt-layout.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { AuditFile } from '../../main/audit/audit-file.ts';
import { AuditLog } from '../../main/audit/audit-log.ts';
import { OutboxCourier } from '../../main/cases/outbox-courier.ts';
import { Outbox } from '../../main/cases/outbox.ts';
import { loadReceiptBranding } from '../../main/cases/receipts/receipt-branding.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { systemClock } from '../../main/common/clock.ts';
import type { LockerAlert } from '../../main/lockers/locker-alerts.ts';
import { LockerService } from '../../main/lockers/locker-service.ts';
import { hashStaffPassword } from '../../main/lockers/staff-accounts.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { CitizenSession } from '../../main/session/citizen-session.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';
import { startLockerBusOnPty, type LockerBusOnPty } from '../support/simulated-locker.ts';

/**
 * The locker service as a terminal runs it: the real LockerBus on simulated lock boards over a pty, the reference
 * platform over loopback, the outbox on disk. Staff sign in and deposit; the platform mints the code and "sends"
 * it; the citizen collects it with the code and their own card; the platform holds the collection exactly once,
 * also when its answer was lost after the work or it was away. Wrong codes lock out; a jammed door leaves the item
 * held and alerts staff. The audit log has the sign-ins, their failures and every door opening, who and why, and
 * nothing of the citizen's.
 */
const RESIDENT = SAMPLE_CARDS.resident as IdCard;
const READY_CASE = 'SH310115202611020031';
const SUPPLEMENT_CASE = 'SH310115202610150102';
const PASSWORD = 'correct horse';

interface Terminal {
  dir: string;
  platform: ReferencePlatform;
  lockers: LockerBusOnPty;
  outbox: Outbox;
  courier: OutboxCourier;
  session: CitizenSession;
  service: LockerService;
  alerts: LockerAlert[];
  audit: AuditLog;
}

let terminal: Terminal | null = null;
afterEach(async () => {
  if (terminal === null) return;
  const { service, courier, outbox, session, lockers, platform, dir, audit } = terminal;
  terminal = null;
  session.dispose();
  service.close();
  audit.close();
  await courier.stop();
  outbox.close();
  await lockers.stop();
  await platform.close();
  await rm(dir, { recursive: true, force: true });
});

/** A cabinet of one board: CU16 (with infrared) or a generic 8A board (without). */
const startTerminal = async (protocol: LockerProtocolName): Promise<Terminal> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'locker-service-'));
  const address = protocol === 'kerong-cu16' ? 0 : 1;
  const lockers = await startLockerBusOnPty({ protocol, boards: [{ address, doors: 8, sensorDelayMs: 30 }] });
  const platform = await startReferencePlatform({ port: 0, guides: 20 });
  const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: registeredTerminal(platform) });
  const dataKey = randomBytes(32);
  const outbox = new Outbox({ file: path.join(dir, 'outbox.sqlite'), seal: new PayloadSeal(dataKey), referencePrefix: 'TEST-0001-' });
  const courier = new OutboxCourier({ outbox, platform: adapter, clock: systemClock, baseBackoffMs: 50, maxBackoffMs: 200 });
  const session = new CitizenSession({ idleTimeoutMs: 600_000, warningMs: 20_000, defaultLocale: 'zh-CN', locales: ['zh-CN', 'en'], clock: systemClock, newSessionId: () => 's1', onChange: () => undefined, onWipeError: () => undefined });
  const alerts: LockerAlert[] = [];
  const audit = new AuditLog(path.join(dir, 'audit.sqlite'), systemClock);
  const service = new LockerService({
    cabinets: [{ id: 'lockers', label: 'A柜', boards: [{ address, doors: 8, doorSizes: ['small', 'small', 'small', 'small', 'medium', 'medium', 'large', 'large'] }] }],
    buses: new Map([['lockers', lockers.bus]]),
    inventoryFile: path.join(dir, 'lockers.sqlite'),
    dataKey,
    outbox,
    courier,
    platform: adapter,
    session,
    staffAccounts: [{ staffId: 'S001', passwordHash: await hashStaffPassword(PASSWORD, { log2N: 10, r: 8, p: 1 }), disabled: false }],
    printer: null,
    branding: () => loadReceiptBranding({ hallName: '测试大厅', hotline: '12345', timeZone: 'Asia/Shanghai' }, PAPER['80mm']),
    trackingUrl: 'https://zwfw.example.gov.cn/q?case=',
    clock: systemClock,
    audit,
    settings: { closePollMs: 50, decisionWaitMs: 3000 },
  });
  service.on('alert', (alert) => alerts.push(alert));
  service.start();
  courier.start();
  terminal = { dir, platform, lockers, outbox, courier, session, service, alerts, audit };
  return terminal;
};

const until = async (what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Staff sign in and deposit an item for the resident; returns the door (as on the board) and the code the SMS carried. */
const deposit = async (t: Terminal, board: number): Promise<{ door: number; code: string; reference: string }> => {
  expect(await t.service.staff.signIn('S001', PASSWORD)).toEqual({ status: 'signed-in', staffId: 'S001' });
  const opening = await t.service.deposit.begin({ caseNumber: READY_CASE, recipientIdNumber: RESIDENT.idNumber, itemName: '社会保障卡', size: 'small' });
  if (opening.status !== 'open') throw new Error(`no door opened: ${opening.status}`);
  const simulated = t.lockers.simulator.board(board);
  expect(simulated.isOpen(opening.door)).toBe(true);
  const outcome = t.service.deposit.awaitOutcome();
  simulated.putItem(opening.door);
  simulated.close(opening.door);
  expect(await outcome).toMatchObject({ status: 'registered', platform: 'code-sent', cabinet: 'A柜', door: opening.door });
  t.service.staff.signOut();
  const code = t.platform.lockers.pickupCodeFor(READY_CASE);
  if (code === null) throw new Error('the platform sent no code');
  return { door: opening.door, code, reference: opening.reference };
};

const identify = (t: Terminal) => {
  t.session.start();
  t.session.identify(RESIDENT);
};

/** The audit log as a technician reads it from the file: checked, and its records' kind, actor and reason. */
const auditTrail = (t: Terminal) =>
  AuditFile.read(path.join(t.dir, 'audit.sqlite'), (audit) => ({ verification: audit.verify(), records: audit.latest(null) }));

const outboxRows = (t: Terminal) => {
  const db = new Database(path.join(t.dir, 'outbox.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT kind, state, attempts FROM deliveries ORDER BY id').all() as Array<{ kind: string; state: string; attempts: number }>;
  } finally {
    db.close();
  }
};

describe('lockers over a simulated CU16 board and the reference platform', () => {
  it('deposit after staff sign-in; pickup with the SMS code and the own card; the collection reaches the platform exactly once though its answer was lost', async () => {
    const t = await startTerminal('kerong-cu16');
    expect(await t.service.staff.signIn('S001', 'wrong password')).toMatchObject({ status: 'refused', triesLeft: 4 });
    const { door, code, reference } = await deposit(t, 0);
    expect(t.platform.cases.byCaseNumber(READY_CASE)).toMatchObject({ stage: 'ready-for-pickup' });
    expect(t.platform.lockers.smsMessages(READY_CASE).at(-1)?.text).toContain(`A柜 ${door}号门`);

    t.platform.faults.add({ path: '/v1/lockers/collections', fault: { kind: 'drop-after' }, times: 1 });
    identify(t);
    expect(await t.service.pickup.enterCode(code)).toMatchObject({ status: 'opened', reference, door });
    const simulated = t.lockers.simulator.board(0);
    expect(simulated.isOpen(door)).toBe(true);
    const outcome = t.service.pickup.awaitOutcome();
    simulated.takeItem(door);
    simulated.close(door);
    expect(await outcome).toMatchObject({ status: 'collected', reference });

    await until('the collection to be delivered', () => outboxRows(t).every((row) => row.state === 'accepted'));
    expect(t.platform.lockers.collectionCount(READY_CASE)).toBe(1);
    expect(t.platform.cases.byCaseNumber(READY_CASE)).toMatchObject({ stage: 'collected' });
    const collection = outboxRows(t).find((row) => row.kind === 'locker-collection');
    expect(collection?.attempts).toBeGreaterThan(1);
    expect(t.service.inventory.openings().map((opening) => [opening.reason, opening.result])).toEqual([
      ['pickup', 'opened'],
      ['deposit', 'opened'],
    ]);

    const { verification, records } = auditTrail(t);
    expect(verification).toMatchObject({ ok: true, records: 5 });
    const doorOf = (number: number) => `door lockers/0/${number} (A柜 ${number}), item ${reference}`;
    expect(records.map(({ kind, actor, subject, reason }) => ({ kind, actor, subject, reason }))).toEqual([
      { kind: 'staff-sign-in-failed', actor: 'staff:S001', subject: 'account S001', reason: 'wrong password' },
      { kind: 'staff-signed-in', actor: 'staff:S001', subject: 'account S001', reason: 'maintenance mode' },
      { kind: 'door-opening', actor: 'staff:S001', subject: doorOf(door), reason: 'deposit' },
      { kind: 'staff-signed-out', actor: 'staff:S001', subject: 'account S001', reason: 'signed out' },
      { kind: 'door-opening', actor: 'citizen', subject: doorOf(door), reason: 'pickup' },
    ]);
    const written = JSON.stringify(records);
    for (const personal of [RESIDENT.idNumber, RESIDENT.idNumber.slice(-4), RESIDENT.name, code, READY_CASE]) expect(written).not.toContain(personal);
  });

  it('collects while the platform is away, and delivers the collection once when it is back', async () => {
    const t = await startTerminal('kerong-cu16');
    const { door, code } = await deposit(t, 0);
    t.platform.faults.add({ path: '/v1/lockers', fault: { kind: 'status', status: 503 } });
    identify(t);
    expect(await t.service.pickup.enterCode(code)).toMatchObject({ status: 'opened' });
    const outcome = t.service.pickup.awaitOutcome();
    t.lockers.simulator.board(0).takeItem(door);
    t.lockers.simulator.board(0).close(door);
    expect(await outcome).toMatchObject({ status: 'collected' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.platform.lockers.collectionCount(READY_CASE)).toBe(0);
    t.platform.faults.clear();
    await until('the collection to be delivered', () => t.platform.lockers.collectionCount(READY_CASE) === 1);
    await until('the outbox to settle', () => outboxRows(t).every((row) => row.state === 'accepted'));
    expect(t.platform.lockers.collectionCount(READY_CASE)).toBe(1);
  });

  it('locks the citizen out after five wrong codes; the right code then opens nothing', async () => {
    const t = await startTerminal('kerong-cu16');
    const { code } = await deposit(t, 0);
    const unlocksBefore = t.lockers.simulator.board(0).unlocks.length;
    const wrong = code === '000000' ? '000001' : '000000';
    identify(t);
    for (let left = 4; left >= 1; left -= 1) expect(await t.service.pickup.enterCode(wrong)).toEqual({ status: 'wrong-code', triesLeft: left });
    expect(await t.service.pickup.enterCode(wrong)).toMatchObject({ status: 'locked' });
    expect(await t.service.pickup.enterCode(code)).toMatchObject({ status: 'locked' });
    expect(t.lockers.simulator.board(0).unlocks).toHaveLength(unlocksBefore);
  });

  it('receives materials dropped off for the citizen’s own case', async () => {
    const t = await startTerminal('kerong-cu16');
    identify(t);
    const opening = await t.service.dropOff.start({ caseNumber: SUPPLEMENT_CASE, materials: ['房屋租赁合同登记备案证明'], size: 'medium' });
    if (opening.status !== 'open') throw new Error(opening.status);
    const outcome = t.service.dropOff.awaitOutcome();
    t.lockers.simulator.board(0).putItem(opening.door);
    t.lockers.simulator.board(0).close(opening.door);
    expect(await outcome).toMatchObject({ status: 'received', platform: 'recorded' });
    expect(t.platform.lockers.dropOffsOf(SUPPLEMENT_CASE)).toEqual([expect.objectContaining({ materials: ['房屋租赁合同登记备案证明'], cabinet: 'A柜', door: opening.door })]);
  });
});

describe('lockers over a simulated generic 8A board', () => {
  it('a jammed door: the deposit moves to another door; the pickup leaves the item held, alerts staff and reports nothing', async () => {
    const t = await startTerminal('generic-8a');
    const simulated = t.lockers.simulator.board(1);
    simulated.jam(1);
    const { door, code, reference } = await deposit(t, 1);
    expect(door).toBe(2);
    expect(t.alerts).toContainEqual({ kind: 'door-jammed', door: { cabinet: 'A柜', number: 1 }, during: 'deposit' });
    simulated.jam(door);
    identify(t);
    expect(await t.service.pickup.enterCode(code)).toEqual({ status: 'door-failed', problem: 'jammed', cabinet: 'A柜', door });
    expect(t.alerts).toContainEqual({ kind: 'door-jammed', door: { cabinet: 'A柜', number: door }, during: 'pickup' });
    expect(t.service.inventory.itemByReference(reference)?.state).toBe('held');
    const { verification, records } = auditTrail(t);
    expect(verification.ok).toBe(true);
    expect(records.filter((record) => record.kind === 'door-not-opened').map(({ actor, subject, reason }) => ({ actor, subject, reason }))).toEqual([
      { actor: 'staff:S001', subject: expect.stringMatching(/^door lockers\/1\/1 \(A柜 1\), item /), reason: 'jammed (during deposit)' },
      { actor: 'citizen', subject: `door lockers/1/${door} (A柜 ${door}), item ${reference}`, reason: 'jammed (during pickup)' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.platform.lockers.collectionCount(READY_CASE)).toBe(0);
    expect(t.platform.cases.byCaseNumber(READY_CASE)).toMatchObject({ stage: 'ready-for-pickup' });
  });
});
