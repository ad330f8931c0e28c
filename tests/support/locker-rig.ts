import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IdCard } from '../../drivers/idcard/id-card.ts';
import { AuditLog } from '../../main/audit/audit-log.ts';
import { PAPER } from '../../drivers/printer/receipt-layout.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { OutboxCourier, type DeliveringPlatform } from '../../main/cases/outbox-courier.ts';
import { Outbox } from '../../main/cases/outbox.ts';
import { loadReceiptBranding } from '../../main/cases/receipts/receipt-branding.ts';
import type { LockerAlert } from '../../main/lockers/locker-alerts.ts';
import { LockerService, type LockerSettings } from '../../main/lockers/locker-service.ts';
import { hashStaffPassword, type StaffAccount } from '../../main/lockers/staff-accounts.ts';
import type { PlatformCase } from '../../main/platform/case-status.ts';
import type { LockerCollectionBody, LockerDepositBody, MaterialDropOffBody, PickupCodeCheck } from '../../main/platform/locker-deliveries.ts';
import { PlatformUnreachable, type PlatformAdapter } from '../../main/platform/platform-adapter.ts';
import type { DeliveryOutcome } from '../../main/platform/platform-deliveries.ts';
import { CitizenSession } from '../../main/session/citizen-session.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { FakeLockerBus } from './fake-locker-bus.ts';
import { ManualClock } from './manual-clock.ts';

/**
 * The locker service as the host would build it, around fakes that answer at once: one cabinet "A柜" of two boards
 * on a FakeLockerBus (board 1: doors 1–4 small, small, medium, large; board 2: doors 5–6 medium), a platform in
 * memory that mints codes and counts what it is told, the real outbox and courier on a temporary file, a real
 * session, a printer that keeps its jobs, a real audit log on a temporary file, and a manual clock.
 */
export const RESIDENT = SAMPLE_CARDS.resident as IdCard;
export const OTHER_CITIZEN = SAMPLE_CARDS.residentLongTerm as IdCard;
export const CASE_OF_RESIDENT = 'SH310115202611020031';
export const CASE_OF_OTHER = 'SH310115202611230002';
export const STAFF_PASSWORD = 'correct horse';
const CHEAP_SCRYPT = { log2N: 10, r: 8, p: 1 };

/** A platform in memory: what it received, and switches for being away or losing answers after the work. */
export class MemoryPlatform implements DeliveringPlatform, Pick<PlatformAdapter, 'checkPickupCode' | 'casesOfApplicant'> {
  reachable = true;
  /** The next n deliveries are done, but their answer is lost on the way back. */
  dropAnswers = 0;
  readonly deposits = new Map<string, LockerDepositBody & { pickupCode: string; collected: boolean }>();
  readonly collections: LockerCollectionBody[] = [];
  readonly dropOffs: MaterialDropOffBody[] = [];
  readonly keysSeen = new Map<string, unknown>();
  #codes = 100000;

  async submitCase(): Promise<DeliveryOutcome<never>> {
    throw new PlatformUnreachable('not in this rig');
  }

  async submitRating(): Promise<DeliveryOutcome<never>> {
    throw new PlatformUnreachable('not in this rig');
  }

  async registerLockerDeposit(body: string, key: string): Promise<DeliveryOutcome<{ depositNumber: string; pickupCode: string; smsSent: boolean }>> {
    return this.#deliver(key, () => {
      const deposit = JSON.parse(body) as LockerDepositBody;
      if (deposit.recipientIdNumber !== RESIDENT.idNumber && deposit.recipientIdNumber !== OTHER_CITIZEN.idNumber) return { outcome: 'rejected', code: 'recipient-mismatch', message: 'not the applicant', detail: [] };
      const pickupCode = String((this.#codes += 7));
      this.deposits.set(deposit.reference, { ...deposit, pickupCode, collected: false });
      return { outcome: 'accepted', answer: { depositNumber: `CG${this.deposits.size}`, pickupCode, smsSent: true }, replayed: false };
    });
  }

