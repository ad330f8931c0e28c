import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskctlCommands } from '../../kiosk-config/kioskctl/commands.ts';
import { API_VERSION } from '../../main/api/version.ts';
import { runKioskctl, runToEnd } from '../support/run-kioskctl.ts';

/** kioskctl as a command a technician types: its version, its groups, and the launcher npm installs as its bin. */
const root = path.resolve(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
// Groups of subcommands (`config validate`, `idcard read` …); a command of one word (`devices`) is not a group, it runs.
const groups = [...new Set(kioskctlCommands.filter(({ words }) => words.length > 1).map(({ words }) => words[0] as string))].filter(
  (group) => !kioskctlCommands.some(({ words }) => words.length === 1 && words[0] === group),
);

describe('kioskctl --version', () => {
  it("prints the app's version and the contract's, exit 0", async () => {
    expect(await runKioskctl('--version')).toEqual({ code: 0, stdout: `kioskctl ${packageJson.version} (gov-service-kiosk, contract ${API_VERSION})\n`, stderr: '' });
  });
});

describe('a group name alone', () => {
  it('config lists its subcommands with their summaries, exit 2', async () => {
    const result = await runKioskctl('config');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/unknown command/);
    expect(result.stderr).toMatch(/config validate +check a terminal config/);
    expect(result.stderr).toMatch(/config forget-enrolment-code +\S/);
  });

  it.each(groups)('%s lists every one of its subcommands', async (group) => {
    const result = await runKioskctl(group);
    expect(result.code).toBe(2);
    for (const command of kioskctlCommands.filter(({ words }) => words[0] === group)) expect(result.stderr).toContain(`${command.words.join(' ')} `);
    for (const command of kioskctlCommands.filter(({ words }) => words[0] !== group)) expect(result.stderr).not.toContain(`  ${command.words.join(' ')} `);
  });

  it('with --help, lists them on stdout, exit 0', async () => {
    const result = await runKioskctl('idcard', '--help');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/idcard read +\S/);
    expect(result.stdout).toMatch(/idcard simulate +\S/);
  });

  it('followed by a word it does not have, says which and lists what it has', async () => {
    const result = await runKioskctl('config', 'valdate');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('unknown command: config valdate (kioskctl config lists its commands)');
  });
});

describe('the kioskctl launcher (package.json bin)', () => {
  const launcher = path.join(root, packageJson.bin['kioskctl'] ?? 'no bin');

  it("runs on the project's pinned Node, not the system's Node 20", async () => {
    // /usr/bin first: `node` there is the system's (20 on these machines), which cannot run kioskctl's TypeScript.
    const result = await runToEnd(launcher, ['--version'], { PATH: '/usr/bin:/bin' });
    expect(result).toEqual({ code: 0, stdout: `kioskctl ${packageJson.version} (gov-service-kiosk, contract ${API_VERSION})\n`, stderr: '' });
  });

  it('passes the arguments and the exit status on', async () => {
    const result = await runToEnd(launcher, ['config', 'validate', path.join(root, 'kiosk-config/terminals/demo.json'), '--json'], { PATH: '/usr/bin:/bin' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true });
    expect(await runToEnd(launcher, ['frobnicate'], { PATH: '/usr/bin:/bin' })).toMatchObject({ code: 2 });
  });
});
