import { beforeEach, describe, expect, it } from 'vitest';
import { AptRepositoryInstaller, aptInstallVersionCommand, aptRefreshCommand } from '../../../main/fleet/apt-repository-installer.ts';
import { InstallFailed, RollbackFailed } from '../../../main/fleet/installer.ts';
import type { CommandResult } from '../../../main/fleet/root-command.ts';

/** The apt-repository installer with a command runner that records the command lines: nothing is installed here. */
let commands: string[][];
let answers: CommandResult[];
const run = async (argv: readonly string[]) => {
  commands.push([...argv]);
  return answers.shift() ?? { code: 0, output: '' };
};
const installer = () => new AptRepositoryInstaller({ runningVersion: '0.1.0', run });

beforeEach(() => {
  commands = [];
  answers = [];
});

describe('AptRepositoryInstaller', () => {
  it('reads the repository again, then installs that version of the package, as root in a unit of its own', async () => {
    await installer().install(null, '0.2.0');
    expect(commands).toEqual([aptRefreshCommand(), aptInstallVersionCommand('0.2.0')]);
    expect(commands[0]).toEqual(['sudo', '-n', '/usr/bin/systemd-run', '--unit', 'gov-service-kiosk-update', '--wait', '--pipe', '--collect', '--quiet', '--setenv', 'DEBIAN_FRONTEND=noninteractive', '/usr/bin/apt-get', 'update']);
    expect(commands[1]?.slice(-8)).toEqual(['install', '-y', '--allow-downgrades', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', 'gov-service-kiosk=0.2.0']);
  });

  it('says why when the repository cannot be read, and installs nothing then', async () => {
    answers = [{ code: 100, output: 'Hit:1 …\nErr:2 https://apt.example.gov.cn stable InRelease\n  The following signatures were invalid: EXPKEYSIG\n' }];
    const failure = await installer().install(null, '0.2.0').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InstallFailed);
    expect((failure as Error).message).toBe('apt-get update failed (exit 100): Hit:1 … | Err:2 https://apt.example.gov.cn stable InRelease | The following signatures were invalid: EXPKEYSIG');
    expect(commands).toEqual([aptRefreshCommand()]);
  });

  it('rolls back by installing the previous version from the repository, and says when it is not there', async () => {
    answers = [{ code: 0, output: '' }, { code: 100, output: "E: Version '0.1.0' for 'gov-service-kiosk' was not found" }];
    const failure = await installer().rollback('0.1.0').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RollbackFailed);
    expect((failure as Error).message).toBe("apt-get could not install gov-service-kiosk=0.1.0 (exit 100): E: Version '0.1.0' for 'gov-service-kiosk' was not found");
    expect(commands).toEqual([aptRefreshCommand(), aptInstallVersionCommand('0.1.0')]);
  });
});