  async reportLockerCollection(body: string, key: string): Promise<DeliveryOutcome<{ collectionNumber: string; collectedAt: string }>> {
    return this.#deliver(key, () => {
      const collection = JSON.parse(body) as LockerCollectionBody;
      const deposit = this.deposits.get(collection.depositReference);
      if (deposit === undefined) return { outcome: 'rejected', code: 'unknown-deposit', message: 'no such deposit', detail: [] };
      if (deposit.collected) return { outcome: 'rejected', code: 'already-collected', message: 'collected', detail: [] };
      deposit.collected = true;
      this.collections.push(collection);
      return { outcome: 'accepted', answer: { collectionNumber: `LQ${this.collections.length}`, collectedAt: collection.collectedAt }, replayed: false };
    });
  }

  async reportMaterialDropOff(body: string, key: string): Promise<DeliveryOutcome<{ dropOffNumber: string; receivedAt: string }>> {
    return this.#deliver(key, () => {
      const dropOff = JSON.parse(body) as MaterialDropOffBody;
      if (dropOff.caseNumber === CASE_OF_OTHER) return { outcome: 'rejected', code: 'not-the-applicant', message: 'not theirs', detail: [] };
      this.dropOffs.push(dropOff);
      return { outcome: 'accepted', answer: { dropOffNumber: `TJ${this.dropOffs.length}`, receivedAt: dropOff.droppedAt }, replayed: false };
    });
  }

  async checkPickupCode(pickupCode: string, recipientIdNumber: string): Promise<PickupCodeCheck> {
    if (!this.reachable) throw new PlatformUnreachable('away');
    for (const deposit of this.deposits.values()) {
      if (deposit.pickupCode === pickupCode && deposit.recipientIdNumber === recipientIdNumber && !deposit.collected) {
        return { matched: true, item: { depositReference: deposit.reference, depositNumber: 'CG?', caseNumber: deposit.caseNumber, itemName: deposit.itemName, cabinet: deposit.cabinet, door: deposit.door } };
      }
    }
    return { matched: false, code: 'no-match', message: 'no item' };
  }

  async casesOfApplicant(idNumber: string): Promise<PlatformCase[]> {
    if (!this.reachable) throw new PlatformUnreachable('away');
    const caseNumber = idNumber === RESIDENT.idNumber ? CASE_OF_RESIDENT : CASE_OF_OTHER;
    return [{ caseNumber, taskCode: 'T', taskName: '社会保障卡申领', deptName: '人社局', stage: 'accepted', stageNote: null, submittedAt: '2026-11-02T15:40:00+08:00', acceptedAt: null, promiseDate: null, completedAt: null }];
  }

  /** The code the platform sent for a deposit (what the recipient's phone shows). */
  codeFor(reference: string): string {
    const deposit = this.deposits.get(reference);
    if (deposit === undefined) throw new Error(`the platform has no deposit ${reference}`);
    return deposit.pickupCode;
  }

  /** Like the reference platform: a key is taken once, and its first answer is given again. */
  async #deliver<T>(key: string, work: () => DeliveryOutcome<T>): Promise<DeliveryOutcome<T>> {
    if (!this.reachable) throw new PlatformUnreachable('away');
    const earlier = this.keysSeen.get(key) as DeliveryOutcome<T> | undefined;
    const outcome = earlier === undefined ? work() : earlier.outcome === 'accepted' ? { ...earlier, replayed: true } : earlier;
    this.keysSeen.set(key, outcome);
    if (this.dropAnswers > 0) {
      this.dropAnswers -= 1;
      throw new PlatformUnreachable('the answer was lost');
    }
    return outcome;
  }
}

export interface LockerRig {
  dir: string;
  clock: ManualClock;
  bus: FakeLockerBus;
  platform: MemoryPlatform;
  outbox: Outbox;
  courier: OutboxCourier;
  session: CitizenSession;
  service: LockerService;
  alerts: LockerAlert[];
  printed: Uint8Array[];
  dataKey: Buffer;
  audit: AuditLog;
  /** Stops the service and its courier and builds both again on the same files (a restart). */
  restart(): Promise<LockerService>;
  close(): Promise<void>;
}

