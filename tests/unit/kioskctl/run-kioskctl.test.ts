import { describe, expect, it } from 'vitest';
import type { KioskctlCommand } from '../../../kiosk-config/kioskctl/command.ts';
import { runKioskctl } from '../../../kiosk-config/kioskctl/run-kioskctl.ts';

/** What kioskctl does with a command that fails in a way its author did not foresee. */
const failing = (thrown: unknown): KioskctlCommand => ({
  words: ['printer', 'status'],
  summary: 'a command that throws',
  arguments: [],
  options: {},
  optionHelp: [],
  run: () => Promise.reject(thrown),
});

const run = async (command: KioskctlCommand) => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runKioskctl(['printer', 'status'], [command], { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) });
  return { code, stdout, stderr };
};

describe('runKioskctl, when a command throws', () => {
  it('prints one line naming the command and the cause, no stack trace, and exits 1', async () => {
    const error = new Error('EACCES: permission denied, open /var/lib/gov-service-kiosk/catalogue.sqlite');
    expect(error.stack).toContain('\n    at ');
    expect(await run(failing(error))).toEqual({
      code: 1,
      stdout: [],
      stderr: ['kioskctl printer status failed: EACCES: permission denied, open /var/lib/gov-service-kiosk/catalogue.sqlite'],
    });
  });

  it('keeps to the first line of a message of many lines, and takes what is thrown that is not an Error', async () => {
    expect((await run(failing(new Error('the first line\nthe second line')))).stderr).toEqual(['kioskctl printer status failed: the first line']);
    expect((await run(failing('a string'))).stderr).toEqual(['kioskctl printer status failed: a string']);
  });
});
