import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reading Linux's sysfs (or a tree laid out like it, for tests): one attribute file, and the devices of a class
 * (/sys/class/tty, /sys/class/hidraw …). A missing file or class is simply absent: sysfs differs between kernels and
 * containers, and what is not there is not attached.
 */
export const sysfsAttribute = async (dir: string, name: string): Promise<string | undefined> => {
  try {
    const value = (await readFile(path.join(dir, name), 'utf8')).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
};

/** The names in a sysfs class directory matching `pattern`, in the order a person counts them (ttyUSB2 before ttyUSB10). */
export const classDeviceNames = async (sysfsRoot: string, className: string, pattern: RegExp): Promise<string[]> => {
  let names: string[];
  try {
    names = await readdir(path.join(sysfsRoot, 'class', className));
  } catch {
    return [];
  }
  return names.filter((name) => pattern.test(name)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
};
