import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl } from '../../support/run-kioskctl.ts';

/**
 * `kioskctl config forget-enrolment-code`: what a technician runs as root on a locked-down terminal, whose host may
 * not write /etc/gov-service-kiosk/terminal.json itself, once the terminal is enrolled (review finding 5).
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-code-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kioskctl config forget-enrolment-code', () => {
  it('cuts the code out of the file, then says there is none', async () => {
    const file = path.join(dir, 'terminal.json');
    await writeFile(file, '{\n  "platform": {\n    "baseUrl": "https://gw.example/",\n    "enrolmentCode": "7K2M-QX9D-AB12-CD34"\n  }\n}\n');
    expect(await runKioskctl('config', 'forget-enrolment-code', file)).toEqual({ code: 0, stdout: `${file}: enrolment code removed\n`, stderr: '' });
    expect(await readFile(file, 'utf8')).toBe('{\n  "platform": {\n    "baseUrl": "https://gw.example/"\n  }\n}\n');
    expect(await runKioskctl('config', 'forget-enrolment-code', file)).toEqual({ code: 0, stdout: `${file}: no enrolment code in it\n`, stderr: '' });
  });

  it('says why it left a file alone, and exits 1', async () => {
    const result = await runKioskctl('config', 'forget-enrolment-code', path.join(dir, 'missing.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read it (ENOENT)');
  });
});
