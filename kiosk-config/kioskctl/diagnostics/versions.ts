import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const PACKAGE_JSON = path.resolve(import.meta.dirname, '..', '..', '..', 'package.json');

/** What runs on this terminal, for the vendor: the app, its Node, the system's Chromium, the kernel and the OS. */
export interface Versions {
  app: string;
  node: string;
  chromium: string;
  kernel: string;
  os: string;
}

const unknown = (why: string) => `unknown (${why})`;

const appVersion = async (): Promise<string> => {
  try {
    const { name, version } = JSON.parse(await readFile(PACKAGE_JSON, 'utf8')) as { name?: string; version?: string };
    return `${name ?? 'gov-service-kiosk'} ${version ?? '?'}`;
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
  app: await appVersion(),
  node: process.version,
  chromium: await chromiumVersion(),
  kernel: `${os.type()} ${os.release()} ${os.machine()}`,
  os: await osVersion(),
});
