import { readFile } from 'node:fs/promises';
import { InstallFailed, RollbackFailed, type Installer } from '../../main/fleet/installer.ts';
import type { PackageFormat } from '../../main/fleet/update-manifest.ts';

/**
 * An installer that installs nothing onto this machine: it records what it was asked (with the package's bytes, read
 * when asked) and says which version "runs". A new instance stands for the process after a restart: give it the
 * version that would then run (`nextStart()` says which).
 */
export class FakeInstaller implements Installer {
  readonly packageFormat: PackageFormat;
  /** Each install asked for, with the package file's bytes (null for an apt offer, which has no file). */
  readonly installs: Array<{ version: string; bytes: Buffer | null }> = [];
  readonly rollbacks: string[] = [];
  /** Set to make the next install or rollback fail with this message. */
  failInstall: string | null = null;
  failRollback: string | null = null;
  #running: string;
  #onDisk: string;

  constructor(running: string, options: { packageFormat?: PackageFormat } = {}) {
    this.#running = running;
    this.#onDisk = running;
    this.packageFormat = options.packageFormat ?? 'deb';
  }

  runningVersion(): string {
    return this.#running;
  }

  /** The version the next start would run: the last one installed or rolled back to. */
  nextStart(): string {
    return this.#onDisk;
  }

  async install(packageFile: string | null, version: string): Promise<void> {
    const bytes = packageFile === null ? null : await readFile(packageFile);
    if (this.failInstall !== null) throw new InstallFailed(this.failInstall);
    this.installs.push({ version, bytes });
    this.#onDisk = version;
  }

  async rollback(previousVersion: string): Promise<void> {
    if (this.failRollback !== null) throw new RollbackFailed(this.failRollback);
    this.rollbacks.push(previousVersion);
    this.#onDisk = previousVersion;
  }
}
