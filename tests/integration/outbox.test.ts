import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/common/clock.ts';
import { OutboxCourier, type CourierResult } from '../../main/cases/outbox-courier.ts';
import { Outbox } from '../../main/cases/outbox.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import type { CaseSubmissionBody } from '../../main/platform/platform-deliveries.ts';
import { fileDataKeyStore } from '../../main/storage/data-key.ts';
import type { PublishedGuide } from '../../reference-platform/catalogue/guide-dataset.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';

/**
 * The outbox against the reference platform over loopback: every case delivered exactly once whatever the
 * platform does (5xx, dropped connections before and after the work, garbage, a refused signature), payloads
 * sealed at rest and purged after acceptance, decisions kept, an entry cut off mid-send delivered after restart.
 */
let dir: string;
let platform: ReferencePlatform;
let outbox: Outbox;
let courier: OutboxCourier;
let guide: PublishedGuide;
const decided: Array<[number, CourierResult]> = [];

const APPLICANT = { name: '王测试', idType: '111', idNumber: '110101199001011237' };
const caseBody = (guideRecord: PublishedGuide, name = APPLICANT.name): string =>
  JSON.stringify({
    localReference: `T-${randomUUID()}`,
    submittedAt: new Date().toISOString(),
    bundleCode: null,
    taskCodes: [guideRecord.task_code],
    applicant: { ...APPLICANT, name },
    form: { applicant_name: name, applicant_id_number: APPLICANT.idNumber, contact_mobile: '13800000000', address: '北京市东城区示例路1号', delivery: '窗口领取' },
    materials: guideRecord.materials
      .filter((material) => material.is_need !== '0')
      .map((material) =>
        material.is_need === '2' ? { materialName: material.material_name, getType: 'deferred' } : { materialName: material.material_name, getType: 'scan', pdf: Buffer.alloc(150, 3).toString('base64') },
      ),
  } satisfies CaseSubmissionBody);

const openOutbox = () => {
  const seal = new PayloadSeal(fileDataKeyStore(path.join(dir, 'keys', 'outbox.key')).load());
  outbox = new Outbox({ file: path.join(dir, 'outbox.sqlite'), seal, referencePrefix: 'TEST-0001-' });
  courier = new OutboxCourier({
    outbox,
    platform: new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 1000, signer: signer }),
    clock: systemClock,
    baseBackoffMs: 20,
    maxBackoffMs: 100,
    onDecided: (entry, result) => decided.push([entry.id, result]),
  });
  courier.start();
};
let signer: ReturnType<typeof registeredTerminal>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-'));
  platform = await startReferencePlatform({ port: 0, guides: 40 });
  signer = registeredTerminal(platform);
  guide = platform.catalogue.guide(JSON.parse(platform.catalogue.snapshot().body.split('\n')[0] ?? '{}').task_code as string) as PublishedGuide;
  decided.length = 0;
  openOutbox();
});
afterEach(async () => {
  await courier.stop();
  outbox.close();
  await platform.close();
  await rm(dir, { recursive: true, force: true });
});

const enqueueCase = (name?: string) =>
  outbox.enqueue({ kind: 'case', draftId: randomUUID(), idempotencyKey: randomUUID(), body: caseBody(guide, name), summary: { itemNames: [guide.task_name], taskCodes: [guide.task_code], bundleCode: null }, applicantIdNumber: APPLICANT.idNumber }, Date.now());

