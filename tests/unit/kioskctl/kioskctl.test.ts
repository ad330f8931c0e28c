import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl } from '../../support/run-kioskctl.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const demo = path.join(root, 'kiosk-config', 'terminals', 'demo.json');

const kioskctl = runKioskctl;

describe('kioskctl', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validates the demo terminal', async () => {
    const result = await kioskctl('config', 'validate', demo);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('valid (terminal DEMO-310115-0001)');
  });

  it('prints one line per problem with its JSON path, and exits non-zero', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ terminalId: 'T-1', hallName: {}, dataDir: 'd', platform: { baseUrl: 'nope' }, extra: true }));
    const result = await kioskctl('config', 'validate', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      '$.hallName["zh-CN"]: required (string)',
      '$.platform.baseUrl: an http:// or https:// URL',
      '$: unknown key "extra"',
    ]);
  });

  it('validates a profile, and a terminal that extends one (issue 22, item 8)', async () => {
    const profile = path.join(root, 'kiosk-config', 'profiles', 'bank-atm.json');
    expect(await kioskctl('config', 'validate', profile)).toMatchObject({ code: 0, stdout: `${profile}: valid (a profile)\n`, stderr: '' });
    await mkdir(path.join(dir, 'profiles'), { recursive: true });
    const wrong = path.join(dir, 'profiles', 'wrong.json');
    await writeFile(wrong, JSON.stringify({ terminalId: 'T-9', session: { idleTimeoutSeconds: 1 } }));
    expect(await kioskctl('config', 'validate', wrong)).toMatchObject({ code: 1, stdout: '', stderr: "$.terminalId: belongs in the terminal's own config, not in a profile\n" });
    const terminal = path.join(dir, 'atm.json');
    await writeFile(terminal, JSON.stringify({ extends: 'bank-atm', terminalId: 'ATM-310115-0001', hallName: { 'zh-CN': '某银行网点' }, dataDir: 'data', platform: { baseUrl: 'https://zwfw.example.gov.cn/' } }));
    expect(await kioskctl('config', 'validate', terminal)).toMatchObject({ code: 0, stdout: `${terminal}: valid (terminal ATM-310115-0001)\n` });
  });

  it('prints JSON with --json', async () => {
    expect(JSON.parse((await kioskctl('config', 'validate', demo, '--json')).stdout)).toEqual({ valid: true, terminalId: 'DEMO-310115-0001' });
  });

  it('has --help for the tool and each command', async () => {
    expect((await kioskctl('--help')).stdout).toContain('config validate');
    const help = await kioskctl('config', 'validate', '--help');
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('usage: kioskctl config validate <file>');
  });

  it('refuses unknown commands and options with exit 2', async () => {
    expect(await kioskctl('frobnicate')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^unknown command: frobnicate/) });
    expect(await kioskctl('config', 'validate', demo, '--colour')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^unknown option: --colour/) });
    expect(await kioskctl()).toMatchObject({ code: 2 });
  });
});
