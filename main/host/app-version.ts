import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPaths } from './build-paths.ts';

let version: string | null = null;

/** The kiosk's version, from its package.json (beside main/ in the source checkout, the Debian package and the Electron bundle). */
export const appVersion = (): string => {
  version ??= (JSON.parse(readFileSync(path.join(buildPaths.projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
};
