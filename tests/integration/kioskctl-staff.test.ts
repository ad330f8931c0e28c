import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStaffAccounts, verifyStaffPassword } from '../../main/lockers/staff-accounts.ts';

/** `kioskctl staff add` as technicians run it, its own process with the password on stdin; `config validate` checks the file. */
const main = path.resolve(import.meta.dirname, '../../kiosk-config/kioskctl/main.ts');

const kioskctl = (args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-staff-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kioskctl staff add', () => {
  it('writes a salted scrypt hash (never the password) to a file only its owner reads, and sets a new password for a known id', async () => {
    const file = path.join(dir, 'staff.json');
    expect(await kioskctl(['staff', 'add', file, 'S001'], 'correct horse\n')).toMatchObject({ code: 0, stdout: `${file}: staff S001 added\n` });
    expect(await kioskctl(['staff', 'add', file, 'S002'], 'battery staple\n')).toMatchObject({ code: 0 });
    expect(await kioskctl(['staff', 'add', file, 'S001'], 'new horse 2\n')).toMatchObject({ code: 0, stdout: `${file}: new password for staff S001\n` });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('horse');
    const accounts = parseStaffAccounts(JSON.parse(text));
    expect(accounts.map((account) => account.staffId)).toEqual(['S001', 'S002']);
    expect(await verifyStaffPassword('new horse 2', accounts[0]?.passwordHash ?? '')).toBe(true);
    expect(await verifyStaffPassword('correct horse', accounts[0]?.passwordHash ?? '')).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a short password, a bad id and a broken file', async () => {
    const file = path.join(dir, 'other.json');
    expect(await kioskctl(['staff', 'add', file, 'S001'], 'short\n')).toMatchObject({ code: 1 });
    expect(await kioskctl(['staff', 'add', file, 'S 1'], 'long enough\n')).toMatchObject({ code: 2 });
    await writeFile(file, '{"accounts": [{"staffId": "S001", "passwordHash": "plain"}]}');
    const broken = await kioskctl(['staff', 'add', file, 'S002'], 'long enough\n');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unusable');
  });

  it('takes a staff id in another case as the same account, and refuses a password the kiosk’s touch keyboard cannot type (issue 22, item 9)', async () => {
    const file = path.join(dir, 'cased.json');
    expect(await kioskctl(['staff', 'add', file, 'S001'], 'demo-staff-2026\n')).toMatchObject({ code: 0 });
    expect(await kioskctl(['staff', 'add', file, 's001'], 'another-2026\n')).toMatchObject({ code: 0, stdout: `${file}: new password for staff s001\n` });
    expect(parseStaffAccounts(JSON.parse(await readFile(file, 'utf8'))).map((account) => account.staffId)).toEqual(['s001']);
    const untypable = await kioskctl(['staff', 'add', file, 'S002'], '密码是中文的密码\n');
    expect(untypable).toMatchObject({ code: 1, stdout: '' });
    expect(untypable.stderr).toBe('the password (first line of stdin): a staff password uses letters, digits, spaces and ASCII symbols other than { and } (what the kiosk’s touch keyboard can type)\n');
    expect(await kioskctl(['staff', 'add', file, 'S002'], 'with{brace}s\n')).toMatchObject({ code: 1 });
  });

  it('config validate checks the lockers’ staff file', async () => {
    const config = path.join(dir, 'terminal.json');
    const terminal = {
      terminalId: 'T-0001',
      hallName: { 'zh-CN': '测试大厅' },
      dataDir: 'data',
      platform: { baseUrl: 'https://gw.example.gov.cn/kiosk/' },
      devices: [{ id: 'lockers', kind: 'locker-bus', label: 'A柜', connection: { type: 'serial', path: '/dev/ttyUSB0' }, protocol: 'kerong-cu16', boards: [{ address: 0 }] }],
      lockers: { staffAccounts: 'missing.json' },
    };
    await writeFile(config, JSON.stringify(terminal));
    const missing = await kioskctl(['config', 'validate', config]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('$.lockers.staffAccounts: staff accounts');
    await writeFile(config, JSON.stringify({ ...terminal, lockers: { staffAccounts: 'staff.json' } }));
    expect(await kioskctl(['config', 'validate', config])).toMatchObject({ code: 0 });
  });
});
