import path from 'node:path';
import { classDeviceNames, sysfsAttribute } from './sysfs-class.ts';

/** A HID device as the kernel names it in its uevent: what a `hid` connection's vendorId/productId are taken from. */
export interface AttachedHidDevice {
  path: string;
  name?: string;
  bus: 'usb' | 'bluetooth' | 'i2c' | 'other';
  /** Four hex digits, as `lsusb` and the terminal config write them. */
  vendorId: string;
  productId: string;
  serialNumber?: string;
}

/** HID_ID is `BUS:VENDOR:PRODUCT` in hex, 4:8:8 digits (drivers/hid/hid-core.c); the bus numbers are linux/input.h's. */
const BUSES: Record<number, AttachedHidDevice['bus']> = { 0x03: 'usb', 0x05: 'bluetooth', 0x18: 'i2c' };
const HID_ID = /^([0-9a-f]{1,8}):([0-9a-f]{1,8}):([0-9a-f]{1,8})$/i;

const field = (uevent: string, key: string): string | undefined => {
  const line = uevent.split('\n').find((entry) => entry.startsWith(`${key}=`));
  const value = line?.slice(key.length + 1).trim();
  return value === undefined || value === '' ? undefined : value;
};

const hex4 = (digits: string) => (Number.parseInt(digits, 16) & 0xffff).toString(16).padStart(4, '0');

/** hidraw devices from /sys/class/hidraw/*\/device/uevent (HID_ID, HID_NAME, HID_UNIQ); one without a readable HID_ID is left out. */
export const attachedHidDevices = async (sysfsRoot: string, devRoot: string): Promise<AttachedHidDevice[]> => {
  const devices: AttachedHidDevice[] = [];
  for (const name of await classDeviceNames(sysfsRoot, 'hidraw', /^hidraw\d+$/)) {
    const uevent = (await sysfsAttribute(path.join(sysfsRoot, 'class', 'hidraw', name, 'device'), 'uevent')) ?? '';
    const id = HID_ID.exec(field(uevent, 'HID_ID') ?? '');
    if (id === null) continue;
    const [, bus = '', vendor = '', product = ''] = id;
    const hidName = field(uevent, 'HID_NAME');
    const serialNumber = field(uevent, 'HID_UNIQ');
    devices.push({
      path: path.join(devRoot, name),
      ...(hidName === undefined ? {} : { name: hidName }),
      bus: BUSES[Number.parseInt(bus, 16)] ?? 'other',
      vendorId: hex4(vendor),
      productId: hex4(product),
      ...(serialNumber === undefined ? {} : { serialNumber }),
    });
  }
  return devices;
};
