import { execFile } from 'node:child_process';

/** A scanner SANE can open: its device name (what a `sane` sheet scanner's `device` names) and what it says it is. */
export interface SaneDevice {
  name: string;
  description: string;
}

/** What `scanimage -L` found, or why SANE could not be asked (it is optional on a terminal: its absence is an answer). */
export type SaneDeviceList = { available: true; devices: SaneDevice[] } | { available: false; reason: string };

/** `scanimage -L` asks every backend, the network ones too: seconds on a quiet machine, so a generous bound. */
const LIST_TIMEOUT_MS = 30_000;
/** scanimage's list line: device `fujitsu:fi-7160:12345' is a FUJITSU fi-7160 scanner */
const DEVICE_LINE = /^device `(.+)' is an? (.+)$/;

export const parseSaneDeviceList = (output: string): SaneDevice[] =>
  output.split('\n').flatMap((line) => {
    const match = DEVICE_LINE.exec(line.trim());
    return match === null ? [] : [{ name: match[1] ?? '', description: match[2] ?? '' }];
  });

/** The scanners SANE sees, through `scanimage -L` (`command`: another scanimage, for tests and unusual installs). */
export const listSaneDevices = (command = 'scanimage'): Promise<SaneDeviceList> =>
  new Promise((resolve) => {
    execFile(command, ['-L'], { timeout: LIST_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve({ available: true, devices: parseSaneDeviceList(stdout) });
      const failure = error as NodeJS.ErrnoException & { killed?: boolean };
      if (failure.code === 'ENOENT') return resolve({ available: false, reason: 'scanimage is not installed (Debian package sane-utils)' });
      if (failure.killed === true) return resolve({ available: false, reason: `scanimage -L did not finish within ${LIST_TIMEOUT_MS / 1000} s` });
      const said = stderr.trim().split('\n').at(-1) ?? '';
      resolve({ available: false, reason: `scanimage -L failed${said === '' ? '' : `: ${said}`}` });
    });
  });
