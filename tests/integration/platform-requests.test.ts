import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { PlatformUnreachable, TerminalRefused } from '../../main/platform/platform-adapter.ts';
import type { CaseSubmissionBody } from '../../main/platform/platform-deliveries.ts';
import { signatureHeaders } from '../../main/platform/request-signing.ts';
import type { PublishedGuide } from '../../reference-platform/catalogue/guide-dataset.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';
import { sm2 } from 'sm-crypto-v2';

/**
 * The platform contract over loopback, terminal side against the reference platform: enrolment, signed requests
 * (unknown terminal, wrong key, changed body, stale clock and replays refused), case submission with idempotency,
 * the platform's checks of a case, certificates and ratings.
 */
let platform: ReferencePlatform;
let adapter: HttpPlatformAdapter;
let guide: PublishedGuide;
const APPLICANT = { name: '王测试', idType: '111', idNumber: '110101199001011237' };

beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 400 });
  adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: registeredTerminal(platform) });
  // The first guide has a required material, a 容缺 one, one by 告知承诺, and the 户口簿 (an 电子证照).
  const first = platform.catalogue.snapshot().body.split('\n')[0] ?? '';
  guide = JSON.parse(first) as PublishedGuide;
});
afterAll(() => platform.close());

const SIGNATURE_PNG = Buffer.alloc(300, 7).toString('base64');
const completeCase = (overrides: Partial<CaseSubmissionBody> = {}): CaseSubmissionBody => ({
  localReference: `T-${randomUUID()}`,
  submittedAt: new Date().toISOString(),
  bundleCode: null,
  taskCodes: [guide.task_code],
  applicant: APPLICANT,
  form: { applicant_name: '王测试', applicant_id_number: APPLICANT.idNumber, contact_mobile: '13800000000', address: '北京市东城区示例路1号', delivery: '窗口领取' },
  materials: [
    { materialName: '居民身份证', getType: 'certificate', certificateNumber: '110101199001011237' },
    { materialName: guide.materials[1]?.material_name ?? '', getType: 'scan', pdf: Buffer.alloc(200, 1).toString('base64') },
    { materialName: '近期免冠照片', getType: 'deferred' },
    { materialName: '无犯罪记录证明', getType: 'commitment', commitmentText: '本人承诺……', signaturePng: SIGNATURE_PNG },
  ],
  ...overrides,
});

describe('terminal enrolment', () => {
  it('registers a key signed by its holder with a valid code, and refuses a wrong code or another key for the same id', async () => {
    const pair = sm2.generateKeyPairHex();
    const signer = { terminalId: 'NEW-310115-0009', ...pair };
    const enrolling = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer });
    const { code } = platform.enrolmentCodes.issue('NEW-310115-0009', new Date(Date.now() + 3_600_000));
    await expect(enrolling.enrolTerminal('WRONG')).rejects.toBeInstanceOf(TerminalRefused);
    await enrolling.enrolTerminal(code);
    await enrolling.enrolTerminal(code); // the same key again is fine
    expect(platform.terminals.publicKeyOf('NEW-310115-0009')).toBe(pair.publicKey);
    // Another key for the same id, with a code of its own: the id is taken.
    const impostor = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: { terminalId: 'NEW-310115-0009', ...sm2.generateKeyPairHex() } });
    const second = platform.enrolmentCodes.issue('NEW-310115-0009', new Date(Date.now() + 3_600_000));
    await expect(impostor.enrolTerminal(second.code)).rejects.toMatchObject({ code: 'key-conflict' });
    // Now registered, it can make requests for citizens.
    expect(await enrolling.casesOfApplicant('110101199001011237')).toHaveLength(3);
  });
});