describe('outbox', () => {
  it('commits an entry with a local reference, delivers it, keeps the acceptance and purges the payload', async () => {
    const entry = enqueueCase();
    expect(entry.localReference).toBe('TEST-0001-000001');
    courier.kick();
    const result = await courier.awaitDecision(entry.id, 5000);
    expect(result?.state).toBe('accepted');
    const record = outbox.record(entry.id);
    expect(record?.state).toBe('accepted');
    expect((record?.decision as { caseNumber: string }).caseNumber).toMatch(/^SH/);
    const db = new Database(path.join(dir, 'outbox.sqlite'), { readonly: true });
    expect(db.prepare('SELECT payload FROM deliveries WHERE id = ?').get(entry.id)).toEqual({ payload: null });
    db.close();
    // What the terminal knows of the applicant without the platform: found by the keyed tag of the number.
    expect(outbox.recordsOfApplicant(APPLICANT.idNumber).map((r) => r.summary.itemNames)).toEqual([[guide.task_name]]);
    expect(outbox.recordsOfApplicant('310115195803120029')).toEqual([]);
  });

  it('enqueueing the same draft twice gives one entry', () => {
    const draftId = randomUUID();
    const request = { kind: 'case' as const, draftId, idempotencyKey: randomUUID(), body: caseBody(guide), summary: { itemNames: ['x'], taskCodes: [], bundleCode: null } };
    const first = outbox.enqueue(request, Date.now());
    expect(outbox.enqueue({ ...request, idempotencyKey: randomUUID() }, Date.now())).toEqual(first);
    expect(outbox.counts().queued).toBe(1);
  });

  it('delivers every case exactly once through 5xx, dropped connections before and after the work, garbage and a refused signature', async () => {
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'status', status: 503 }, times: 3 });
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'drop' }, times: 2 });
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'drop-after' }, times: 3 });
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'garbage' }, times: 2 });
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'status', status: 401 }, times: 2 });
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'latency', ms: 1500 }, times: 1 });
    const entries = Array.from({ length: 12 }, () => enqueueCase());
    courier.kick();
    const results = await Promise.all(entries.map((entry) => courier.awaitDecision(entry.id, 20_000)));
    expect(results.map((result) => result?.state)).toEqual(entries.map(() => 'accepted'));
    expect(platform.cases.submittedCount).toBe(12);
    const numbers = new Set(results.map((result) => (result?.state === 'accepted' ? (result.answer as { caseNumber: string }).caseNumber : '')));
    expect(numbers.size).toBe(12);
    expect(outbox.counts()).toMatchObject({ queued: 0, sending: 0, accepted: 12 });
    expect(entries.some((entry) => (outbox.record(entry.id)?.attempts ?? 0) > 1)).toBe(true);
  });

  it('records a rejection with its reasons and keeps the payload for staff', async () => {
    const entry = outbox.enqueue(
      { kind: 'case', draftId: randomUUID(), idempotencyKey: randomUUID(), body: JSON.stringify({ ...JSON.parse(caseBody(guide)), materials: [] }), summary: { itemNames: ['x'], taskCodes: [], bundleCode: null } },
      Date.now(),
    );
    courier.kick();
    expect(await courier.awaitDecision(entry.id, 5000)).toMatchObject({ state: 'rejected', code: 'incomplete-case' });
    const db = new Database(path.join(dir, 'outbox.sqlite'), { readonly: true });
    expect((db.prepare('SELECT payload FROM deliveries WHERE id = ?').get(entry.id) as { payload: Buffer | null }).payload).not.toBeNull();
    db.close();
  });

  it('keeps names and ID numbers out of the database files in plain text', async () => {
    const name = '欧阳明辉';
    for (let i = 0; i < 5; i += 1) enqueueCase(name);
    // Checked while queued (payloads present) and after delivery, over the database, its WAL and the key directory.
    const plain = [name, APPLICANT.idNumber, Buffer.from(name, 'utf16le').toString('latin1')];
    const scan = async () => {
      for (const file of await readdir(dir)) {
        if (!file.startsWith('outbox.sqlite')) continue;
        const bytes = (await readFile(path.join(dir, file))).toString('latin1');
        for (const text of plain) expect(bytes.includes(Buffer.from(text, 'utf8').toString('latin1')), `${text} in ${file}`).toBe(false);
      }
    };
    await scan();
    courier.kick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await scan();
  });

  it('an entry whose payload was altered needs attention, and is never sent', async () => {
    const entry = enqueueCase();
    await courier.stop();
    const db = new Database(path.join(dir, 'outbox.sqlite'));
    const { payload } = db.prepare('SELECT payload FROM deliveries WHERE id = ?').get(entry.id) as { payload: Buffer };
    payload[40] = (payload[40] ?? 0) ^ 1;
    db.prepare('UPDATE deliveries SET payload = ? WHERE id = ?').run(payload, entry.id);
    db.close();
    courier.start();
    expect(await courier.awaitDecision(entry.id, 5000)).toMatchObject({ state: 'needs-attention' });
    expect(platform.cases.submittedCount).toBe(0);
  });

  it('an entry cut off mid-send (sending at restart) is delivered once after restart', async () => {
    await courier.stop();
    const entry = enqueueCase();
    outbox.beginAttempt(entry.id, Date.now()); // the process died here, after the platform took it or not
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'drop-after' }, times: 1 });
    await new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 1000, signer }).submitCase(outbox.beginAttempt(entry.id, Date.now()), entry.idempotencyKey).catch(() => undefined);
    expect(platform.cases.submittedCount).toBe(1);
    outbox.close();
    openOutbox();
    expect(await courier.awaitDecision(entry.id, 5000)).toMatchObject({ state: 'accepted' });
    expect(platform.cases.submittedCount).toBe(1);
  });
});
