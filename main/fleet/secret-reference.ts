import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SecretReference } from './fleet-link-settings.ts';

/** A secret the link cannot use, with what a technician should do about it. */
export class SecretUnusable extends Error {
  constructor(what: string, reason: string) {
    super(`${what} is unusable: ${reason}`);
    this.name = 'SecretUnusable';
  }
}

/** A file that must be the kiosk's alone (0600): refused, not read, when group or others may read it. */
export const readPrivateFile = (file: string, what: string): Buffer => {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    throw new SecretUnusable(`${what} ${file}`, (error as Error).message);
  }
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretUnusable(`${what} ${file}`, `its mode is ${octal}, group or others may read it; it must be 0600 (chmod 600 it, and ask whether it leaked)`);
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new SecretUnusable(`${what} ${file}`, (error as Error).message);
  }
};

/**
 * The secret's text (a trailing newline dropped), read now: from its 0600 file, or from the systemd credential
 * (`LoadCredential=`/`LoadCredentialEncrypted=`) in `$CREDENTIALS_DIRECTORY`, which systemd makes the service's alone.
 */
export const readSecret = (reference: SecretReference, what: string, env: Readonly<Record<string, string | undefined>>): string => {
  let bytes: Buffer;
  if ('file' in reference) {
    bytes = readPrivateFile(reference.file, what);
  } else {
    const directory = env.CREDENTIALS_DIRECTORY;
    if (directory === undefined || directory === '') {
      throw new SecretUnusable(`${what} (systemd credential ${reference.credential})`, 'CREDENTIALS_DIRECTORY is not set: the service has no credentials (LoadCredential= in its unit)');
    }
    const file = path.join(directory, reference.credential);
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new SecretUnusable(`${what} (systemd credential ${reference.credential})`, (error as Error).message);
    }
  }
  const text = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (text === '') throw new SecretUnusable(what, 'it is empty');
  return text;
};
