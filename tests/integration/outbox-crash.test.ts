import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { loadTerminalIdentity } from '../../main/platform/terminal-identity.ts';
import { mintEnrolmentCode } from '../../reference-platform/terminals/enrolment-codes.ts';
import { startPlatform, type RunningProcess } from '../support/processes.ts';

/**
 * The crash test: the submitting terminal process is killed with SIGKILL at random points while 200 citizens
 * submit, and restarted each time, with the platform (its own process) dropping some answers after doing the work.
 * In the end the platform holds every case exactly once and nothing is left in the outbox.
 */
const CASES = 200;
let dir: string;
let platform: RunningProcess;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-crash-'));
  const code = mintEnrolmentCode();
  ({ platform, url } = await startPlatform(0, ['--guides', '40', '--data-dir', path.join(dir, 'platform'), '--fault-control', '--issue-enrolment-code', `CRASH-310115-0001=${code}`]));
  const identity = loadTerminalIdentity(path.join(dir, 'terminal'), 'CRASH-310115-0001');
  await new HttpPlatformAdapter({ baseUrl: url, timeoutMs: 2000, signer: identity }).enrolTerminal(code);
});
afterAll(async () => {
  await platform?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A complete case for the platform's first guide (its required materials scanned, the 容缺 one later). */
const template = async (): Promise<string> => {
  const snapshot = await (await fetch(new URL('v1/catalogue/snapshot', url))).text();
  const guide = JSON.parse(snapshot.split('\n')[0] ?? '{}') as { task_code: string; materials: Array<{ material_name: string; is_need: string }> };
  return JSON.stringify({
    localReference: 'x',
    submittedAt: new Date().toISOString(),
    bundleCode: null,
    taskCodes: [guide.task_code],
    applicant: { name: '王测试', idType: '111', idNumber: '110101199001011237' },
    form: { applicant_name: '王测试', applicant_id_number: '110101199001011237', contact_mobile: '13800000000', address: '北京市东城区示例路1号', delivery: '窗口领取' },
    materials: guide.materials
      .filter((m) => m.is_need !== '0')
      .map((m) => (m.is_need === '2' ? { materialName: m.material_name, getType: 'deferred' } : { materialName: m.material_name, getType: 'scan', pdf: Buffer.alloc(2000, 5).toString('base64') })),
  });
};

it(`delivers ${CASES} cases exactly once while the terminal is killed at random points`, { timeout: 240_000 }, async () => {
  const body = await template();
  const child = path.resolve(import.meta.dirname, '../support/outbox-crash-child.ts');
  await fetch(new URL('_control/faults', url), { method: 'POST', body: JSON.stringify({ path: '/v1/cases', fault: { kind: 'drop-after' }, times: 15 }) });
  let kills = 0;
  let finished = '';
  // A seeded generator, so a failing run can be repeated.
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  while (finished === '' && kills < 60) {
    const run = spawn(process.execPath, [child, path.join(dir, 'terminal'), url, String(CASES), body], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    run.stdout.on('data', (chunk: Buffer) => {
      const ready = !out.includes('ready\n');
      out += chunk.toString();
      // Killed a random while after it is up (0.05–1 s): during a commit, a send, or between answers. Timed from
      // "ready", so a slow start on a loaded machine does not leave it no time to work.
      if (ready && out.includes('ready\n')) {
        timer = setTimeout(() => {
          if (run.exitCode === null) {
            run.kill('SIGKILL');
            kills += 1;
          }
        }, 50 + Math.floor(random() * 950));
      }
    });
    run.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    if (code === 0 && out.includes('done')) finished = out.slice(out.indexOf('done'));
    else if (code !== null) throw new Error(`the terminal failed by itself (exit ${code}):\n${err}`);
  }
  expect(kills).toBeGreaterThanOrEqual(5);
  expect(finished).toContain(`"accepted":${CASES}`);
  expect(finished).toContain('"queued":0,"sending":0');

  const db = new Database(path.join(dir, 'platform', 'platform.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT local_reference AS draft, count(*) AS n FROM submissions GROUP BY local_reference').all() as Array<{ draft: string; n: number }>;
  db.close();
  expect(rows).toHaveLength(CASES);
  expect(rows.filter((row) => row.n !== 1)).toEqual([]);
  const outbox = new Database(path.join(dir, 'terminal', 'outbox.sqlite'), { readonly: true });
  expect(outbox.prepare("SELECT count(*) AS n FROM deliveries WHERE state != 'accepted' OR payload IS NOT NULL").get()).toEqual({ n: 0 });
  outbox.close();
});
