import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** One file of the bundle: its path inside it, what it is (for the manifest), its text. */
export interface BundleFile {
  name: string;
  about: string;
  content: string;
}

/** Something a technician might expect in the bundle and will not find, with why. */
export interface LeftOut {
  what: string;
  why: string;
}

export const MANIFEST = 'MANIFEST.txt';

const manifestOf = (title: string, files: readonly BundleFile[], leftOut: readonly LeftOut[]): string =>
  [
    title,
    '',
    'Included:',
    ...files.map((file) => `  ${file.name}: ${file.about}`),
    '',
    'Left out:',
    ...leftOut.map((item) => `  ${item.what}: ${item.why}`),
    '',
  ].join('\n');

/**
 * Writes the files and their manifest (MANIFEST.txt: what each file is, and what was left out and why) as a gzipped
 * tar with Debian's own tar, from a private (0700) temporary directory that is removed whatever happens.
 */
export const writeDiagnosticsBundle = async (out: string, title: string, files: readonly BundleFile[], leftOut: readonly LeftOut[]): Promise<void> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-diagnostics-'));
  try {
    const all = [{ name: MANIFEST, about: '', content: manifestOf(title, files, leftOut) }, ...files];
    for (const file of all) {
      const target = path.join(dir, file.name);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeFile(target, file.content, { mode: 0o600 });
    }
    await promisify(execFile)('tar', ['-czf', path.resolve(out), '-C', dir, '--owner=0', '--group=0', ...all.map((file) => file.name)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
