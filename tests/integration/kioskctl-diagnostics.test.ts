import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdCard } from '../../drivers/idcard/id-card.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import type { ApplicationView } from '../../main/api/application.ts';
import { catalogueFileIn } from '../../main/catalogue/catalogue-store.ts';
import { outboxFileIn } from '../../main/cases/outbox.ts';
import { outboxSummary } from '../../main/cases/outbox-summary.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { createLogger } from '../../main/host/logger.ts';
import { terminalIdentityFile } from '../../main/platform/terminal-identity.ts';
import { readDatabase } from '../../main/storage/database-for-reading.ts';
import { startDemoTerminalOnPtys, type DemoTerminalOnPtys } from '../support/demo-terminal-on-ptys.ts';
import { drawnSignature } from '../support/drawn-signature.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';

/**
 * `kioskctl diagnostics` after the demo terminal has served citizens: two of the sample citizens identified with their
 * cards on the simulated reader and applied, one case accepted by the platform and one saved sealed in the outbox
 * while the platform was away, the host logging at debug level to a file. The bundle holds what its manifest says,
 * the config without its secrets — and, in none of its files, any sample citizen's name, ID number or address.
 */
let terminal: DemoTerminalOnPtys;
let hostLog: string;
let bundleDir: string;
let bundleRun: Awaited<ReturnType<typeof runKioskctl>>;

const until = async (what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const caller = (host: KioskHost) => async <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
  const response = await host.dispatch({ method, params });
  if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
  return response.result as T;
};

/** A citizen's whole journey: identify with the card, fill in, provide every material the terminal can, submit. */
const apply = async (host: KioskHost, card: IdCard, taskCodes: readonly string[]): Promise<string> => {
  const call = caller(host);
  await call('session.start');
  await call('identify.start');
  // The reader takes a card as new once it has seen the reader empty (the last citizen's card taken away).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  terminal.sam.place(card);
  await until('identification', async () => ((await call<{ session: { citizen?: unknown } }>('kiosk.hello', { apiVersion: 1 })).session.citizen ?? null) !== null);
  terminal.sam.remove();
  for (const taskCode of taskCodes) {
    let view = await call<ApplicationView>('application.start', { taskCode });
    view = await call<ApplicationView>('application.fill', { values: { contact_mobile: '13800000000', delivery: '窗口领取' } });
    for (const material of view.materials.filter((each) => each.chosen === null)) {
      if (material.ways.includes('deferred')) view = await call('application.provide', { materialId: material.id, way: 'deferred' });
      else if (material.ways.includes('commitment')) view = await call('application.provide', { materialId: material.id, way: 'commitment', signature: drawnSignature() });
    }
    if (!view.ready) continue;
    const result = await call<{ status: string }>('application.submit');
    await call('session.end');
    return result.status;
  }
  throw new Error('no guide of the catalogue could be applied for with the card, 容缺 and 告知承诺 alone');
};

const SAMPLES = Object.values(SAMPLE_CARDS) as IdCard[];
/** What must never leave the terminal: every sample citizen's name, ID number, address (and pass number). */
const personal = SAMPLES.flatMap((card) => {
  const fields = card as Partial<Record<'name' | 'englishName' | 'idNumber' | 'address' | 'passNumber', unknown>>;
  return [fields.name, fields.englishName, fields.idNumber, fields.address, fields.passNumber];
}).filter((value): value is string => typeof value === 'string' && value !== '');

const filesUnder = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));

