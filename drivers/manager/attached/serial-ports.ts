import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { classDeviceNames, sysfsAttribute } from './sysfs-class.ts';
import { usbIdentityOf, type UsbIdentity } from './usb-identity.ts';

/** A serial port the kernel has hardware for: its /dev path, and its USB adapter's identity where it is on USB. */
export interface AttachedSerialPort {
  path: string;
  usb?: UsbIdentity;
}

const exists = async (file: string) => {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
};

/**
 * Serial ports from /sys/class/tty: every tty with a `device` link is backed by hardware (USB serial adapters,
 * CDC-ACM, built-in UARTs); virtual consoles and pseudo-terminals have none. The 8250 driver registers ports it never
 * found (ttyS1…ttyS31 on most PCs): their `type` is 0 (PORT_UNKNOWN), and they are left out.
 */
export const attachedSerialPorts = async (sysfsRoot: string, devRoot: string): Promise<AttachedSerialPort[]> => {
  const ports: AttachedSerialPort[] = [];
  for (const name of await classDeviceNames(sysfsRoot, 'tty', /^tty/)) {
    const dir = path.join(sysfsRoot, 'class', 'tty', name);
    if (!(await exists(path.join(dir, 'device')))) continue;
    if ((await sysfsAttribute(dir, 'type')) === '0') continue;
    const usb = await usbIdentityOf(path.join(dir, 'device'), sysfsRoot);
    ports.push({ path: path.join(devRoot, name), ...(usb === undefined ? {} : { usb }) });
  }
  return ports;
};