describe('signed requests', () => {
  const rawPost = (target: string, body: string, headers: Record<string, string>) =>
    fetch(new URL(target.slice(1), platform.url), { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body });

  it('refuses unsigned requests, unknown terminals and keys the platform does not know', async () => {
    expect((await fetch(new URL('v1/cases/search', platform.url), { method: 'POST', body: JSON.stringify({ applicantIdNumber: '110101199001011237' }) })).status).toBe(401);
    const stranger = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: { terminalId: 'NOBODY-0001', ...sm2.generateKeyPairHex() } });
    await expect(stranger.casesOfApplicant('110101199001011237')).rejects.toMatchObject({ code: 'unknown-terminal' });
    const registered = registeredTerminal(platform, 'TEST-310115-0002');
    const wrongKey = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer: { ...registered, ...sm2.generateKeyPairHex() } });
    await expect(wrongKey.casesOfApplicant('110101199001011237')).rejects.toMatchObject({ code: 'bad-signature' });
  });

  it('refuses a body changed after signing, a replayed request and a clock outside the window', async () => {
    const signer = registeredTerminal(platform, 'TEST-310115-0003');
    const body = JSON.stringify(completeCase());
    const headers = signatureHeaders(signer, 'POST', '/v1/ratings', Buffer.from(body), new Date());
    expect((await rawPost('/v1/ratings', body.replace('13800000000', '13900000000'), headers)).status).toBe(401);
    const rating = JSON.stringify({ caseNumber: null, taskCodes: [], level: 5, reasons: [], assessedAt: new Date().toISOString() });
    const signed = signatureHeaders(signer, 'POST', '/v1/ratings', Buffer.from(rating), new Date());
    expect((await rawPost('/v1/ratings', rating, signed)).status).toBe(201);
    const replay = await rawPost('/v1/ratings', rating, signed);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('replayed');
    const stale = signatureHeaders(signer, 'POST', '/v1/ratings', Buffer.from(rating), new Date(Date.now() - 10 * 60_000));
    expect(((await (await rawPost('/v1/ratings', rating, stale)).json()) as { error: { code: string } }).error.code).toBe('stale-timestamp');
  });
});