beforeAll(async () => {
  terminal = await startDemoTerminalOnPtys();
  hostLog = path.join(terminal.dir, 'host.log');
  const destination = pino.destination({ dest: hostLog, sync: true });
  const host = createKioskHost(terminal.config, { log: createLogger('debug', destination) });
  await host.start();
  try {
    const { dataDir } = terminal.config;
    await until('enrolment', async () => existsSync(terminalIdentityFile(dataDir)) && (JSON.parse(await readFile(terminalIdentityFile(dataDir), 'utf8')) as { registeredAt: string | null }).registeredAt !== null);
    await until('the catalogue', () => existsSync(catalogueFileIn(dataDir)));
    await until('guides', () => readDatabase(catalogueFileIn(dataDir), (db) => (db.prepare('SELECT count(*) AS n FROM guides').get() as { n: number }).n > 0));
    const taskCodes = readDatabase(catalogueFileIn(dataDir), (db) => (db.prepare('SELECT task_code FROM guides ORDER BY task_code').all() as Array<{ task_code: string }>).map((row) => row.task_code));
    expect(await apply(host, SAMPLE_CARDS.resident, taskCodes)).toBe('accepted');
    // The platform goes away: the next case is saved, sealed, in the outbox.
    await terminal.platform.stop();
    expect(await apply(host, SAMPLE_CARDS.residentLongTerm, taskCodes)).toBe('saved');
  } finally {
    await host.stop();
    destination.flushSync();
  }
  expect(readDatabase(outboxFileIn(terminal.config.dataDir), outboxSummary).states.queued).toBeGreaterThanOrEqual(1);
  // A self-test to be kept (it fails: the platform is away).
  expect((await runKioskctl('self-test', '--config', terminal.configFile)).code).toBe(1);
  const out = path.join(terminal.dir, 'diagnostics.tar.gz');
  bundleRun = await runKioskctl('diagnostics', '--out', out, '--config', terminal.configFile, '--log', hostLog);
  bundleDir = path.join(terminal.dir, 'bundle');
  await mkdir(bundleDir);
  if (bundleRun.code === 0) await promisify(execFile)('tar', ['-xzf', out, '-C', bundleDir]);
}, 120_000);
afterAll(async () => {
  await terminal.stop();
});

