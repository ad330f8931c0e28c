import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InstallFailed, RollbackFailed, type Installer } from './installer.ts';
import { APT_INSTALL, aptGetAsRoot, outputTail, runCommand, type CommandRunner } from './root-command.ts';

/**
 * The command line that installs a kept package file as root (aptGetAsRoot). It needs a sudo rule wider than the one
 * shipped — one that lets the host's user install a file it can write: see docs/fleet-updates.md.
 */
export const aptInstallCommand = (packageFile: string): [string, ...string[]] => aptGetAsRoot(...APT_INSTALL, packageFile);

export interface DebInstallerOptions {
  /** The version of the code running now (package.json's, read at start). */
  runningVersion: string;
  /** Where installed packages are kept for a rollback: `<downloadDir>/kept`. */
  keptDir: string;
  packageName?: string;
  run?: CommandRunner;
}

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

  async install(packageFile: string | null, version: string): Promise<void> {
    if (packageFile === null) throw new InstallFailed(`no package file of ${version} to install: this terminal installs package files, not from an apt repository`);
    const kept = this.keptPackage(version);
    await mkdir(this.#options.keptDir, { recursive: true, mode: 0o700 });
    await moveFile(packageFile, kept);
    const result = await this.#options.run(aptInstallCommand(kept));
    if (result.code !== 0) {
      if (version !== this.#options.runningVersion) await rm(kept, { force: true });
      throw new InstallFailed(`apt-get could not install ${path.basename(kept)} (exit ${result.code}): ${outputTail(result.output)}`);
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
    if (result.code !== 0) throw new RollbackFailed(`apt-get could not install ${path.basename(kept)} again (exit ${result.code}): ${outputTail(result.output)}`);
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
