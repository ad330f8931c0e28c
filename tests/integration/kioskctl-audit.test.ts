import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditFile } from '../../main/audit/audit-file.ts';
import { auditFileIn, AuditLog } from '../../main/audit/audit-log.ts';
import type { AuditHead } from '../../main/audit/audit-record.ts';
import { systemClock } from '../../main/common/clock.ts';
import { editRecord, insertForgedBefore, removeRecord, swapRecords, truncateFrom } from '../support/audit-tampering.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { startSimulatedLockers, type SimulatedLockers } from '../support/simulated-locker.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';
import { SAMPLE_AUDIT_ENTRIES as ENTRIES } from '../support/audit-entries.ts';

/**
 * `kioskctl audit verify|head|list` as a technician runs them, as their own processes, on a terminal's audit log —
 * intact, and tampered with each way — and the technician's own commands (`staff add`, `locker open`) recorded in it.
 */
let terminal: TestTerminal;
let auditFile: string;
let head: AuditHead;
let lockers: SimulatedLockers;

beforeAll(async () => {
  terminal = await testTerminal();
  await mkdir(terminal.config.dataDir, { mode: 0o700 });
  auditFile = auditFileIn(terminal.config.dataDir);
  const log = new AuditLog(auditFile, systemClock);
  for (const entry of ENTRIES) log.append(entry);
  head = log.head();
  log.close();
  lockers = await startSimulatedLockers({ protocol: 'kerong-cu16', boards: [{ address: 0, doors: 16 }] });
});
afterAll(async () => {
  await lockers.stop();
  await terminal.remove();
});

/** A copy of the intact log, tampered with. */
let copies = 0;
const tampered = async (tamper: (file: string) => void): Promise<string> => {
  copies += 1;
  const file = path.join(terminal.dir, `tampered-${copies}.sqlite`);
  await copyFile(auditFile, file);
  tamper(file);
  return file;
};

describe('kioskctl audit verify', () => {
  it('an intact log: exit 0, its record count and head, found through the terminal config', async () => {
    const json = await runKioskctl('audit', 'verify', '--config', terminal.configFile, '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, records: 5, head });
    const text = await runKioskctl('audit', 'verify', '--db', auditFile);
    expect(text).toEqual({ code: 0, stdout: `${auditFile}: intact, 5 records, head 5 ${head.hash}\n`, stderr: '' });
  });

  it.each([
    ['edited', (file: string) => editRecord(file, 4, 'reason', 'retrieve'), { seq: 4, problem: 'edited' }],
    ['removed', (file: string) => removeRecord(file, 2), { seq: 2, problem: 'removed', detail: 'record 2 is missing: record 3 follows record 1' }],
    ['inserted', (file: string) => insertForgedBefore(file, 3, { kind: 'door-opening', actor: 'staff:S001', subject: 'door lockers/1/4', reason: 'retrieve' }), { seq: 3, problem: 'inserted' }],
    ['reordered', (file: string) => swapRecords(file, 3, 4), { seq: 3, problem: 'reordered', detail: 'it is stored after record 4' }],
  ] as const)('a log with a record %s: exit 1, the first bad record named on stderr and in the JSON', async (_kind, tamper, firstProblem) => {
    const file = await tampered(tamper);
    const json = await runKioskctl('audit', 'verify', '--db', file, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstProblem });
    expect(json.stderr.trim().split('\n')).toHaveLength(1);
    expect(json.stderr).toContain(`${file}: record ${firstProblem.seq} ${firstProblem.problem}: `);
    const text = await runKioskctl('audit', 'verify', '--db', file);
    expect(text).toMatchObject({ code: 1, stdout: '' });
  });

  it('a log cut off the end verifies, but its head is not the one the fleet was told', async () => {
    const file = await tampered((each) => truncateFrom(each, 4));
    const result = await runKioskctl('audit', 'verify', '--db', file, '--json');
    expect(result.code).toBe(0);
    const verification = JSON.parse(result.stdout) as { ok: boolean; records: number; head: AuditHead };
    expect(verification).toMatchObject({ ok: true, records: 3, head: { seq: 3 } });
    expect(verification.head).not.toEqual(head);
  });

  it('a missing file, a file that is no database, and no terminal config: one line each, exit 1, nothing created', async () => {
    const missing = path.join(terminal.dir, 'none.sqlite');
    expect(await runKioskctl('audit', 'verify', '--db', missing, '--json')).toEqual({ code: 1, stdout: '', stderr: `no audit log at ${missing}: the file does not exist\n` });
    const garbage = path.join(terminal.dir, 'garbage.sqlite');
    await writeFile(garbage, 'not a database, '.repeat(300));
    const corrupt = await runKioskctl('audit', 'verify', '--db', garbage);
    expect(corrupt).toMatchObject({ code: 1, stdout: '' });
    expect(corrupt.stderr).toMatch(/^\S+garbage\.sqlite is not a readable audit log: file is not a database\n$/);
    const noConfig = await runKioskctl('audit', 'verify', '--config', path.join(terminal.dir, 'nope.json'));
    expect(noConfig).toMatchObject({ code: 1, stdout: '' });
    expect(noConfig.stderr.trim().split('\n')).toHaveLength(1);
    expect(noConfig.stderr).toContain('file not found');
    expect((await readdir(terminal.dir)).filter((name) => name.startsWith('none') || name.startsWith('garbage.sqlite-'))).toEqual([]);
  });

  it('audit head and audit list read it too', async () => {
    expect(JSON.parse((await runKioskctl('audit', 'head', '--db', auditFile, '--json')).stdout)).toEqual(head);
    const list = await runKioskctl('audit', 'list', '--db', auditFile, '--limit', '2', '--json');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; reason: string })).toMatchObject([{ seq: 4, reason: 'deposit' }, { seq: 5, reason: 'pickup' }]);
  });
});

