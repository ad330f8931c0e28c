import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../main/api/version.ts';
import { runToEnd } from '../support/run-kioskctl.ts';

/**
 * The browser-shell terminal's Debian package (`npm run package:deb`), built once and installed with dpkg into a scratch
 * root: a dpkg database of its own (var/lib/dpkg), --force-depends (the scratch root has no chromium, cage …) and
 * --force-script-chrootless, so the maintainer scripts run with DPKG_ROOT set, as they run for any root dpkg installs
 * into without a shell of its own (a chroot would need /bin/sh and systemd's tools inside the scratch root). kioskctl
 * then runs from the installed /usr/bin, on the package's Node; the purge must leave nothing of the package.
 */
const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
const exec = promisify(execFile);
const dpkg = (root: string, ...args: string[]) => exec('dpkg', [`--root=${root}`, '--force-script-chrootless', ...args], { maxBuffer: 64 * 1024 * 1024 });

let work: string;
let deb: string;
let root: string;
let shipped: string[];
/** The path of the installed launcher, and a PATH whose `node` is this machine's (Node 20 on the build machines). */
let kioskctl: string;
const SYSTEM_PATH = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };

beforeAll(async () => {
  if (!existsSync(path.join(projectRoot, 'dist', 'renderer', 'index.html'))) throw new Error('dist/ is not built: npm run -s build first (npm test does)');
  work = await mkdtemp(path.join(os.tmpdir(), 'deb-package-'));
  // Not `npm run package:deb`: that rebuilds dist/, which other tests of the same run are reading.
  const built = await exec(process.execPath, [path.join(projectRoot, 'scripts', 'package-deb.ts'), '--out', work], { cwd: work });
  deb = path.join(work, built.stdout.trim());
  // Every file and link the package holds (not its directories), as absolute paths.
  shipped = (await exec('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -t', 'sh', deb], { maxBuffer: 64 * 1024 * 1024 })).stdout
    .split('\n')
    .filter((name) => name !== '' && !name.endsWith('/'))
    .map((name) => name.replace(/^\./, ''));
  root = path.join(work, 'root');
  await mkdir(path.join(root, 'var/lib/dpkg/info'), { recursive: true });
  await mkdir(path.join(root, 'var/lib/dpkg/updates'), { recursive: true });
  await writeFile(path.join(root, 'var/lib/dpkg/status'), '');
  await dpkg(root, '--force-depends', '--install', deb);
  kioskctl = path.join(root, 'usr/bin/kioskctl');
}, 300_000);
afterAll(() => (work === undefined ? undefined : rm(work, { recursive: true, force: true })));

