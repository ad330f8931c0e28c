import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { loadTerminalKeys } from '../../main/host/terminal-keys.ts';
import { parseStaffAccounts, verifyStaffPassword } from '../../main/lockers/staff-accounts.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { startPlatform, type RunningProcess } from '../support/processes.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';

/**
 * `kioskctl provision --from answers.json` as a technician runs it on a bare terminal (issue 22): an ID card reader
 * and a receipt printer simulated on ptys it is not told the kind of, the reference platform in its own process with
 * the code the operator issued for this terminal id. It ends with a config `config validate` accepts, staff who can
 * sign in, and a terminal the platform knows (its signed requests are answered).
 */
const TERMINAL_ID = 'PROV-310115-0001';
const CODE = 'PROV-CODE-7Q2M';
let dir: string;
let platform: RunningProcess;
let platformUrl: string;
let sam: SimulatedSam;
let printer: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-provision-'));
  ({ platform, url: platformUrl } = await startPlatform(0, ['--guides', '50', '--issue-enrolment-code', `${TERMINAL_ID}=${CODE}`]));
  sam = await startSimulatedSam();
  printer = await startSimulatedPrinterSide();
}, 30_000);
afterAll(async () => {
  await platform?.stop();
  await sam?.stop();
  await printer?.stop();
  await rm(dir, { recursive: true, force: true });
});

const answers = (overrides: object = {}) => ({
  profile: 'community-hall',
  terminalId: TERMINAL_ID,
  hallName: { 'zh-CN': '测试社区党群服务中心', en: 'Test Community Centre' },
  dataDir: path.join(dir, 'data'),
  platform: { baseUrl: platformUrl, enrolmentCode: CODE },
  ports: [printer.pty.devicePath, sam.pty.devicePath],
  staff: [{ staffId: 'S001', password: 'demo-staff-2026' }],
  ...overrides,
});
const writeAnswers = async (name: string, value: object) => {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(value), { mode: 0o600 });
  return file;
};

describe('kioskctl provision', () => {
  it('probes the devices, writes the config from the profile, makes the keys, enrols the terminal and adds the staff', async () => {
    const out = path.join(dir, 'etc', 'terminal.json');
    const result = await runKioskctl('provision', '--from', await writeAnswers('answers.json', answers()), '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`devices found: printer on ${printer.pty.devicePath}, idcard on ${sam.pty.devicePath}`);
    expect(result.stdout).toContain(`terminal ${TERMINAL_ID} enrolled at ${platformUrl}`);
    // It ends with the self-test of the terminal as provisioned: the devices and the enrolment pass; the catalogue
    // comes once the kiosk runs.
    const selfTest = result.stdout.slice(result.stdout.indexOf('self-test:'));
    expect(selfTest).toMatch(/idcard.*ok|ok.*idcard/i);
    expect(selfTest).toMatch(/enrol/i);
    expect(selfTest).toContain('self-test found what is listed above');

    expect(await runKioskctl('config', 'validate', out)).toMatchObject({ code: 0, stdout: `${out}: valid (terminal ${TERMINAL_ID})\n` });
    const text = await readFile(out, 'utf8');
    // The one-time code and the password were used, never written into the config.
    expect(text).not.toContain(CODE);
    expect(text).not.toContain('demo-staff-2026');
    expect(JSON.parse(text)).toMatchObject({
      extends: 'community-hall',
      terminalId: TERMINAL_ID,
      staff: { accounts: 'staff.json' },
      devices: [
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printer.pty.devicePath } },
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath } },
      ],
    });
    const [staff] = parseStaffAccounts(JSON.parse(await readFile(path.join(dir, 'etc', 'staff.json'), 'utf8')));
    expect(await verifyStaffPassword('demo-staff-2026', staff?.passwordHash ?? '')).toBe(true);
    expect((await stat(path.join(dir, 'etc', 'staff.json'))).mode & 0o777).toBe(0o600);

    // The platform knows the terminal: a signed request with its keys, as the host will make it, is answered.
    const { identity } = loadTerminalKeys(path.join(dir, 'data'), TERMINAL_ID);
    expect(identity.registeredAt).not.toBeNull();
    const cases = await new HttpPlatformAdapter({ baseUrl: platformUrl, timeoutMs: 5000, signer: identity }).casesOfApplicant(SAMPLE_CARDS.resident.idNumber);
    expect(Array.isArray(cases)).toBe(true);
  });

  it('refuses to replace a provisioned terminal unless told; provisioned again it keeps its keys; a used code is refused for new ones', async () => {
    const out = path.join(dir, 'etc', 'terminal.json');
    const file = await writeAnswers('again.json', answers());
    expect(await runKioskctl('provision', '--from', file, '--out', out)).toMatchObject({ code: 1, stderr: `${out} exists: this terminal is provisioned already (--force replaces its config)\n` });
    // The same terminal, its keys kept: the platform takes the same key again (an answer lost on the way).
    expect(await runKioskctl('provision', '--from', file, '--out', out, '--force')).toMatchObject({ code: 0, stderr: '' });
    // New keys (another data directory, a disk replaced) with the spent code: refused, and said so.
    const newKeys = await writeAnswers('new-keys.json', answers({ dataDir: path.join(dir, 'data-2') }));
    const again = await runKioskctl('provision', '--from', newKeys, '--out', out, '--force');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^enrolment at .* failed: .*used/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('asks on the terminal when given no answers file, what the probe found first', async () => {
    const code = 'PROV-CODE-ASKED';
    const asked = await startPlatform(0, ['--guides', '50', '--issue-enrolment-code', `PROV-310115-0003=${code}`]);
    try {
      const out = path.join(dir, 'asked', 'terminal.json');
      // A terminal with no serial ports (an empty sysfs): nothing to probe, so the questions come at once.
      const emptySys = await mkdtemp(path.join(dir, 'sys-'));
      const typed = ['', 'PROV-310115-0003', '测试楼宇服务站', '', asked.url, code, ''].join('\n');
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(import.meta.dirname, '../../kiosk-config/kioskctl/main.ts'), 'provision', '--out', out], {
          env: { ...process.env, KIOSK_SYSFS_ROOT: emptySys, KIOSK_DEV_ROOT: emptySys },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('close', (exit) => resolve({ code: exit, stdout, stderr }));
        child.stdin.end(`${typed}\n`);
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('profile (community-hall, office-building, bank-atm) [office-building]: ');
      expect(result.stdout).toContain('terminal PROV-310115-0003 enrolled');
      expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ extends: 'office-building', hallName: { 'zh-CN': '测试楼宇服务站' }, devices: [] });
    } finally {
      await asked.platform.stop();
    }
  });

  it('says which answer is wrong, in one line, and writes nothing', async () => {
    const out = path.join(dir, 'bad', 'terminal.json');
    const bad = await runKioskctl('provision', '--from', await writeAnswers('bad.json', answers({ profile: 'village-hall' })), '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.json: \$\.profile: /);
    const insecure = await runKioskctl('provision', '--from', await writeAnswers('plain.json', answers({ terminalId: 'PROV-310115-0002', platform: { baseUrl: 'http://platform.example.gov.cn/', enrolmentCode: CODE } })), '--out', out);
    expect(insecure).toMatchObject({ code: 1, stderr: `${out}: $.platform.baseUrl: the platform must be an https:// URL (plain http:// only to this machine: 127.0.0.1, localhost, [::1])\n` });
    await expect(stat(out)).rejects.toThrow();
  });
});
