import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFileIn } from '../../main/catalogue/catalogue-store.ts';
import { catalogueSummary } from '../../main/catalogue/catalogue-summary.ts';
import { createKioskHost } from '../../main/host/create-host.ts';
import { terminalIdentityFile } from '../../main/platform/terminal-identity.ts';
import { readDatabase } from '../../main/storage/database-for-reading.ts';
import { lastSelfTestFileIn, type SelfTestResult } from '../../kiosk-config/kioskctl/self-test/self-test-result.ts';
import { startDemoTerminalOnPtys, type DemoTerminalOnPtys } from '../support/demo-terminal-on-ptys.ts';
import { runKioskctl, runKioskctlWith } from '../support/run-kioskctl.ts';
import { silentLog } from '../support/silent-log.ts';

/**
 * `kioskctl self-test` on the demo terminal (kiosk-config/terminals/demo.json) with its devices simulated on real
 * ptys and the reference platform in its own process: refused while the kiosk host holds the ports; once the kiosk
 * has enrolled and synced its catalogue and stopped, every check passes; a door and a test page when asked; and a
 * reader that no longer answers fails the self-test, named.
 */
let terminal: DemoTerminalOnPtys;
let whileHostRuns: Awaited<ReturnType<typeof runKioskctl>>;

const until = async (what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

beforeAll(async () => {
  terminal = await startDemoTerminalOnPtys();
  const { dataDir, terminalId } = terminal.config;
  // The kiosk runs once, as on a fresh terminal: it enrols with its code and syncs the catalogue.
  const host = createKioskHost(terminal.config, { log: silentLog() });
  await host.start();
  try {
    await until('enrolment', async () => existsSync(terminalIdentityFile(dataDir)) && (JSON.parse(await readFile(terminalIdentityFile(dataDir), 'utf8')) as { registeredAt: string | null }).registeredAt !== null);
    await until('the catalogue', () => existsSync(catalogueFileIn(dataDir)) && readDatabase(catalogueFileIn(dataDir), catalogueSummary).version !== null);
    whileHostRuns = await runKioskctl('self-test', '--config', terminal.configFile, '--json');
  } finally {
    await host.stop();
  }
  expect(terminalId).toBe('DEMO-310115-0001');
}, 60_000);
afterAll(async () => {
  await terminal.stop();
});

const checksOf = (stdout: string) => (JSON.parse(stdout) as SelfTestResult).checks;

describe('kioskctl self-test', () => {
  it('refuses with one line, checking nothing, while the kiosk host holds the serial ports', () => {
    expect(whileHostRuns.code).toBe(1);
    expect(whileHostRuns.stdout).toBe('');
    expect(whileHostRuns.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^self-test not run: another process holds .*idcard.*: stop it first \(systemctl stop gov-service-kiosk\)/)]);
  });

  it('passes on the demo terminal: every device, the platform, enrolment, clock, catalogue, outbox and disk', async () => {
    const run = await runKioskctl('self-test', '--config', terminal.configFile, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SelfTestResult;
    expect(result).toMatchObject({ ok: true, terminalId: 'DEMO-310115-0001' });
    expect(result.checks.map(({ check, device, ok }) => [check, device, ok])).toEqual([
      ['idcard-reader', 'idcard', true],
      ['receipt-printer', 'printer', true],
      ['qr-scanner', 'scanner', true],
      ['document-scanner', 'sheet-scanner', true],
      ['locker-bus', 'lockers-a', true],
      ['platform', undefined, true],
      ['enrolment', undefined, true],
      ['clock', undefined, true],
      ['catalogue', undefined, true],
      ['outbox', undefined, true],
      ['disk', undefined, true],
    ]);
    const detail = Object.fromEntries(result.checks.map((check) => [check.device ?? check.check, check.detail]));
    expect(detail['printer']).toMatch(/^online, paper ok/);
    expect(detail['lockers-a']).toMatch(/^board 1 answers \(generic-8a/);
    expect(detail['enrolment']).toMatch(/registered .*; the platform accepts its signed requests/);
    // The demo terminal keeps the guides of its area (310115) of the platform's 200.
    expect(detail['catalogue']).toMatch(/^version 1: [1-9]\d* guides, \d+ bundles$/);
    // Kept for diagnostics, exactly as printed.
    expect(JSON.parse(await readFile(lastSelfTestFileIn(terminal.config.dataDir), 'utf8'))).toEqual(result);
    // Nothing was printed or unlocked without being asked.
    expect(terminal.printer.printed.length).toBe(0);
    expect(terminal.lockers.board(1).unlocks).toEqual([]);
  }, 30_000);

  it('prints a table for a person', async () => {
    const run = await runKioskctl('self-test', '--config', terminal.configFile);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^self-test of terminal DEMO-310115-0001 at /);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}ok {4}idcard-reader idcard +the SAM answers \(serial .*idcard @115200\)$/));
    expect(lines.at(-1)).toBe('self-test passed');
  }, 30_000);

  it('prints a test page and opens a door only when asked, the door recorded in the audit log', async () => {
    const run = await runKioskctl('self-test', '--config', terminal.configFile, '--print', '--open-door', 'A柜:3', '--json');
    expect(run.code).toBe(0);
    const checks = checksOf(run.stdout);
    expect(checks.find((check) => check.check === 'test-page')).toMatchObject({ device: 'printer', ok: true });
    expect(checks.find((check) => check.check === 'door')).toMatchObject({ device: 'lockers-a', ok: true, detail: expect.stringMatching(/^A柜 3 \(board 1 door 3\) opened/) });
    expect(terminal.printer.printed.length).toBeGreaterThan(0);
    expect(terminal.lockers.board(1).unlocks).toEqual([3]);
    const audit = await runKioskctl('audit', 'list', '--config', terminal.configFile, '--json');
    expect(audit.stdout).toMatch(/"kind":"door-opening","actor":"technician","subject":"door lockers-a\/1\/3 \(A柜 3\)"/);
  }, 30_000);

  it('refuses a door that is not there, or not written CABINET:DOOR, with one line', async () => {
    for (const [door, message] of [
      ['A柜', /^--open-door must be CABINET:DOOR \(e\.g\. lockers-a:1\), not "A柜"$/],
      ['B柜:1', /^--open-door: this terminal has no cabinet "B柜" \(its cabinets: lockers-a\)$/],
      ['lockers-a:25', /^--open-door: cabinet lockers-a has doors 1–24, not 25$/],
    ] as const) {
      const run = await runKioskctl('self-test', '--config', terminal.configFile, '--open-door', door);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    }
    const missing = await runKioskctl('self-test', '--config', '/nonexistent/terminal.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual(['the terminal config is unusable: /nonexistent/terminal.json: $: file not found']);
  }, 30_000);

  it('says a camera is not checkable here when the system lists it, and fails when it does not', async () => {
    // The same terminal with a 高拍仪 instead of the sheet scanner, and a /sys of the test's own (KIOSK_SYSFS_ROOT).
    const config = JSON.parse(await readFile(terminal.configFile, 'utf8')) as { devices: Array<{ id: string; connection: unknown }> };
    const camera = { ...config, devices: config.devices.map((device) => (device.id === 'sheet-scanner' ? { ...device, connection: { type: 'camera', label: 'Doccamera' } } : device)) };
    const cameraConfig = path.join(terminal.dir, 'camera-terminal.json');
    await writeFile(cameraConfig, JSON.stringify(camera));
    const sys = path.join(terminal.dir, 'sys');
    await mkdir(path.join(sys, 'class', 'video4linux', 'video0'), { recursive: true });
    const cameraCheck = async (name: string | null) => {
      if (name !== null) await writeFile(path.join(sys, 'class', 'video4linux', 'video0', 'name'), `${name}\n`);
      const run = await runKioskctlWith({ ...process.env, KIOSK_SYSFS_ROOT: name === null ? path.join(terminal.dir, 'no-sys') : sys, KIOSK_DEV_ROOT: '/dev' }, 'self-test', '--config', cameraConfig, '--json');
      return { code: run.code, check: checksOf(run.stdout).find((check) => check.device === 'sheet-scanner') };
    };
    expect(await cameraCheck('Doccamera: Doccamera')).toEqual({
      code: 0,
      check: { check: 'document-scanner', device: 'sheet-scanner', ok: true, checkable: false, detail: expect.stringMatching(/^listed as \/dev\/video0 "Doccamera: Doccamera"; whether it opens and gives a sharp page is not checkable here/) },
    });
    expect(await cameraCheck('Integrated Webcam')).toMatchObject({ code: 1, check: { ok: false, detail: 'no camera named "Doccamera": the system lists /dev/video0 "Integrated Webcam" — check its USB cable' } });
    expect(await cameraCheck(null)).toMatchObject({ code: 1, check: { ok: false, detail: 'no camera named "Doccamera": the system lists no video device — check its USB cable' } });
  }, 60_000);

  it('fails, naming the reader, when nothing answers on its port', async () => {
    await terminal.sam.stop();
    const run = await runKioskctl('self-test', '--config', terminal.configFile, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as SelfTestResult;
    expect(result.ok).toBe(false);
    expect(result.checks.filter((check) => !check.ok)).toEqual([
      { check: 'idcard-reader', device: 'idcard', ok: false, detail: expect.stringMatching(/^error: the reader's SAM does not answer on serial .*idcard @115200/) },
    ]);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^self-test failed: idcard \(error: the reader's SAM does not answer/)]);
    const table = await runKioskctl('self-test', '--config', terminal.configFile);
    expect(table.stdout.trim().split('\n').at(-1)).toBe('self-test FAILED: idcard');
  }, 30_000);
});
