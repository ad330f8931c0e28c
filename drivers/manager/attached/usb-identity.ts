import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { sysfsAttribute as attribute } from './sysfs-class.ts';

/** What the USB device a node hangs off says about itself: ids as four hex digits, its strings where it has them. */
export interface UsbIdentity {
  vendorId: string;
  productId: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
}

/**
 * The USB identity of a class device's `device` link (/sys/class/tty/ttyUSB0/device …): sysfs puts a USB device's
 * idVendor, idProduct, manufacturer, product and serial in the first directory above the interface that has them
 * (as pyserial's list_ports_linux finds them). Undefined for a node on no USB device (a built-in UART) and for a
 * link that does not resolve; the walk never leaves the sysfs root.
 */
export const usbIdentityOf = async (deviceLink: string, sysfsRoot: string): Promise<UsbIdentity | undefined> => {
  let dir: string;
  let top: string;
  try {
    dir = await realpath(deviceLink);
    top = await realpath(sysfsRoot);
  } catch {
    return undefined;
  }
  while (dir.startsWith(`${top}${path.sep}`)) {
    const vendorId = await attribute(dir, 'idVendor');
    const productId = await attribute(dir, 'idProduct');
    if (vendorId !== undefined && productId !== undefined) {
      const strings = { manufacturer: await attribute(dir, 'manufacturer'), product: await attribute(dir, 'product'), serialNumber: await attribute(dir, 'serial') };
      return {
        vendorId: vendorId.toLowerCase(),
        productId: productId.toLowerCase(),
        ...Object.fromEntries(Object.entries(strings).filter(([, value]) => value !== undefined)),
      };
    }
    dir = path.dirname(dir);
  }
  return undefined;
};
