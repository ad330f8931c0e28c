import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { crc32, deflateSync } from 'node:zlib';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { ApplicationService } from '../../main/cases/application-service.ts';
import { OutboxCourier } from '../../main/cases/outbox-courier.ts';
import { Outbox } from '../../main/cases/outbox.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { CatalogueService } from '../../main/catalogue/catalogue-service.ts';
import { CatalogueStore } from '../../main/catalogue/catalogue-store.ts';
import { systemClock } from '../../main/common/clock.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { CitizenSession } from '../../main/session/citizen-session.ts';
import { fileDataKeyStore } from '../../main/storage/data-key.ts';
import { loadReceiptBranding } from '../../main/cases/receipts/receipt-branding.ts';
import { PAPER } from '../../drivers/printer/receipt-layout.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { drawnSignature } from '../support/drawn-signature.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';

/**
 * Applying, as the host runs it: the catalogue the reference platform publishes, a real session, the outbox on
 * disk and the platform over loopback. One item with its form filled from the card, 电子证照, 容缺 and a signed
 * 告知承诺; a bundle with one merged form; the platform away (saved, delivered later); a rating.
 */
let dir: string;
let platform: ReferencePlatform;
let store: CatalogueStore;
let outbox: Outbox;
let courier: OutboxCourier;
let session: CitizenSession;
let applications: ApplicationService;
let firstGuide: string;
let bundleCode: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'application-'));
  platform = await startReferencePlatform({ port: 0, guides: 400 });
  const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: registeredTerminal(platform) });
  store = new CatalogueStore(':memory:');
  const snapshot = platform.catalogue.snapshot().body;
  store.importJsonLines(snapshot);
  const catalogue = new CatalogueService({ store, sync: null, clock: systemClock, syncIntervalMs: 60_000 });
  catalogue.start();
  const lines = snapshot.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { task_code?: string; bundle_code?: string });
  firstGuide = lines.find((line) => line.task_code !== undefined)?.task_code ?? '';
  bundleCode = lines.find((line) => line.bundle_code?.startsWith('YJS-310115-001'))?.bundle_code ?? '';
  outbox = new Outbox({ file: path.join(dir, 'outbox.sqlite'), seal: new PayloadSeal(fileDataKeyStore(path.join(dir, 'outbox.key')).load()), referencePrefix: 'TEST-0001-' });
  courier = new OutboxCourier({ outbox, platform: adapter, clock: systemClock, baseBackoffMs: 50, maxBackoffMs: 200 });
  courier.start();
  session = new CitizenSession({ idleTimeoutMs: 600_000, warningMs: 20_000, defaultLocale: 'zh-CN', locales: ['zh-CN', 'en'], clock: systemClock, newSessionId: () => 's1', onChange: () => undefined, onWipeError: () => undefined });
  applications = new ApplicationService({
    session,
    catalogue: () => catalogue,
    platform: adapter,
    outbox,
    courier,
    printer: null,
    branding: () => loadReceiptBranding({ hallName: '测试大厅', hotline: '12345', timeZone: 'Asia/Shanghai' }, PAPER['80mm']),
    trackingUrl: 'https://zwfw.example.gov.cn/q?case=',
    hotline: '12345',
    clock: systemClock,
    decisionWaitMs: 3000,
    scanning: false,
  });
  session.start();
});
afterEach(async () => {
  session.dispose();
  await courier.stop();
  outbox.close();
  store.close();
  await platform.close();
  await rm(dir, { recursive: true, force: true });
});

const fillRest = () => applications.fill({ contact_mobile: '13800000000', delivery: '窗口领取' });

