import { execFile, spawnSync } from 'node:child_process';
import { access, chmod, copyFile, cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLockdownPieces } from '../../main/lockdown/lockdown-install.ts';
import { installedFile, KIOSK_CHROMIUM_LAUNCHER, KIOSK_UI_USER, OS_SESSION_PIECES, osSessionPiece, sudoChromiumCommand } from '../../main/lockdown/os-session-pieces.ts';

/**
 * The terminal's OS session, checked by the tools that will read it on a terminal, against a scratch root that
 * `installLockdownPieces` filled: systemd-sysusers and systemd-tmpfiles create the users and directories there,
 * `systemd-analyze verify` reads the units (with the executables they name), udevadm applies the rules to a real
 * serial port in a mount namespace of its own, visudo parses the sudo rule. Each check also runs once on a broken
 * copy, so that a check that cannot fail is noticed here.
 */
const run = promisify(execFile);
const project = path.resolve(import.meta.dirname, '..', '..');
const UNITS = OS_SESSION_PIECES.filter((piece) => piece.installed.startsWith('/usr/lib/systemd/system/'));
const UNIT_DIR = '/usr/lib/systemd/system';

let root: string;
const inRoot = (file: string) => path.join(root, file);

const tryRun = async (file: string, args: readonly string[]) => {
  try {
    const { stdout, stderr } = await run(file, [...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const table = async (file: string) =>
  new Map(
    (await readFile(inRoot(file), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const fields = line.split(':');
        return [fields[0] ?? '', fields] as const;
      }),
  );

/** `Key=value` lines of a unit file, in order (no continuation lines in ours). */
const unitSettings = async (file: string): Promise<Array<[string, string]>> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => /^[A-Za-z]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);

/** Every program an Exec line runs: its argv[0], and the one `env VAR=… program` runs (which verify cannot see). */
const programsOf = (command: string): string[] => {
  const words = command.split(/\s+/).filter(Boolean);
  const programs = [words[0] ?? ''];
  if (words[0] === '/usr/bin/env') programs.push(words.slice(1).find((word) => !word.includes('=')) ?? '');
  if (words[0] === '/usr/bin/timeout') programs.push(words[2] ?? '');
  return programs;
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-os-session-'));
  await installLockdownPieces(root);
  // systemd-sysusers adds to the machine's own accounts, as on a terminal
  await mkdir(inRoot('/etc'), { recursive: true });
  for (const file of ['passwd', 'group', 'shadow', 'gshadow']) await copyFile(`/etc/${file}`, inRoot(`/etc/${file}`)).catch(() => undefined);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the kiosk users and directories', () => {
  it('systemd-sysusers creates the host user, the screen user and the devices group, with their memberships', async () => {
    const created = await tryRun('systemd-sysusers', [`--root=${root}`, installedFile(osSessionPiece('sysusers'), root)]);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    const passwd = await table('/etc/passwd');
    const group = await table('/etc/group');
    expect(passwd.get('gov-kiosk')?.[5]).toBe('/var/lib/gov-service-kiosk');
    expect(passwd.get('gov-kiosk-ui')?.[5]).toBe('/run/gov-service-kiosk-ui');
    expect(passwd.get('gov-kiosk')?.[6]).toBe('/usr/sbin/nologin');
    const members = (name: string) => (group.get(name)?.[3] ?? '').split(',').filter(Boolean);
    expect(members('gov-kiosk-devices')).toEqual(['gov-kiosk']);
    expect(members('scanner')).toContain('gov-kiosk');
    for (const name of ['video', 'input', 'render']) expect(members(name)).toContain('gov-kiosk-ui');
    // the screen's user has no devices of the host's, and the host none of the screen's
    expect([...group.values()].filter((fields) => (fields[3] ?? '').split(',').includes('gov-kiosk-ui')).map((fields) => fields[0]).sort()).toEqual([
      'input',
      'render',
      'video',
    ]);
  });

  it('systemd-tmpfiles makes the launch directory setgid to the screen, the data directory the host’s alone', async () => {
    const created = await tryRun('systemd-tmpfiles', [`--root=${root}`, '--create', installedFile(osSessionPiece('tmpfiles'), root)]);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    const passwd = await table('/etc/passwd');
    const group = await table('/etc/group');
    const uid = (name: string) => Number(passwd.get(name)?.[2]);
    const gid = (name: string) => Number(group.get(name)?.[2]);
    const of = async (dir: string) => {
      const info = await stat(inRoot(dir));
      return { mode: (info.mode & 0o7777).toString(8), uid: info.uid, gid: info.gid };
    };
    expect(await of('/run/gov-service-kiosk')).toEqual({ mode: '750', uid: uid('gov-kiosk'), gid: gid('gov-kiosk-ui') });
    expect(await of('/run/gov-service-kiosk/launch')).toEqual({ mode: '2750', uid: uid('gov-kiosk'), gid: gid('gov-kiosk-ui') });
    expect(await of('/run/gov-service-kiosk-ui')).toEqual({ mode: '700', uid: uid('gov-kiosk-ui'), gid: gid('gov-kiosk-ui') });
    expect(await of('/var/lib/gov-service-kiosk')).toEqual({ mode: '700', uid: uid('gov-kiosk'), gid: gid('gov-kiosk') });
  });
});

describe('the systemd units', () => {
  const verifyRoot = () => inRoot('/verify');
  beforeAll(async () => {
    // A root systemd-analyze can load the units from: systemd's own units (the targets and services ours name),
    // ours, and every program an Exec line runs, from this machine, or a stand-in where a later issue ships it.
    const target = verifyRoot();
    await mkdir(path.join(target, 'usr/bin'), { recursive: true });
    for (const link of ['bin', 'sbin', 'lib']) await symlink(`usr/${link}`, path.join(target, link));
    await cp(UNIT_DIR, path.join(target, UNIT_DIR), { recursive: true, verbatimSymlinks: true });
    for (const unit of UNITS) await copyFile(installedFile(unit, root), path.join(target, unit.installed));
    for (const unit of UNITS) {
      for (const [key, value] of await unitSettings(installedFile(unit, root))) {
        if (!key.startsWith('Exec')) continue;
        for (const program of programsOf(value)) {
          const placed = path.join(target, program);
          await mkdir(path.dirname(placed), { recursive: true });
          if (program.startsWith('/usr/lib/gov-service-kiosk/')) await writeFile(placed, '#!/bin/sh\n', { mode: 0o755 });
          else {
            await access(program).catch(() => {
              throw new Error(`${unit.shipped} runs ${program}, which this machine lacks: run scripts/setup-system.sh`);
            });
            await copyFile(program, placed);
            await chmod(placed, 0o755);
          }
        }
      }
    }
  });

  it('systemd-analyze verify finds nothing to say about them', async () => {
    const verify = await tryRun('systemd-analyze', [`--root=${verifyRoot()}`, 'verify', '--man=no', '--generators=no', ...UNITS.map((unit) => path.basename(unit.installed))]);
    expect({ code: verify.code, output: `${verify.stdout}${verify.stderr}` }).toEqual({ code: 0, output: '' });
  });

  it('systemd-analyze verify does speak up on a broken unit (the check can fail)', async () => {
    const host = installedFile(osSessionPiece('host-unit'), root);
    const broken = (await readFile(host, 'utf8')).replace(/^NotifyAccess=all$/m, 'NotifyAcess=all').replace(/^WatchdogSec=30$/m, 'WatchdogSec=30x');
    await writeFile(path.join(verifyRoot(), UNIT_DIR, 'gov-service-kiosk-broken.service'), broken);
    await writeFile(path.join(verifyRoot(), UNIT_DIR, 'gov-service-kiosk-missing.service'), broken.replace('/usr/lib/gov-service-kiosk/node/bin/node', '/usr/bin/no-such-node'));
    const verify = await tryRun('systemd-analyze', [`--root=${verifyRoot()}`, 'verify', '--man=no', '--generators=no', 'gov-service-kiosk-broken.service', 'gov-service-kiosk-missing.service']);
    const output = `${verify.stdout}${verify.stderr}`;
    expect(output).toMatch(/Unknown key.*NotifyAcess/);
    expect(output).toContain('Failed to parse sec value, ignoring: 30x');
    expect(output).toContain('/usr/bin/no-such-node is not executable');
    expect(verify.code).not.toBe(0);
  });

  it('name only units that exist, and users and groups that sysusers makes', async () => {
    const units = new Set([...UNITS.map((unit) => path.basename(unit.installed))]);
    const group = await table('/etc/group');
    const passwd = await table('/etc/passwd');
    for (const unit of UNITS) {
      for (const [key, value] of await unitSettings(installedFile(unit, root))) {
        // Ordering on a unit that is not installed (plymouth's) is harmless; on one of ours it is a typo.
        const ordering = ['After', 'Before'].includes(key);
        if (ordering || ['Wants', 'Requires', 'Conflicts', 'OnFailure', 'WantedBy'].includes(key)) {
          for (const name of value.split(/\s+/).filter((word) => word !== '' && (!ordering || word.startsWith('gov-service-kiosk')))) {
            const file = name.replace(/@[^.]+\./, '@.');
            const exists = units.has(name) || (await access(path.join(verifyRoot(), UNIT_DIR, file)).then(() => true, () => false));
            expect(exists, `${unit.shipped}: ${key}=${name} names no unit`).toBe(true);
          }
        }
        if (key === 'User') expect(passwd.has(value), `${unit.shipped}: User=${value}`).toBe(true);
        if (key === 'Group' || key === 'SupplementaryGroups') for (const name of value.split(/\s+/)) expect(group.has(name), `${unit.shipped}: ${key}=${name}`).toBe(true);
      }
    }
  });

  it('run the project’s own entry points, as the app is laid out under /usr/lib/gov-service-kiosk/app', async () => {
    for (const unit of ['host-unit', 'out-of-service-unit']) {
      const settings = await unitSettings(installedFile(osSessionPiece(unit), root));
      const start = settings.find(([key]) => key === 'ExecStart')?.[1] ?? '';
      const script = start.split(/\s+/)[1] ?? '';
      expect(script.startsWith('/usr/lib/gov-service-kiosk/app/')).toBe(true);
      await access(path.join(project, script.slice('/usr/lib/gov-service-kiosk/app/'.length)));
    }
  });
});

describe('the udev rules', () => {
  /**
   * udevadm test applies the rules to a device; systemd 252 has no `udevadm verify`. In a mount namespace of its
   * own (a fresh /run for the rules and udev's database, a fresh /dev with a node for the port, the scratch root's
   * /etc/group), so this machine's devices and udev state are never touched.
   */
  const udevTest = async (rules: string, device: string) => {
    const script = [
      'set -e',
      'mount -t tmpfs tmpfs /run',
      'mkdir -p /run/udev/rules.d',
      `cp "$1" /run/udev/rules.d/70-gov-service-kiosk.rules`,
      'mount -t tmpfs tmpfs /dev',
      `mknod -m 600 /dev/${path.basename(device)} c $(cut -d: -f1 "$2/dev") $(cut -d: -f2 "$2/dev")`,
      'mknod -m 666 /dev/null c 1 3',
      'mount --bind "$3" /etc/group',
      'udevadm test --action=add "$2" 2>&1 || true',
      `echo "node: $(stat -c '%a %g' /dev/${path.basename(device)})"`,
    ].join('\n');
    return tryRun('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', rules, device, inRoot('/etc/group')]);
  };
  const port = '/sys/class/tty/ttyS0';
  const canRun = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;

  it.skipIf(!canRun)('give a serial port to gov-kiosk-devices, 0660, and report no problem in the file', async () => {
    await access(port);
    const rules = installedFile(osSessionPiece('udev-rules'), root);
    const result = await udevTest(rules, port);
    const gid = (await table('/etc/group')).get('gov-kiosk-devices')?.[2];
    const ours = result.stdout.split('\n').filter((line) => line.includes('70-gov-service-kiosk.rules'));
    expect(ours[0]).toBe('Reading rules file: /run/udev/rules.d/70-gov-service-kiosk.rules');
    // a line of the file named with anything but what a rule did to the device is a problem udev found in it
    expect(ours.slice(1).filter((line) => !/^ttyS0: \/run\/udev\/rules\.d\/70-gov-service-kiosk\.rules:\d+ (GROUP|MODE) /.test(line))).toEqual([]);
    expect(ours).toContain(`ttyS0: /run/udev/rules.d/70-gov-service-kiosk.rules:${(await readFile(rules, 'utf8')).split('\n').findIndex((line) => line.includes('ttyS[0-9]*')) + 1} GROUP ${gid}`);
    expect(result.stdout).toContain(`node: 660 ${gid}`);
    // the camera is not the host's: no rule touches video4linux
    expect(await readFile(rules, 'utf8')).not.toMatch(/^[^#]*video4linux/m);

    const broken = path.join(root, 'broken.rules');
    await writeFile(broken, (await readFile(rules, 'utf8')).replace('GROUP="gov-kiosk-devices"', 'GROUP="gov-kiosk-device"').replace('MODE="0660"', 'MOD="0660"'));
    const failing = await udevTest(broken, port);
    expect(failing.stdout).toContain("Unknown group 'gov-kiosk-device'");
    expect(failing.stdout).toContain("Invalid key 'MOD'");
  });
});

describe('the sudo rule', () => {
  it('visudo parses it: the host may run the launcher as the screen’s user, keeping only the display, without a pty (and the staged update’s apt commands as root)', async () => {
    const sudoers = installedFile(osSessionPiece('sudoers'), root);
    const checked = await tryRun('visudo', ['-c', '-f', sudoers]);
    expect(checked, checked.stderr).toMatchObject({ code: 0 });
    const rules = (await readFile(sudoers, 'utf8')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(rules.slice(0, 2)).toEqual([
      'Defaults!/usr/lib/gov-service-kiosk/bin/kiosk-chromium env_keep += "DISPLAY WAYLAND_DISPLAY", !use_pty',
      'gov-kiosk ALL=(gov-kiosk-ui) NOPASSWD: /usr/lib/gov-service-kiosk/bin/kiosk-chromium',
    ]);
    // The rest: the staged update's apt commands as root (what they allow is asked of sudo in update-sudo-rule.test.ts).
    expect(rules.slice(2).map((rule) => rule.split(' = ')[0])).toEqual(['Cmnd_Alias KIOSK_APT_REFRESH', 'Cmnd_Alias KIOSK_APT_INSTALL', 'gov-kiosk ALL=(root) NOPASSWD: KIOSK_APT_REFRESH, KIOSK_APT_INSTALL']);
    // what the host runs is what the rule allows
    expect(osSessionPiece('chromium-launcher').installed).toBe(KIOSK_CHROMIUM_LAUNCHER);
    expect(rules[1]).toBe(`gov-kiosk ALL=(${KIOSK_UI_USER}) NOPASSWD: ${KIOSK_CHROMIUM_LAUNCHER}`);
    expect(sudoChromiumCommand(['--kiosk'])).toEqual({ command: 'sudo', args: ['--non-interactive', '--user=gov-kiosk-ui', '--', KIOSK_CHROMIUM_LAUNCHER, '--kiosk'] });

    const broken = path.join(root, 'broken-sudoers');
    await writeFile(broken, (await readFile(sudoers, 'utf8')).replace('!use_pty', '!use_ptty'));
    expect((await tryRun('visudo', ['-c', '-f', broken])).code).not.toBe(0);
  });
});

describe('the Chromium launcher', () => {
  const launcher = () => installedFile(osSessionPiece('chromium-launcher'), root);
  let profileRoot: string;
  let fakeChromium: string;
  beforeAll(async () => {
    profileRoot = inRoot('/launcher-run');
    await mkdir(profileRoot, { recursive: true });
    // stands in for /usr/bin/chromium: says what it was given, then stays like a browser
    fakeChromium = inRoot('/fake-chromium');
    await writeFile(
      fakeChromium,
      `#!/bin/sh\n{ echo "pid=$$"; echo "home=$HOME"; echo "runtime=$XDG_RUNTIME_DIR"; for a in "$@"; do echo "arg=$a"; done; } > "${profileRoot}/said"\nexec sleep 60\n`,
      { mode: 0o755 },
    );
  });
  const env = (extra: NodeJS.ProcessEnv = {}) => ({ PATH: process.env['PATH'] ?? '', KIOSK_CHROMIUM_PROFILE_ROOT: profileRoot, KIOSK_CHROMIUM_BINARY: fakeChromium, ...extra });
  const said = async () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const text = await readFile(path.join(profileRoot, 'said'), 'utf8').catch(() => '');
      if (text.includes('pid=')) return text.split('\n');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the launcher never started the browser');
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('wipes the earlier profile, passes the flags on with its own profile, and the browser dies with its parent', async () => {
    const profile = path.join(profileRoot, 'chromium-profile');
    await mkdir(path.join(profile, 'Default'), { recursive: true });
    await writeFile(path.join(profile, 'Default', 'History'), 'an earlier citizen');
    await rm(path.join(profileRoot, 'said'), { force: true });

    // the parent stands for sudo: it waits for the launcher, and is killed
    const parent = execFile('sh', ['-c', '"$0" "$@" & wait', launcher(), '--kiosk', '--app=file:///run/gov-service-kiosk/launch/x.html'], { env: env({ WAYLAND_DISPLAY: '/run/gov-service-kiosk-ui/wayland-0' }) });
    const lines = await said();
    const pid = Number(lines.find((line) => line.startsWith('pid='))?.slice(4));
    expect(lines).toEqual([
      `pid=${pid}`,
      `home=${profile}/home`,
      `runtime=${profileRoot}`,
      `arg=--user-data-dir=${profile}`,
      'arg=--ozone-platform=wayland',
      'arg=--kiosk',
      'arg=--app=file:///run/gov-service-kiosk/launch/x.html',
      '',
    ]);
    await expect(access(path.join(profile, 'Default', 'History'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(((await stat(profile)).mode & 0o777).toString(8)).toBe('700');
    expect(alive(pid)).toBe(true);

    parent.kill('SIGKILL');
    for (let attempt = 0; attempt < 50 && alive(pid); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const survived = alive(pid);
    if (survived) process.kill(pid, 'SIGKILL');
    expect(survived, 'the browser outlived its parent').toBe(false);
  });

  it('refuses a profile chosen by the caller', async () => {
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(launcher(), ['--user-data-dir=/tmp/elsewhere'], { env: env() }, (error, _stdout, stderr) => resolve({ code: error === null ? 0 : (error.code as number), stderr }));
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^kiosk-chromium: --user-data-dir is not the caller's to choose/);
  });
});
