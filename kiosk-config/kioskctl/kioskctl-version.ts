import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_VERSION } from '../../main/api/version.ts';

/**
 * What `kioskctl --version` says: the app's version from its package.json (shipped beside kiosk-config/ in the source
 * checkout and in the Debian package alike) and the version of the page's contract with the host.
 */
export const kioskctlVersion = (): string => {
  const { version } = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return `kioskctl ${version} (gov-service-kiosk, contract ${API_VERSION})`;
};