describe('case submission', () => {
  it('accepts a complete case once per idempotency key, answers a retry with the same acceptance, and refuses the key for another case', async () => {
    const body = JSON.stringify(completeCase());
    const key = randomUUID();
    const first = await adapter.submitCase(body, key);
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false });
    if (first.outcome !== 'accepted') throw new Error('not accepted');
    expect(first.answer.caseNumber).toMatch(/^SH\d{6}\d{8}\d{4}$/);
    expect(first.answer.deferredMaterials).toEqual(['近期免冠照片']);
    expect(first.answer.items[0]?.taskName).toBe(guide.task_name);
    const again = await adapter.submitCase(body, key);
    expect(again).toEqual({ ...first, replayed: true });
    const before = platform.cases.submittedCount;
    expect(await adapter.submitCase(JSON.stringify(completeCase()), key)).toMatchObject({ outcome: 'rejected', code: 'idempotency-conflict' });
    expect(platform.cases.submittedCount).toBe(before);
    const stored = platform.cases.byCaseNumber(first.answer.caseNumber);
    expect(stored).toMatchObject({ stage: 'accepted', applicantIdNumber: APPLICANT.idNumber });
    expect(stored?.stageNote).toContain('近期免冠照片');
    expect(platform.cases.materialsOf(first.answer.caseNumber).map((m) => m.getType)).toEqual(['证照库调取', '电子', '容缺', '告知承诺']);
  });

  it('decides against incomplete or unfounded cases, saying why', async () => {
    const missing = completeCase({ materials: completeCase().materials.slice(0, 2) });
    const refused = await adapter.submitCase(JSON.stringify(missing), randomUUID());
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'incomplete-case' });
    expect(refused.outcome === 'rejected' && refused.detail.join()).toContain('无犯罪记录证明');
    const notDeferrable = completeCase({ materials: [...completeCase().materials.slice(0, 1), { materialName: guide.materials[1]?.material_name ?? '', getType: 'deferred' }, ...completeCase().materials.slice(2)] });
    expect(await adapter.submitCase(JSON.stringify(notDeferrable), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'incomplete-case' });
    const othersCertificate = completeCase({ materials: [{ materialName: '居民身份证', getType: 'certificate', certificateNumber: '310115195803120029' }, ...completeCase().materials.slice(1)] });
    expect(await adapter.submitCase(JSON.stringify(othersCertificate), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'incomplete-case' });
    const noPhone = completeCase({ form: { ...completeCase().form, contact_mobile: '' } });
    expect(await adapter.submitCase(JSON.stringify(noPhone), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'incomplete-case' });
    expect(await adapter.submitCase(JSON.stringify(completeCase({ taskCodes: ['000000000000'] })), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'unknown-item' });
    expect(await adapter.submitCase('{"not":"a case"}', randomUUID())).toMatchObject({ outcome: 'rejected', code: 'invalid-case' });
  });

  it('takes a bundle as one case with the items of the bundle', async () => {
    const bundleLine = platform.catalogue
      .snapshot()
      .body.split('\n')
      .find((line) => line.includes('"bundle_code"'));
    const bundle = JSON.parse(bundleLine ?? '{}') as { bundle_code: string; task_codes: string[] };
    const members = bundle.task_codes.map((code) => platform.catalogue.guide(code) as PublishedGuide);
    const materials = new Map<string, CaseSubmissionBody['materials'][number]>();
    for (const member of members) {
      for (const material of member.materials) {
        if (material.is_need === '0') continue;
        materials.set(material.material_name, material.is_need === '2' ? { materialName: material.material_name, getType: 'deferred' } : { materialName: material.material_name, getType: 'scan', pdf: Buffer.alloc(120, 2).toString('base64') });
      }
    }
    const outcome = await adapter.submitCase(JSON.stringify(completeCase({ bundleCode: bundle.bundle_code, taskCodes: bundle.task_codes, materials: [...materials.values()] })), randomUUID());
    expect(outcome.outcome).toBe('accepted');
    expect(outcome.outcome === 'accepted' && outcome.answer.items.map((item) => item.taskCode)).toEqual(bundle.task_codes);
    const split = await adapter.submitCase(JSON.stringify(completeCase({ bundleCode: bundle.bundle_code, taskCodes: bundle.task_codes.slice(1) })), randomUUID());
    expect(split).toMatchObject({ outcome: 'rejected', code: 'invalid-case' });
  });

  it('treats 5xx, dropped connections and garbage as no decision (try again), never as a rejection', async () => {
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'drop' }, { kind: 'garbage' }, { kind: 'drop-after' }] as const) {
      platform.faults.add({ path: '/v1/cases', fault, times: 1 });
      await expect(adapter.submitCase(JSON.stringify(completeCase()), randomUUID())).rejects.toBeInstanceOf(PlatformUnreachable);
    }
  });
});

describe('certificates and ratings', () => {
  it('gives an applicant their own 电子证照 only', async () => {
    expect((await adapter.certificatesOf('110101199001011237')).map((c) => c.certificateName)).toEqual(['居民身份证（电子证照）', '居民户口簿']);
    expect(await adapter.certificatesOf('810000198507080028')).toEqual([]);
  });

  it('takes ratings once per key, and a negative rating only with a reason', async () => {
    const rating = { caseNumber: null, taskCodes: [guide.task_code], level: 2, reasons: [], assessedAt: new Date().toISOString() };
    expect(await adapter.submitRating(JSON.stringify(rating), randomUUID())).toMatchObject({ outcome: 'rejected', code: 'invalid-rating' });
    const key = randomUUID();
    const withReason = JSON.stringify({ ...rating, reasons: ['等候时间长'] });
    const first = await adapter.submitRating(withReason, key);
    expect(first.outcome).toBe('accepted');
    expect(await adapter.submitRating(withReason, key)).toEqual({ ...first, replayed: true });
  });
});
