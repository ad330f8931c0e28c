import path from 'node:path';
import { AptRepositoryInstaller } from '../../fleet/apt-repository-installer.ts';
import { DebInstaller } from '../../fleet/deb-installer.ts';
import { StagedUpdate, type StagedUpdateOptions } from '../../fleet/staged-update.ts';
import { appVersion } from '../app-version.ts';
import type { HostContext } from '../host-context.ts';

/**
 * The staged update of a terminal whose config has `fleet.updates` (docs/fleet-updates.md), with the installer its
 * installation needs: a version from the operator's apt repository, or a downloaded Debian package, through apt.
 * `electron-updater` is the Electron shell's to provide (it cannot run here) and `none` takes no updates; both give no
 * staged update in this host. Null when there is nothing to do.
 */
export const stagedUpdateFor = (context: HostContext, hooks: Pick<StagedUpdateOptions, 'inUse' | 'restart' | 'onStatus'>): StagedUpdate | null => {
  const { config, clock, session, log } = context;
  const settings = config.fleet?.updates;
  if (settings === undefined) return null;
  if (settings.installer !== 'deb' && settings.installer !== 'apt-repository') {
    log.warn({ installer: settings.installer }, 'staged updates: this host installs Debian packages only; updates are left to the shell');
    return null;
  }
  const downloadDir = settings.downloadDir ?? path.join(config.dataDir, 'updates');
  let lastSessionEnded: number | null = null;
  session.onEnd(() => (lastSessionEnded = clock.now()));
  return new StagedUpdate({
    terminalId: config.terminalId,
    publicKey: settings.publicKey,
    installer:
      settings.installer === 'apt-repository'
        ? new AptRepositoryInstaller({ runningVersion: appVersion() })
        : new DebInstaller({ runningVersion: appVersion(), keptDir: path.join(downloadDir, 'kept') }),
    stateFile: path.join(config.dataDir, 'update-state.json'),
    downloadDir,
    clock,
    secondsSinceLastSession: () => (lastSessionEnded === null ? Infinity : (clock.now() - lastSessionEnded) / 1000),
    idleSeconds: settings.idleSeconds,
    healthCheckSeconds: settings.healthCheckSeconds,
    downloadTimeoutMs: settings.downloadTimeoutSeconds * 1000,
    maxPackageBytes: settings.maxPackageMiB * 1024 * 1024,
    ...hooks,
  });
};
