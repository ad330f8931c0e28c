import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InstallFailed, RollbackFailed, type Installer } from './installer.ts';

/** What a command came to: its exit status (or -1 when it could not be run) and its output, stdout then stderr. */
export interface CommandResult {
  code: number;
  output: string;
}

/** Runs one command to its end; injected so tests see the command lines and no test installs onto this machine. */
export type CommandRunner = (argv: readonly [string, ...string[]]) => Promise<CommandResult>;

/** apt-get may take a while (a new dependency to fetch), but not for ever. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export const runCommand: CommandRunner = ([command, ...args]) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error === null) return resolve({ code: 0, output });
      resolve({ code: typeof error.code === 'number' ? error.code : -1, output: output === '' ? error.message : output });
    });
  });

/**
 * The command line that installs a kept package as root. apt-get (not dpkg -i) so that a package with a new
 * dependency is refused before anything is unpacked, rather than left half-configured. It runs in a transient
 * systemd unit of its own (systemd-run), not as a child of the host: the host's unit mounts /usr read-only
 * (ProtectSystem=strict), and a restart of the host must not kill dpkg half-way. Debian's sudoers rule for exactly
 * this command line is in docs/fleet-updates.md.
 */
export const aptInstallCommand = (packageFile: string): [string, ...string[]] => [
  'sudo',
  '-n',
  '/usr/bin/systemd-run',
  '--unit',
  'gov-service-kiosk-update',
  '--wait',
  '--pipe',
  '--collect',
  '--quiet',
  '--setenv',
  'DEBIAN_FRONTEND=noninteractive',
  '/usr/bin/apt-get',
  'install',
  '-y',
  '--allow-downgrades',
  '-o',
  'Dpkg::Options::=--force-confdef',
  '-o',
  'Dpkg::Options::=--force-confold',
  packageFile,
];

export interface DebInstallerOptions {
  /** The version of the code running now (package.json's, read at start). */
  runningVersion: string;
  /** Where installed packages are kept for a rollback: `<downloadDir>/kept`. */
  keptDir: string;
  packageName?: string;
  run?: CommandRunner;
}

/** The last lines of apt's output: enough for a technician to see why, short enough for an attribute. */
const tail = (output: string): string => output.trim().split('\n').slice(-3).join(' | ').slice(-500);

/**
 * Installs Debian packages with apt-get through sudo (aptInstallCommand). Every package it installs is kept as
 * `<keptDir>/<package>_<version>.deb`, so the version before an update can be installed again to roll it back; once a
 * package is installed, only it and the running version's are kept. The first update of a terminal set up by hand
 * can be rolled back only when the technician put the running version's package there (docs/fleet-updates.md).
 */
export class DebInstaller implements Installer {
  readonly packageFormat = 'deb' as const;
  readonly #options: Required<DebInstallerOptions>;

  constructor(options: DebInstallerOptions) {
    this.#options = { packageName: 'gov-service-kiosk', run: runCommand, ...options };
  }

  runningVersion(): string {
    return this.#options.runningVersion;
  }

  /** Where the package of a version is kept. */
  keptPackage(version: string): string {
    return path.join(this.#options.keptDir, `${this.#options.packageName}_${version}.deb`);
  }

  async install(packageFile: string, version: string): Promise<void> {
    const kept = this.keptPackage(version);
    await mkdir(this.#options.keptDir, { recursive: true, mode: 0o700 });
    await moveFile(packageFile, kept);
    const result = await this.#options.run(aptInstallCommand(kept));
    if (result.code !== 0) {
      if (version !== this.#options.runningVersion) await rm(kept, { force: true });
      throw new InstallFailed(`apt-get could not install ${path.basename(kept)} (exit ${result.code}): ${tail(result.output)}`);
    }
    await this.#keepOnly([version, this.#options.runningVersion]);
  }

  async rollback(previousVersion: string): Promise<void> {
    const kept = this.keptPackage(previousVersion);
    const there = await stat(kept).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (!there) throw new RollbackFailed(`no package of ${previousVersion} is kept (${kept}): install it by hand`);
    const result = await this.#options.run(aptInstallCommand(kept));
    if (result.code !== 0) throw new RollbackFailed(`apt-get could not install ${path.basename(kept)} again (exit ${result.code}): ${tail(result.output)}`);
  }

  async #keepOnly(versions: readonly string[]): Promise<void> {
    const keep = new Set(versions.map((version) => path.basename(this.keptPackage(version))));
    for (const name of await readdir(this.#options.keptDir)) {
      if (!keep.has(name)) await rm(path.join(this.#options.keptDir, name), { force: true });
    }
  }
}

/** A rename, or a copy when the kept directory is on another file system. */
const moveFile = async (from: string, to: string): Promise<void> => {
  if (path.resolve(from) === path.resolve(to)) return;
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
};
