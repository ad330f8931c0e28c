import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aptInstallCommand, DebInstaller } from '../../../main/fleet/deb-installer.ts';
import type { CommandResult } from '../../../main/fleet/root-command.ts';
import { InstallFailed, RollbackFailed } from '../../../main/fleet/installer.ts';

/** The Debian installer with a command runner that records the command lines: nothing is installed onto this machine. */
let dir: string;
let commands: string[][];
let answer: CommandResult;
const run = async (argv: readonly string[]) => {
  commands.push([...argv]);
  return answer;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'deb-installer-'));
  commands = [];
  answer = { code: 0, output: '' };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const installer = () => new DebInstaller({ runningVersion: '0.1.0', keptDir: path.join(dir, 'kept'), run });
const downloaded = async (name: string, content: string) => {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
};

describe('DebInstaller', () => {
  it('installs the package with apt-get as root in a unit of its own, keeping it for a later rollback', async () => {
    const deb = installer();
    await mkdir(path.join(dir, 'kept'));
    await writeFile(deb.keptPackage('0.1.0'), 'old');
    await writeFile(deb.keptPackage('0.0.9'), 'older');
    await deb.install(await downloaded('package-0.2.0.deb', 'new'), '0.2.0');
    const kept = path.join(dir, 'kept', 'gov-service-kiosk_0.2.0.deb');
    expect(commands).toEqual([aptInstallCommand(kept)]);
    expect(commands[0]?.slice(0, 3)).toEqual(['sudo', '-n', '/usr/bin/systemd-run']);
    expect(commands[0]?.slice(11, 15)).toEqual(['/usr/bin/apt-get', 'install', '-y', '--allow-downgrades']);
    expect(commands[0]?.at(-1)).toBe(kept);
    expect(await readFile(kept, 'utf8')).toBe('new');
    // The running version's package stays (a rollback's), older ones go.
    expect((await readdir(path.join(dir, 'kept'))).sort()).toEqual(['gov-service-kiosk_0.1.0.deb', 'gov-service-kiosk_0.2.0.deb']);
    expect(deb.runningVersion()).toBe('0.1.0');
  });

  it('says why apt-get refused, and keeps nothing of the refused package', async () => {
    answer = { code: 100, output: 'Reading package lists...\nE: Unmet dependencies.\nE: gov-service-kiosk depends on libfoo9' };
    const failure = await installer()
      .install(await downloaded('package-0.2.0.deb', 'new'), '0.2.0')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InstallFailed);
    expect((failure as Error).message).toMatch(/exit 100.*depends on libfoo9/);
    expect(await readdir(path.join(dir, 'kept'))).toEqual([]);
  });

  it('rolls back by installing the kept package of the previous version', async () => {
    const deb = installer();
    await mkdir(path.join(dir, 'kept'));
    await writeFile(deb.keptPackage('0.1.0'), 'old');
    await deb.rollback('0.1.0');
    expect(commands).toEqual([aptInstallCommand(deb.keptPackage('0.1.0'))]);
  });

  it('cannot roll back without the previous package, and says so', async () => {
    await expect(installer().rollback('0.1.0')).rejects.toBeInstanceOf(RollbackFailed);
    await expect(installer().rollback('0.1.0')).rejects.toThrow(/no package of 0.1.0 is kept/);
    expect(commands).toEqual([]);
  });
});
