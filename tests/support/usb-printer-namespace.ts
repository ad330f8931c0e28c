import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { kioskctlCommandLine, runToEnd, type KioskctlRun } from './run-kioskctl.ts';

/**
 * Runs kioskctl in a mount namespace of its own where /dev/usb/lp0 is the given pseudo-terminal: a USB printer's
 * device file as the kernel's usblp driver makes it, played by a simulated printer (no USB printer can be made
 * here). /dev is a fresh tmpfs there, with null, zero, random, urandom, tty and pts bound in from this machine's;
 * nothing outside the namespace changes.
 */
const SCRIPT = `set -eu
pty=$(readlink -f "$1"); old="$2"; shift 2
mount --make-rprivate /
mount --rbind /dev "$old"
mount -t tmpfs -o mode=0755 tmpfs /dev
for node in null zero full random urandom tty; do : > "/dev/$node"; mount --bind "$old/$node" "/dev/$node"; done
mkdir /dev/pts /dev/usb
mount --rbind "$old/pts" /dev/pts
: > /dev/usb/lp0
mount --bind "$old\${pty#/dev}" /dev/usb/lp0
exec "$@"`;

export const runKioskctlWithUsbPrinter = async (ptyPath: string, ...args: string[]): Promise<KioskctlRun> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-usb-printer-'));
  try {
    return await runToEnd('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', SCRIPT, 'sh', ptyPath, dir, ...kioskctlCommandLine(...args)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