/** `staff add`, with the password on standard input as technicians give it. */
const staffAdd = (args: string[], password: string): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../kiosk-config/kioskctl/main.ts'), 'staff', 'add', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
    child.stdin.end(`${password}\n`);
  });

describe('a technician’s commands on a terminal are in its audit log', () => {
  it('staff add and locker open append technician records, before acting, to one intact chain', async () => {
    const before = AuditFile.read(auditFile, (audit) => audit.head()).seq;
    expect(await staffAdd([path.join(terminal.dir, 'staff.json'), 'S007', '--config', terminal.configFile], 'correct horse')).toMatchObject({ code: 0 });
    const port = lockers.pty.devicePath;
    const opened = await runKioskctl('locker', 'open', '--port', port, '--protocol', 'kerong-cu16', '--board', '0', '--door', '4', '--config', terminal.configFile, '--json');
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    const jammed = await runKioskctl('locker', 'open', '--port', port, '--protocol', 'kerong-cu16', '--board', '1', '--door', '2', '--config', terminal.configFile, '--json');
    expect(jammed.code).toBe(1);
    const records = AuditFile.read(auditFile, (audit) => audit.latest(null)).slice(before);
    expect(records.map(({ kind, actor, subject }) => ({ kind, actor, subject }))).toEqual([
      { kind: 'staff-account-set', actor: 'technician', subject: `account S007 in ${path.join(terminal.dir, 'staff.json')}` },
      { kind: 'door-opening', actor: 'technician', subject: `board 0 door 4 on ${port}` },
      { kind: 'door-opening', actor: 'technician', subject: `board 1 door 2 on ${port}` },
      { kind: 'door-not-opened', actor: 'technician', subject: `board 1 door 2 on ${port}` },
    ]);
    expect(records[1]?.reason).toMatch(/^kioskctl locker open \(OS user .+\)$/);
    expect(records[3]?.reason).toMatch(/^no-response/);
    expect(await runKioskctl('audit', 'verify', '--config', terminal.configFile)).toMatchObject({ code: 0 });
  });

  it('a log that cannot be written stops the command: the door stays shut, the staff file unchanged', async () => {
    const other = await testTerminal();
    try {
      await mkdir(other.config.dataDir, { mode: 0o700 });
      await writeFile(auditFileIn(other.config.dataDir), 'not a database, '.repeat(300));
      const refused = await runKioskctl('locker', 'open', '--port', lockers.pty.devicePath, '--protocol', 'kerong-cu16', '--board', '0', '--door', '6', '--config', other.configFile, '--json');
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/audit log .* cannot be opened .*nothing was done/);
      expect(lockers.simulator.board(0).isOpen(6)).toBe(false);
      const staffFile = path.join(other.dir, 'staff.json');
      expect(await staffAdd([staffFile, 'S008', '--config', other.configFile], 'correct horse')).toMatchObject({ code: 1 });
      expect(await readdir(other.dir)).not.toContain('staff.json');
    } finally {
      await other.remove();
    }
  });
});
