import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aptInstallVersionCommand, aptRefreshCommand } from '../../main/fleet/apt-repository-installer.ts';
import { aptInstallCommand } from '../../main/fleet/deb-installer.ts';
import { canMakeKioskUsers, makeKioskUsers, type KioskUsers } from '../support/kiosk-users-namespace.ts';

/**
 * The shipped sudo rule for staged updates, asked of the real sudo (`sudo -n -l <command>`: exit 0 and the command
 * when the rule allows it, else 1) as the host's user gov-kiosk, in a mount namespace where this machine has the
 * kiosk's users and its /etc/sudoers.d (tests/support/kiosk-users-namespace.ts). Nothing is run as root: `-l` only asks.
 */
const HOST_USER = 'gov-kiosk';

describe.skipIf(!canMakeKioskUsers())('the staged update’s sudo rule (needs root and a mount namespace)', () => {
  let scratch: string;
  let users: KioskUsers;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'update-sudo-'));
    users = await makeKioskUsers(scratch);
  }, 60_000);
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** Whether sudo would run `argv` (a `sudo -n …` command line as the installers build it) for the host's user. */
  const allowed = async (argv: readonly string[]): Promise<{ code: number | null; output: string }> => {
    expect(argv.slice(0, 2)).toEqual(['sudo', '-n']);
    const child = users.spawnAs(HOST_USER, ['sudo', '-n', '-l', ...argv.slice(2)], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, cwd: '/' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, output };
  };

  it('lets the host read the package lists again and install a version of the kiosk’s package, as the installer asks', async () => {
    const refresh = await allowed(aptRefreshCommand());
    expect(refresh, refresh.output).toMatchObject({ code: 0 });
    for (const version of ['0.2.0', '1.10.3-rc.1', '0.2.0+deb12u1', '2.0.0~beta1']) {
      const install = await allowed(aptInstallVersionCommand(version));
      expect(install, `${version}: ${install.output}`).toMatchObject({ code: 0 });
      expect(install.output).toContain(`gov-service-kiosk=${version}`);
    }
  });

  it('refuses anything more: another package, an argument slipped in after the version, a package file, other apt commands', async () => {
    const refused = [
      aptInstallVersionCommand('0.2.0 /var/lib/gov-service-kiosk/updates/evil.deb'),
      aptInstallVersionCommand('0.2.0 bash'),
      aptInstallVersionCommand('../../x'),
      [...aptInstallVersionCommand('0.2.0').slice(0, -1), 'bash=5.2.15-2'],
      [...aptInstallVersionCommand('0.2.0').slice(0, -1), 'gov-service-kiosk'],
      aptInstallCommand('/var/lib/gov-service-kiosk/updates/kept/gov-service-kiosk_0.2.0.deb'),
      [...aptRefreshCommand().slice(0, -1), 'upgrade'],
      [...aptRefreshCommand(), '-o', 'APT::Update::Pre-Invoke::=/bin/sh'],
      ['sudo', '-n', '/usr/bin/systemd-run', '--unit', 'gov-service-kiosk-update', '/bin/sh'],
    ];
    for (const argv of refused) {
      const answer = await allowed(argv);
      expect(answer.code, `${argv.slice(2).join(' ')} was allowed: ${answer.output}`).toBe(1);
    }
  });
});
