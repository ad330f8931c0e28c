import type { PackageFormat } from './update-manifest.ts';

/**
 * What puts a verified package on the terminal and takes it off again: the only part of a staged update that differs
 * between a Debian terminal (deb-installer.ts) and the Electron shell (electron-updater: an AppImage or NSIS installer,
 * docs/fleet-updates.md). Thin on purpose — the state machine (staged-update.ts) decides when; an installer only does.
 */
export interface Installer {
  /** The packages it takes: a manifest of another format is not for this terminal. */
  readonly packageFormat: PackageFormat;
  /**
   * The version of the code running now — not what is on disk: right after an install that is the old version still,
   * until the restart.
   */
  runningVersion(): string;
  /**
   * Installs the verified package (`packageFile`; null for an apt offer: the installer has apt fetch `version` from
   * the operator's repository) so that `version` runs from the next start; resolves once installed, rejects with a
   * cause a person can act on (`InstallFailed`), leaving the running version in place. An installer that must restart
   * the process itself to install (electron-updater's quitAndInstall) may never resolve: the state machine, which
   * recorded `installing` first, sees at its next start which version came up.
   */
  install(packageFile: string | null, version: string): Promise<void>;
  /** Puts `previousVersion` back, to run from the next start; rejects (`RollbackFailed`) when it cannot. */
  rollback(previousVersion: string): Promise<void>;
}

export class InstallFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InstallFailed';
  }
}

export class RollbackFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RollbackFailed';
  }
}