describe('kioskctl diagnostics', () => {
  it('writes the bundle and says so in one line', () => {
    expect(bundleRun.stderr).toBe('');
    expect(bundleRun.code).toBe(0);
    expect(bundleRun.stdout.trim()).toMatch(/^diagnostics written to .*diagnostics\.tar\.gz: \d+ files \(MANIFEST\.txt says what is in it and what was left out\)$/);
  });

  it('holds what its manifest lists: the logs, the config, versions, devices, summaries, the audit head and the last self-test', async () => {
    const names = (await filesUnder(bundleDir)).map((file) => path.relative(bundleDir, file)).sort();
    expect(names).toEqual(['MANIFEST.txt', 'audit.json', 'catalogue.json', 'config/terminal.json', 'devices.json', 'last-self-test.json', 'logs/1-host.log', 'logs/journal-gov-service-kiosk.txt', 'outbox.json', 'versions.json']);
    const manifest = await readFile(path.join(bundleDir, 'MANIFEST.txt'), 'utf8');
    for (const name of names.filter((each) => each !== 'MANIFEST.txt')) expect(manifest).toContain(`  ${name}: `);
    expect(manifest).toMatch(/the staff accounts file: it holds password hashes/);
    const read = async (name: string) => JSON.parse(await readFile(path.join(bundleDir, name), 'utf8')) as Record<string, unknown>;
    expect(await read('versions.json')).toMatchObject({ app: expect.stringMatching(/^kioskctl 0\.1\.0 \(gov-service-kiosk, contract \d+\)$/), node: process.version, kernel: expect.stringMatching(/^Linux /), os: expect.any(String), chromium: expect.stringMatching(/Chromium \d+/) });
    expect(await read('outbox.json')).toMatchObject({ states: { accepted: expect.any(Number), queued: 1 }, kinds: { case: 2 }, waiting: 1, oldestUndecidedAt: expect.any(String) });
    expect(await read('catalogue.json')).toMatchObject({ version: 1, guides: expect.any(Number) });
    expect(await read('audit.json')).toMatchObject({ head: { seq: expect.any(Number), hash: expect.any(String) }, verify: { ok: true } });
    expect(await read('last-self-test.json')).toMatchObject({ ok: false, terminalId: 'DEMO-310115-0001' });
    const devices = (await read('devices.json')) as unknown as Array<{ device: string; ok: boolean }>;
    expect(devices.map(({ device, ok }) => [device, ok])).toEqual([['idcard', true], ['printer', true], ['scanner', true], ['sheet-scanner', true], ['lockers-a', true]]);
  });

  it('keeps the config without its secrets', async () => {
    const config = JSON.parse(await readFile(path.join(bundleDir, 'config/terminal.json'), 'utf8')) as { platform: Record<string, unknown>; catalogue: Record<string, unknown>; terminalId: string };
    expect(config.terminalId).toBe('DEMO-310115-0001');
    expect(config.platform['enrolmentCode']).toBe('[redacted]');
    expect(config.catalogue['platformKey']).toBe('[redacted]');
    const text = await readFile(path.join(bundleDir, 'config/terminal.json'), 'utf8');
    expect(text).not.toContain(terminal.config.platform.enrolmentCode ?? 'no code');
  });

  it('holds no sample citizen’s name, ID number or address in any file, in UTF-8, UTF-16 or GB18030', async () => {
    // The journeys happened and were logged: the test can fail.
    const log = await readFile(path.join(bundleDir, 'logs/1-host.log'), 'utf8');
    expect(log).toMatch(/"msg":"delivery decided"/);
    expect(log).toMatch(/"identified":true/);
    const finds: string[] = [];
    for (const file of await filesUnder(bundleDir)) {
      const bytes = await readFile(file);
      for (const value of personal) {
        for (const encoding of ['utf8', 'utf16le', 'gb18030'] as const) {
          if (bytes.includes(iconv.encode(value, encoding))) finds.push(`${path.relative(bundleDir, file)}: ${value} (${encoding})`);
        }
      }
    }
    expect(finds).toEqual([]);
    expect((await stat(path.join(bundleDir, 'logs/1-host.log'))).size).toBeGreaterThan(0);
  });

  it('still bundles a terminal whose config is unusable: the config as written without its secrets, its problem in the manifest', async () => {
    const broken = path.join(terminal.dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ terminalId: 'BROKEN-1', platform: { baseUrl: 'ftp://nowhere', enrolmentCode: 'SECRET-CODE-1' } }));
    const out = path.join(terminal.dir, 'broken.tar.gz');
    const run = await runKioskctl('diagnostics', '--out', out, '--config', broken);
    expect(run.code).toBe(0);
    const manifest = (await promisify(execFile)('tar', ['-xzOf', out, 'MANIFEST.txt'])).stdout;
    expect(manifest).toMatch(/config\/terminal\.json: the terminal config .*broken\.json as written, secrets replaced .*; it is unusable: /);
    expect(manifest).toMatch(/devices, outbox, catalogue, audit log and last self-test: the terminal config is unusable/);
    const config = (await promisify(execFile)('tar', ['-xzOf', out, 'config/terminal.json'])).stdout;
    expect(JSON.parse(config)).toEqual({ terminalId: 'BROKEN-1', platform: { baseUrl: 'ftp://nowhere', enrolmentCode: '[redacted]' } });
  });

  it('refuses bad options with one line', async () => {
    for (const [args, message] of [
      [[], /^diagnostics needs --out <FILE\.tar\.gz>$/],
      [['--out', 'bundle.zip'], /^diagnostics needs --out <FILE\.tar\.gz>, not "bundle\.zip"$/],
      [['--out', '/nonexistent/dir/x.tar.gz'], /^cannot write \/nonexistent\/dir\/x\.tar\.gz: there is no folder \/nonexistent\/dir$/],
      [['--out', path.join(terminal.dir, 'y.tar.gz'), '--config', '/nonexistent/terminal.json'], /^no terminal config at \/nonexistent\/terminal\.json \(give the terminal's config, or leave --config out for this terminal's\)$/],
    ] as const) {
      const run = await runKioskctl('diagnostics', '--config', terminal.configFile, ...args);
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  });
});
