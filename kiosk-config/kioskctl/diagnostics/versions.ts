import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import { kioskctlVersion } from '../kioskctl-version.ts';

/** What runs on this terminal, for the vendor: the app (as `kioskctl --version` says it), its Node, the system's Chromium, the kernel and the OS. */
export interface Versions {
  app: string;
  node: string;
  chromium: string;
  kernel: string;
  os: string;
}

const unknown = (why: string) => `unknown (${why})`;

const appVersion = (): string => {
  try {
    return kioskctlVersion();
  } catch (error) {
    return unknown((error as Error).message);
  }
};

/** Debian's chromium wrapper may say things on stderr; the version is the line that names Chromium. */
const chromiumVersion = async (): Promise<string> => {
  try {
    const { stdout } = await promisify(execFile)('chromium', ['--version'], { timeout: 10_000 });
    return stdout.split('\n').find((line) => /chromium/i.test(line))?.trim() ?? unknown(`chromium --version said "${stdout.trim()}"`);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : unknown((error as Error).message.split('\n')[0] ?? '');
  }
};

const osVersion = async (): Promise<string> => {
  try {
    const release = await readFile('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? unknown('no PRETTY_NAME in /etc/os-release');
  } catch {
    return `${os.type()} ${os.release()}`;
  }
};

export const versions = async (): Promise<Versions> => ({
  app: appVersion(),
  node: process.version,
  chromium: await chromiumVersion(),
  kernel: `${os.type()} ${os.release()} ${os.machine()}`,
  os: await osVersion(),
});
