import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

const DOWNLOAD_TIMEOUT_MS = 180_000;

/**
 * Finds the Electron binary that the `electron` package would run. The package downloads it lazily; we try
 * that once, and report plainly when it cannot be had (no internet, as on the build machines).
 */
export const locateElectron = (): ElectronBinary => {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const binary = () => {
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const file = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(file) ? file : null;
  };
  const present = binary();
  if (present !== null) return { available: true, path: present };
  const download = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    stdio: 'ignore',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  const downloaded = binary();
  if (downloaded !== null) return { available: true, path: downloaded };
  return {
    available: false,
    reason: download.error !== undefined ? 'its download did not finish' : 'its binary could not be downloaded',
  };
};
