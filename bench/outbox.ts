import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../main/common/clock.ts';
import { OutboxCourier } from '../main/cases/outbox-courier.ts';
import { Outbox } from '../main/cases/outbox.ts';
import { PayloadSeal } from '../main/cases/sealed-payload.ts';
import { HttpPlatformAdapter } from '../main/platform/http-platform-adapter.ts';
import { loadTerminalIdentity } from '../main/platform/terminal-identity.ts';
import { fileDataKeyStore } from '../main/storage/data-key.ts';
import { mintEnrolmentCode } from '../reference-platform/terminals/enrolment-codes.ts';
import { startPlatform } from '../tests/support/processes.ts';

/**
 * The outbox: how long a durable enqueue takes (sealed, committed with full sync: what a citizen waits for before
 * "saved"), and how fast a queue drains to the reference platform (its own process, its own durable store, every
 * request signed and verified) over loopback.
 */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (value: number) => Math.round(value * 100) / 100;

export const measureOutbox = async (enqueues: number, drained: number) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-outbox-'));
  const code = mintEnrolmentCode();
  const { platform, url } = await startPlatform(0, ['--guides', '40', '--data-dir', path.join(dir, 'platform'), '--issue-enrolment-code', `BENCH-310115-0001=${code}`]);
  try {
    const identity = loadTerminalIdentity(path.join(dir, 'terminal'), 'BENCH-310115-0001');
    const adapter = new HttpPlatformAdapter({ baseUrl: url, timeoutMs: 5000, signer: identity });
    await adapter.enrolTerminal(code);
    const snapshot = await (await fetch(new URL('v1/catalogue/snapshot', url))).text();
    const guide = JSON.parse(snapshot.split('\n')[0] ?? '{}') as { task_code: string; task_name: string; materials: Array<{ material_name: string; is_need: string; is_promise?: string }> };
    // A case as the journey builds it: the form, and a 告知承诺 signature (a PNG of ~8 KB) among its materials.
    const signature = Buffer.alloc(8000, 9).toString('base64');
    const body = (reference: string) =>
      JSON.stringify({
        localReference: reference,
        submittedAt: new Date().toISOString(),
        bundleCode: null,
        taskCodes: [guide.task_code],
        applicant: { name: '王测试', idType: '111', idNumber: '110101199001011237' },
        form: { applicant_name: '王测试', applicant_id_number: '110101199001011237', contact_mobile: '13800000000', address: '北京市东城区示例路1号', delivery: '窗口领取', remark: '无' },
        materials: guide.materials
          .filter((m) => m.is_need !== '0')
          .map((m) =>
            m.is_promise === '1'
              ? { materialName: m.material_name, getType: 'commitment', commitmentText: '本人承诺所填信息真实有效。', signaturePng: signature }
              : m.is_need === '2'
                ? { materialName: m.material_name, getType: 'deferred' }
                : { materialName: m.material_name, getType: 'certificate', certificateNumber: '110101199001011237' },
          ),
      });
    const outbox = new Outbox({ file: path.join(dir, 'terminal', 'outbox.sqlite'), seal: new PayloadSeal(fileDataKeyStore(path.join(dir, 'terminal', 'keys', 'outbox.key')).load()), referencePrefix: 'BENCH-' });
    const enqueueOne = (i: number) =>
      outbox.enqueue({ kind: 'case', draftId: `draft-${i}`, idempotencyKey: randomUUID(), body: body(`draft-${i}`), summary: { itemNames: [guide.task_name], taskCodes: [guide.task_code], bundleCode: null }, applicantIdNumber: '110101199001011237' }, Date.now());

    const times: number[] = [];
    for (let i = 0; i < enqueues; i += 1) {
      const started = performance.now();
      enqueueOne(i);
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const enqueue = { count: enqueues, bodyBytes: body('draft-0').length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };

    // The drain: the queue above (its first `drained` entries are due), delivered by the courier.
    for (let i = enqueues; i < drained; i += 1) enqueueOne(i);
    const total = Math.max(enqueues, drained);
    const courier = new OutboxCourier({ outbox, platform: adapter, clock: systemClock, concurrency: 8 });
    const started = performance.now();
    courier.start();
    while (outbox.counts().accepted < total) {
      if (outbox.counts()['needs-attention'] + outbox.counts().rejected > 0) throw new Error('the bench cases were not all accepted');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (performance.now() - started) / 1000;
    await courier.stop();
    outbox.close();
    return { enqueue, drain: { cases: total, seconds: round(seconds), casesPerSecond: Math.round(total / seconds), concurrency: 8 } };
  } finally {
    await platform.stop();
    await rm(dir, { recursive: true, force: true });
  }
};
