import { InstallFailed, RollbackFailed, type Installer } from './installer.ts';
import { APT_INSTALL, aptGetAsRoot, outputTail, runCommand, type CommandRunner } from './root-command.ts';

/** The kiosk's Debian package, as the operator's repository and the shipped sudo rule name it. */
export const KIOSK_PACKAGE = 'gov-service-kiosk';

/** `apt-get update`: the operator's repository's signed index read again, so a version just published is known. */
export const aptRefreshCommand = (): [string, ...string[]] => aptGetAsRoot('update');

/** `apt-get install gov-service-kiosk=<version>`: that version from the repository, up or down. */
export const aptInstallVersionCommand = (version: string): [string, ...string[]] => aptGetAsRoot(...APT_INSTALL, `${KIOSK_PACKAGE}=${version}`);

/**
 * Installs a version of the kiosk's package from the apt repository the operator hosts (its source and signing key
 * put on the terminal by root, docs/fleet-updates.md). apt downloads the package and checks it against the
 * repository's signed index, as root, so the host's user — which the sudo rule lets run only these two command lines,
 * for this one package — can install nothing the operator did not publish. The release key's signed manifest says
 * which version and to whom; a rollback installs the previous version from the same repository, which must therefore
 * keep it (aptly does; reprepro keeps one version per distribution unless told otherwise).
 */
export class AptRepositoryInstaller implements Installer {
  readonly packageFormat = 'apt' as const;
  readonly #runningVersion: string;
  readonly #run: CommandRunner;

  constructor(options: { runningVersion: string; run?: CommandRunner }) {
    this.#runningVersion = options.runningVersion;
    this.#run = options.run ?? runCommand;
  }

  runningVersion(): string {
    return this.#runningVersion;
  }

  async install(_packageFile: string | null, version: string): Promise<void> {
    const problem = await this.#installVersion(version);
    if (problem !== null) throw new InstallFailed(problem);
  }

  async rollback(previousVersion: string): Promise<void> {
    const problem = await this.#installVersion(previousVersion);
    if (problem !== null) throw new RollbackFailed(problem);
  }

  /** Null once installed, else why not. */
  async #installVersion(version: string): Promise<string | null> {
    const refreshed = await this.#run(aptRefreshCommand());
    if (refreshed.code !== 0) return `apt-get update failed (exit ${refreshed.code}): ${outputTail(refreshed.output)}`;
    const installed = await this.#run(aptInstallVersionCommand(version));
    if (installed.code !== 0) return `apt-get could not install ${KIOSK_PACKAGE}=${version} (exit ${installed.code}): ${outputTail(installed.output)}`;
    return null;
  }
}
