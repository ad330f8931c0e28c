import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installLockdownPieces } from '../main/lockdown/lockdown-install.ts';
import { debControl } from './deb-control.ts';
import { productionPackages } from './production-packages.ts';

/**
 * `npm run package:deb`: the browser-shell terminal as a Debian package, built with Debian's own dpkg-deb (electron-builder
 * cannot run on the build machines). Lays out under a staging root, with no path of this machine in it:
 *   /usr/lib/gov-service-kiosk/app        package.json, dist/ (built), main/, drivers/, kiosk-config/, node_modules (production)
 *   /usr/lib/gov-service-kiosk/node/bin/node   the pinned Node 24 (the `node` devDependency's binary)
 *   /usr/bin/kioskctl                      a link to the app's kioskctl launcher, which runs it on that Node
 *   the lockdown's pieces where `kioskctl lockdown install` puts them (units, sysusers, tmpfiles, udev, sudoers, the
 *   Chromium launcher and policy: main/lockdown/os-session-pieces.ts), and the maintainer scripts of packaging/deb/.
 * Writes dist/gov-service-kiosk_<version>_<arch>.deb (or into `--out <dir>`) and prints its path. Run `npm run -s build`
 * first (the npm script does).
 */
const projectRoot = path.resolve(import.meta.dirname, '..');
const APP_DIR = 'usr/lib/gov-service-kiosk/app';
const NODE_BINARY = 'usr/lib/gov-service-kiosk/node/bin/node';
/** The app's own code the host and kioskctl run from source (Node 24 strips the types): never tests, the demo, the reference platform. */
const APP_SOURCES = ['main', 'drivers', 'kiosk-config'];
/** Files under /etc, which dpkg keeps as the administrator changed them and removes on purge. */
const CONFFILES = ['/etc/chromium/policies/managed/gov-service-kiosk.json', '/etc/sudoers.d/gov-service-kiosk'];

const fail = (message: string): never => {
  process.stderr.write(`package:deb: ${message}\n`);
  process.exit(1);
};

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' }).trim();

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string; description: string };
if (!existsSync(path.join(projectRoot, 'dist', 'renderer', 'index.html'))) fail('dist/ is not built: run npm run -s build first');
const arch = run('dpkg', ['--print-architecture']);
const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(projectRoot, 'dist') } } });
/** Debian's architecture names and Node's, for the prebuilds' directory names. */
const NODE_ARCH: Readonly<Record<string, string>> = { amd64: 'x64', arm64: 'arm64', armhf: 'arm', i386: 'ia32' };
const output = path.join(path.resolve(values.out), `${packageJson.name}_${packageJson.version}_${arch}.deb`);

const staging = mkdtempSync(path.join(os.tmpdir(), 'gov-service-kiosk-deb-'));
const root = path.join(staging, 'root');
try {
  const app = path.join(root, APP_DIR);
  mkdirSync(app, { recursive: true });
  cpSync(path.join(projectRoot, 'package.json'), path.join(app, 'package.json'));
  for (const source of APP_SOURCES) cpSync(path.join(projectRoot, source), path.join(app, source), { recursive: true });
  // The built renderer and bridges, without source maps (they carry this machine's paths) or an earlier package.
  cpSync(path.join(projectRoot, 'dist'), path.join(app, 'dist'), { recursive: true, filter: (file) => !/\.(map|deb)$/.test(file) });

  // Production packages as installed here, native modules built (their prebuilds), without build leftovers.
  const modules = path.join(projectRoot, 'node_modules');
  for (const name of productionPackages(path.join(projectRoot, 'package-lock.json'), modules)) {
    cpSync(path.join(modules, name), path.join(app, 'node_modules', name), {
      recursive: true,
      dereference: true,
      filter: (file) => {
        const relative = path.relative(path.join(modules, name), file);
        return !isBuildLeftover(relative) && !isOtherPlatformsPrebuild(relative);
      },
    });
  }

  const node = path.join(root, NODE_BINARY);
  mkdirSync(path.dirname(node), { recursive: true });
  cpSync(realpathSync(path.join(modules, 'node', 'bin', 'node')), node);
  chmodSync(node, 0o755);

  mkdirSync(path.join(root, 'usr/bin'), { recursive: true });
  symlinkSync(`../lib/gov-service-kiosk/app/kiosk-config/kioskctl/kioskctl`, path.join(root, 'usr/bin/kioskctl'));

  await installLockdownPieces(root);

  const debian = path.join(root, 'DEBIAN');
  mkdirSync(debian, { mode: 0o755 });
  for (const script of ['postinst', 'prerm', 'postrm']) {
    cpSync(path.join(projectRoot, 'packaging', 'deb', script), path.join(debian, script));
    chmodSync(path.join(debian, script), 0o755);
  }
  writeFileSync(path.join(debian, 'conffiles'), `${CONFFILES.join('\n')}\n`);
  const installedKilobytes = Number(run('du', ['-sk', '--apparent-size', '--exclude=DEBIAN', root]).split(/\s/)[0]);
  writeFileSync(path.join(debian, 'control'), debControl({ version: packageJson.version, arch, installedKilobytes, description: packageJson.description }));

  const leaked = buildMachinePaths(root);
  if (leaked.length > 0) fail(`these files name this machine's project directory (${projectRoot}): ${leaked.slice(0, 5).join(', ')}`);

  rmSync(output, { force: true });
  // gzip: dpkg reads it everywhere, and xz of the ~200 MB tree takes minutes on the build machines' two cores.
  run('dpkg-deb', ['--build', '--root-owner-group', '-Zgzip', root, output]);
  process.stdout.write(`${path.relative(process.cwd(), output) || output}\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}

/**
 * A native module's prebuild for another platform (prebuilds/darwin-x64, prebuilds/HID-win32-x64, prebuilds/linuxmusl-x64.node
 * …, and musl builds inside linux-x64/): only glibc Linux on the package's architecture is kept (linux-x64, HID-linux-x64,
 * HID_hidraw-linux-x64).
 */
function isOtherPlatformsPrebuild(relative: string): boolean {
  const [top, platform] = relative.split(path.sep);
  return top === 'prebuilds' && platform !== undefined && (!platform.includes(`linux-${NODE_ARCH[arch] ?? arch}`) || relative.includes('musl'));
}

/** What node-gyp leaves behind in a package it built (objects, makefiles naming this machine's paths): not needed to run. */
function isBuildLeftover(relative: string): boolean {
  return /^build\/(Makefile|config\.gypi|.*\.mk|.*\.Makefile)$/.test(relative) || /^build\/(Release|Debug)\/(obj\.target|\.deps|obj)(\/|$)/.test(relative);
}

/** Files of the staged tree that name the project's directory on this machine (what `grep -rl` finds). */
function buildMachinePaths(tree: string): string[] {
  const directories = [...new Set([projectRoot, realpathSync(projectRoot), path.dirname(realpathSync(path.join(projectRoot, 'node_modules')))])];
  const found = new Set<string>();
  for (const directory of directories) {
    try {
      for (const file of run('grep', ['-rlF', '--exclude-dir=DEBIAN', directory, tree]).split('\n')) if (file !== '') found.add(path.relative(tree, file));
    } catch (error) {
      if ((error as { status?: number }).status !== 1) throw error; // 1: nothing found
    }
  }
  return [...found].filter((file) => statSync(path.join(tree, file)).isFile());
}
