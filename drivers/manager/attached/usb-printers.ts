import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { usbIdentityOf, type UsbIdentity } from './usb-identity.ts';

/** A printer on the USB printer class: the /dev/usb/lp* file a `usb-printer` connection names. */
export interface AttachedUsbPrinter {
  path: string;
  usb?: UsbIdentity;
}

/** /dev/usb/lp*, each with the identity of its USB device from /sys/class/usbmisc/lpN where sysfs has it. */
export const attachedUsbPrinters = async (sysfsRoot: string, devRoot: string): Promise<AttachedUsbPrinter[]> => {
  let names: string[];
  try {
    names = await readdir(path.join(devRoot, 'usb'));
  } catch {
    return [];
  }
  const printers: AttachedUsbPrinter[] = [];
  for (const name of names.filter((entry) => /^lp\d+$/.test(entry)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    const usb = await usbIdentityOf(path.join(sysfsRoot, 'class', 'usbmisc', name, 'device'), sysfsRoot);
    printers.push({ path: path.join(devRoot, 'usb', name), ...(usb === undefined ? {} : { usb }) });
  }
  return printers;
};