describe('applying for one item', () => {
  it('fills the form from the card, provides materials by card, 电子证照, 容缺 and a signed 告知承诺, and is accepted once', async () => {
    const before = await applications.start({ taskCode: firstGuide });
    expect(before.identified).toBe(false);
    expect(before.fields.find((f) => f.code === 'applicant_name')?.value).toBe('');
    expect(before.ready).toBe(false);

    session.identify(SAMPLE_CARDS.resident);
    const view = await applications.view();
    expect(view.fields.find((f) => f.code === 'applicant_name')).toMatchObject({ value: '王测试', masked: null, prefilled: true, problem: null });
    // The number as a public screen shows it, masked by the host (the page shows the full one only on request).
    expect(view.fields.find((f) => f.code === 'applicant_id_number')).toMatchObject({ value: SAMPLE_CARDS.resident.idNumber, masked: '1101**********1237', prefilled: true });
    expect(view.fields.find((f) => f.code === 'address')?.value).toBe(SAMPLE_CARDS.resident.address);
    expect(view.fields.find((f) => f.code === 'contact_mobile')?.problem).toBe('required');
    expect(view.certificates).toBe('loaded');
    const byName = Object.fromEntries(view.materials.map((m) => [m.name, m]));
    expect(byName['居民身份证']).toMatchObject({ chosen: 'id-card' });
    expect(byName['户口簿']).toMatchObject({ chosen: 'certificate', certificateName: '居民户口簿', need: 'optional' });
    expect(byName['近期免冠照片']).toMatchObject({ chosen: null, ways: ['deferred'], need: 'deferrable' });
    expect(byName['无犯罪记录证明']).toMatchObject({ chosen: null, ways: ['commitment'] });
    expect(byName['无犯罪记录证明']?.commitmentText).toContain('法律责任');

    expect((await applications.fill({ contact_mobile: '1380000' })).fields.find((f) => f.code === 'contact_mobile')?.problem).toBe('not-a-phone-number');
    await expect(applications.fill({ nonsense: 'x' })).rejects.toMatchObject({ kind: 'invalid-request' });
    await fillRest();
    await applications.provide(byName['近期免冠照片']?.id ?? '', 'deferred', undefined);
    await expect(applications.provide(byName['无犯罪记录证明']?.id ?? '', 'commitment', undefined)).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(applications.provide(byName['无犯罪记录证明']?.id ?? '', 'commitment', 'data:image/png;base64,AAAA')).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(applications.provide(byName['近期免冠照片']?.id ?? '', 'certificate', undefined)).rejects.toMatchObject({ kind: 'invalid-request' });
    const ready = await applications.provide(byName['无犯罪记录证明']?.id ?? '', 'commitment', drawnSignature());
    expect(ready.ready).toBe(true);

    const result = await applications.submit();
    expect(result).toMatchObject({ status: 'accepted', deferredMaterials: ['近期免冠照片'] });
    if (result.status !== 'accepted') throw new Error('not accepted');
    expect(platform.cases.materialsOf(result.caseNumber).map((m) => [m.materialName, m.getType])).toEqual([
      ['居民身份证', '现场读卡核验'],
      [expect.stringContaining('申请表'), '在线填报'],
      ['户口簿', '证照库调取'],
      ['近期免冠照片', '容缺'],
      ['无犯罪记录证明', '告知承诺'],
    ]);
    expect(await applications.submit()).toEqual(result);
    expect(platform.cases.submittedCount).toBe(1);
    await expect(applications.fill({ contact_mobile: '13900000000' })).rejects.toMatchObject({ kind: 'invalid-state' });

    expect(() => applications.rate(2, [], undefined)).toThrow(/reason/);
    expect(applications.rate(2, ['slow'], '等了很久')).toEqual({ saved: true });
    expect(applications.rate(2, ['slow'], undefined)).toEqual({ saved: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outbox.counts()).toMatchObject({ accepted: 2, queued: 0 });

    session.end('citizen');
    await expect(applications.view()).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  // Review finding 8: a 31 KB PNG claiming 16000×16000 pixels (1-bit grey, all zeros) was decoded before its size was
  // checked, and froze the host's event loop for 14 s.
  it('refuses a signature PNG of a huge claimed size at once, from its header, without decoding it', async () => {
    await applications.start({ taskCode: firstGuide });
    session.identify(SAMPLE_CARDS.resident);
    const commitment = (await applications.view()).materials.find((material) => material.ways.includes('commitment'));
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
      return Buffer.concat([head, data, crc]);
    };
    const side = 16_000;
    const header = Buffer.alloc(13);
    header.writeUInt32BE(side, 0);
    header.writeUInt32BE(side, 4);
    header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc((side / 8 + 1) * side), { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(png.length).toBeLessThan(400_000);
    const started = performance.now();
    await expect(applications.provide(commitment?.id ?? '', 'commitment', `data:image/png;base64,${png.toString('base64')}`)).rejects.toMatchObject({
      kind: 'invalid-request',
    });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('is saved on the terminal when the platform does not answer, and delivered when it is back', async () => {
    await applications.start({ taskCode: firstGuide });
    session.identify(SAMPLE_CARDS.resident);
    const view = await applications.view();
    await fillRest();
    for (const material of view.materials) {
      if (material.ways.includes('deferred')) await applications.provide(material.id, 'deferred', undefined);
      if (material.ways.includes('commitment')) await applications.provide(material.id, 'commitment', drawnSignature());
    }
    platform.faults.add({ path: '/v1/cases', fault: { kind: 'status', status: 503 } });
    const result = await applications.submit();
    expect(result).toEqual({ status: 'saved', localReference: 'TEST-0001-000001' });
    expect(platform.cases.submittedCount).toBe(0);
    // What the terminal knows of this applicant meanwhile.
    expect(outbox.recordsOfApplicant(SAMPLE_CARDS.resident.idNumber)[0]).toMatchObject({ state: 'queued', localReference: 'TEST-0001-000001' });
    platform.faults.clear();
    for (let i = 0; i < 100 && platform.cases.submittedCount === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(platform.cases.submittedCount).toBe(1);
  });

  it('refuses items not offered here and submitting before identification', async () => {
    await expect(applications.start({ taskCode: 'NOPE000000' })).rejects.toMatchObject({ kind: 'invalid-request' });
    await applications.start({ taskCode: firstGuide });
    await expect(applications.submit()).rejects.toMatchObject({ kind: 'invalid-state' });
  });
});

describe('applying for a bundle', () => {
  it('asks one merged form and one set of materials, and is one case with every item', async () => {
    session.identify(SAMPLE_CARDS.resident);
    const view = await applications.start({ bundleCode });
    expect(view.items).toHaveLength(4);
    expect(new Set(view.fields.map((f) => f.code)).size).toBe(view.fields.length);
    expect(view.materials.filter((m) => m.name === '居民身份证')).toHaveLength(1);
    expect(view.materials.find((m) => m.name === '居民身份证')?.forItems).toHaveLength(4);
    await fillRest();
    for (const material of view.materials) {
      if (material.chosen !== null) continue;
      if (material.ways.includes('deferred')) await applications.provide(material.id, 'deferred', undefined);
      else if (material.ways.includes('commitment')) await applications.provide(material.id, 'commitment', drawnSignature());
    }
    const ready = await applications.view();
    expect(ready.windowOnly).toEqual([]);
    expect(ready.ready).toBe(true);
    const result = await applications.submit();
    expect(result.status).toBe('accepted');
    if (result.status !== 'accepted') throw new Error('not accepted');
    expect(platform.cases.byCaseNumber(result.caseNumber)?.taskName).toBe('新生儿出生“一件事”');
  });
});