let staffAccounts: StaffAccount[] | null = null;

export const startLockerRig = async (options: { infrared?: boolean; printer?: boolean; settings?: Partial<LockerSettings> } = {}): Promise<LockerRig> => {
  staffAccounts ??= [{ staffId: 'S001', passwordHash: await hashStaffPassword(STAFF_PASSWORD, CHEAP_SCRYPT), disabled: false }];
  const accounts = staffAccounts;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lockers-'));
  const clock = new ManualClock();
  clock.advance(Date.UTC(2026, 10, 23, 6, 0));
  const bus = new FakeLockerBus([{ address: 1, doors: 4 }, { address: 2, doors: 2 }], { infrared: options.infrared ?? false });
  const platform = new MemoryPlatform();
  const dataKey = randomBytes(32);
  const outbox = new Outbox({ file: path.join(dir, 'outbox.sqlite'), seal: new PayloadSeal(dataKey), referencePrefix: 'TEST-' });
  const newCourier = () => new OutboxCourier({ outbox, platform, clock, baseBackoffMs: 1000, maxBackoffMs: 1000, random: () => 0 });
  let courier = newCourier();
  const session = new CitizenSession({ idleTimeoutMs: 600_000, warningMs: 20_000, defaultLocale: 'zh-CN', locales: ['zh-CN', 'en'], clock, newSessionId: () => 's1', onChange: () => undefined, onWipeError: () => undefined });
  const alerts: LockerAlert[] = [];
  const printed: Uint8Array[] = [];
  const audit = new AuditLog(path.join(dir, 'audit.sqlite'), clock);
  const build = () => {
    const service = new LockerService({
      cabinets: [{ id: 'lockers', label: 'A柜', boards: [{ address: 1, doors: 4, doorSizes: ['small', 'small', 'medium', 'large'] }, { address: 2, doors: 2, doorSizes: ['medium', 'medium'] }] }],
      buses: new Map([['lockers', bus]]),
      inventoryFile: path.join(dir, 'lockers.sqlite'),
      dataKey,
      outbox,
      courier,
      platform,
      session,
      staffAccounts: accounts,
      printer: options.printer === false ? null : { print: async (job) => void printed.push(job) },
      branding: () => loadReceiptBranding({ hallName: '测试大厅', hotline: '12345', timeZone: 'Asia/Shanghai' }, PAPER['80mm']),
      trackingUrl: 'https://zwfw.example.gov.cn/q?case=',
      clock,
      audit,
      settings: { decisionWaitMs: 2000, closePollMs: 500, ...options.settings },
    });
    service.on('alert', (alert) => alerts.push(alert));
    service.start();
    return service;
  };
  const rig: LockerRig = {
    dir,
    clock,
    bus,
    platform,
    outbox,
    courier,
    session,
    service: build(),
    alerts,
    printed,
    dataKey,
    audit,
    async restart() {
      await rig.courier.stop();
      rig.service.close();
      // A new process has a new courier: the old one's receivers go with it.
      courier = newCourier();
      rig.courier = courier;
      rig.service = build();
      courier.start();
      return rig.service;
    },
    async close() {
      session.dispose();
      rig.service.close();
      await rig.courier.stop();
      outbox.close();
      audit.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  courier.start();
  return rig;
};

/** Lets promises and I/O callbacks run (the fakes answer at once, the clock is manual). */
export const flush = async (turns = 5): Promise<void> => {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Someone pushes a door shut; the service's next read of the door sees it. */
export const closeDoor = async (rig: LockerRig, board: number, door: number): Promise<void> => {
  await flush();
  rig.bus.board(board).close(door);
  rig.clock.advance(rig.service.settings.closePollMs);
  await flush();
};