describe('the Debian package', () => {
  it('is named for its version and this machine\'s architecture, and depends on what the terminal runs', async () => {
    const arch = (await exec('dpkg', ['--print-architecture'])).stdout.trim();
    expect(path.basename(deb)).toBe(`gov-service-kiosk_${version}_${arch}.deb`);
    const depends = (await exec('dpkg-deb', ['--field', deb, 'Depends'])).stdout.trim().split(', ');
    expect(depends).toEqual(expect.arrayContaining(['chromium', 'socat', 'sane-utils', 'systemd', 'sudo', 'cage']));
  });

  it('ships the app, its Node, kioskctl in /usr/bin and every piece of the lockdown, owned by root', async () => {
    expect(shipped).toEqual(
      expect.arrayContaining([
        '/usr/bin/kioskctl',
        '/usr/lib/gov-service-kiosk/node/bin/node',
        '/usr/lib/gov-service-kiosk/app/package.json',
        '/usr/lib/gov-service-kiosk/app/main/browser-shell/main.ts',
        '/usr/lib/gov-service-kiosk/app/dist/renderer/index.html',
        '/usr/lib/gov-service-kiosk/app/kiosk-config/kioskctl/main.ts',
        '/usr/lib/gov-service-kiosk/app/node_modules/better-sqlite3/package.json',
        '/usr/lib/gov-service-kiosk/app/node_modules/serialport/package.json',
        '/usr/lib/gov-service-kiosk/app/node_modules/node-hid/package.json',
      ]),
    );
    // The app's own code only: not its tests, the demo, the reference platform or the renderer's sources.
    expect(shipped.filter((file) => /^\/usr\/lib\/gov-service-kiosk\/app\/(tests|demo|reference-platform|renderer|scripts|bench)\//.test(file))).toEqual([]);
    expect(shipped.filter((file) => /\/app\/node_modules\/(vitest|electron|typescript|eslint|node)\//.test(file))).toEqual([]);
    const owners = (await exec('dpkg-deb', ['--contents', deb], { maxBuffer: 64 * 1024 * 1024 })).stdout.split('\n').filter(Boolean).map((line) => line.split(/\s+/)[1]);
    expect(new Set(owners)).toEqual(new Set(['root/root']));
    // Every piece where `kioskctl lockdown status` looks for it, as shipped.
    const status = await runToEnd(kioskctl, ['lockdown', 'status', '--root', root, '--json'], SYSTEM_PATH);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ installed: true });
  });

  it('names no path of the machine it was built on', async () => {
    const directories = [...new Set([projectRoot, realpathSync(projectRoot), path.dirname(realpathSync(path.join(projectRoot, 'node_modules')))])];
    for (const directory of directories) {
      const found = await exec('grep', ['-rlF', directory, path.join(root, 'usr'), path.join(root, 'etc')]).catch((error: { code: number; stdout: string }) => error);
      expect('code' in found ? found.code : 0, `files naming ${directory}: ${found.stdout}`).toBe(1);
    }
    // No link leads out of the package's own tree.
    for (const file of shipped.filter((each) => lstatSync(path.join(root, each)).isSymbolicLink())) {
      expect(realpathSync(path.join(root, file)).startsWith(`${root}/`)).toBe(true);
    }
  });

  it("made the kiosk's users and its data directory in the root it was installed into", () => {
    const passwd = readFileSync(path.join(root, 'etc/passwd'), 'utf8');
    expect(passwd).toMatch(/^gov-kiosk:x:\d+:\d+:/m);
    expect(passwd).toMatch(/^gov-kiosk-ui:x:\d+:\d+:/m);
    const uid = Number((/^gov-kiosk:x:(\d+):/m.exec(passwd) as RegExpExecArray)[1]);
    const data = statSync(path.join(root, 'var/lib/gov-service-kiosk'));
    expect({ mode: data.mode & 0o7777, uid: data.uid }).toEqual({ mode: 0o700, uid });
  });

  it('runs kioskctl from /usr/bin on its own Node, whatever node is on PATH', async () => {
    expect(await runToEnd(kioskctl, ['--version'], SYSTEM_PATH)).toEqual({
      code: 0,
      stdout: `kioskctl ${version} (gov-service-kiosk, contract ${API_VERSION})\n`,
      stderr: '',
    });
    const validated = await runToEnd(kioskctl, ['config', 'validate', path.join(root, 'usr/lib/gov-service-kiosk/app/kiosk-config/terminals/demo.json'), '--json'], SYSTEM_PATH);
    expect(validated).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(validated.stdout)).toEqual({ valid: true, terminalId: 'DEMO-310115-0001' });
    const broken = path.join(work, 'broken.json');
    await writeFile(broken, JSON.stringify({ terminalId: 'T-1' }));
    expect(await runToEnd(kioskctl, ['config', 'validate', broken], SYSTEM_PATH)).toMatchObject({ code: 1, stdout: '' });
  });

  it("starts the host's entry as its unit's ExecStart runs it, from the package (here: refusing a config without a terminal id)", async () => {
    const unit = readFileSync(path.join(root, 'usr/lib/systemd/system/gov-service-kiosk.service'), 'utf8');
    const [node, entry, ...rest] = (/^ExecStart=(.+)$/m.exec(unit) as RegExpExecArray)[1]?.split(' ') as [string, string, ...string[]];
    expect(rest).toEqual(['--config', '/etc/gov-service-kiosk/terminal.json']);
    const config = path.join(work, 'terminal.json');
    await writeFile(config, JSON.stringify({ terminalId: 42 }));
    // The whole host is imported before the config is read: every module it needs must be in the package.
    const started = await runToEnd(path.join(root, node), [path.join(root, entry), '--config', config], SYSTEM_PATH);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`${config}: $.terminalId: `);
  });

  it("loads the package's native modules on its Node: better-sqlite3, serialport, node-hid", async () => {
    const db = path.join(work, 'catalogue.sqlite');
    const imported = await runToEnd(kioskctl, ['catalogue', 'import', path.join(projectRoot, 'tests/fixtures/catalogue/guides.jsonl'), '--db', db], SYSTEM_PATH);
    expect(imported.code).toBe(0);
    const found = await runToEnd(kioskctl, ['catalogue', 'search', '社保', '--db', db, '--json'], SYSTEM_PATH);
    expect(JSON.parse(found.stdout)[0]).toMatchObject({ task_name: '社会保障卡申领' });
    // Both lines come from the native bindings: serialport's open, node-hid's list of devices.
    expect(await runToEnd(kioskctl, ['printer', 'status', '--port', '/dev/ttyNOPE'], SYSTEM_PATH)).toMatchObject({ code: 1, stderr: 'cannot open /dev/ttyNOPE: No such file or directory\n' });
    expect(await runToEnd(kioskctl, ['idcard', 'read', '--hid', '0400:c35a', '--timeout', '100'], SYSTEM_PATH)).toMatchObject({
      code: 1,
      stderr: 'cannot open hid 0400:c35a: it is not attached (lsusb lists the USB devices that are)\n',
    });
    expect(shipped.filter((file) => /\/prebuilds\/.*(darwin|win32|android|musl)/.test(file))).toEqual([]);
  });

  it('is purged leaving nothing of it: its files, its data and config directories, its dpkg records', async () => {
    await mkdir(path.join(root, 'etc/gov-service-kiosk'), { recursive: true });
    await writeFile(path.join(root, 'etc/gov-service-kiosk/terminal.json'), '{}');
    await dpkg(root, '--purge', 'gov-service-kiosk');
    expect(shipped.filter((file) => existsSync(path.join(root, file)) || isLink(path.join(root, file)))).toEqual([]);
    for (const directory of ['usr/lib/gov-service-kiosk', 'var/lib/gov-service-kiosk', 'etc/gov-service-kiosk', 'run/gov-service-kiosk', 'run/gov-service-kiosk-ui']) {
      expect(existsSync(path.join(root, directory)), directory).toBe(false);
    }
    expect((await readdir(path.join(root, 'var/lib/dpkg/info'))).filter((file) => file.startsWith('gov-service-kiosk'))).toEqual([]);
    expect(readFileSync(path.join(root, 'var/lib/dpkg/status'), 'utf8')).not.toContain('gov-service-kiosk');
  });
});

const isLink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};
