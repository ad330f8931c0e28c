import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskTempDirPrefix, sweepStaleTempDirs } from '../../../main/host/stale-temp-dirs.ts';

/** The PID of a process that has exited: nothing runs under it (until the kernel reuses it, long after this test). */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
};

let root: string;
afterEach(() => rm(root, { recursive: true, force: true }));

describe('temp directories left by a host that died (review finding 12)', () => {
  it('are removed at start — scans and Chromium profiles of dead hosts — while a live host’s and anyone else’s stay', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-sweep-test-'));
    const dead = deadPid();
    const leftScan = path.join(root, `kiosk-scan-${dead}-AbC123`);
    const leftProfile = path.join(root, `kiosk-chromium-${dead}-x9Y8z7`);
    const live = path.join(root, `kiosk-scan-${process.pid}-Qwe456`);
    const someoneElses = path.join(root, 'kiosk-scan-notours');
    for (const dir of [leftScan, leftProfile, live, someoneElses]) await mkdir(dir);
    await writeFile(path.join(leftScan, 'page-001.png'), 'a citizen’s page');

    expect((await sweepStaleTempDirs(root)).sort()).toEqual([leftProfile, leftScan].sort());
    expect([leftScan, leftProfile].map((dir) => existsSync(dir))).toEqual([false, false]);
    expect([live, someoneElses].map((dir) => existsSync(dir))).toEqual([true, true]);
  });

  it('names this process’s directories so that the sweep can tell whose they are', () => {
    expect(path.basename(kioskTempDirPrefix('scan', '/tmp'))).toBe(`kiosk-scan-${process.pid}-`);
    expect(path.basename(kioskTempDirPrefix('chromium', '/tmp'))).toBe(`kiosk-chromium-${process.pid}-`);
  });
});
