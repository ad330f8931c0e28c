import { listSaneDevices, type SaneDeviceList } from '../../scanner/sane-device-list.ts';
import { attachedCameras, type AttachedCamera } from './cameras.ts';
import { attachedHidDevices, type AttachedHidDevice } from './hidraw-devices.ts';
import { attachedSerialPorts, type AttachedSerialPort } from './serial-ports.ts';
import { attachedUsbPrinters, type AttachedUsbPrinter } from './usb-printers.ts';

/** Everything a terminal's devices could be attached as, before anyone guesses a port (`kioskctl devices`). */
export interface AttachedDevices {
  serialPorts: AttachedSerialPort[];
  hidraw: AttachedHidDevice[];
  usbPrinters: AttachedUsbPrinter[];
  saneScanners: SaneDeviceList;
  cameras: AttachedCamera[];
}

/** Where to look: the real /sys, /dev and scanimage, or a tree laid out like them (tests). */
export interface AttachedDeviceRoots {
  sysfsRoot: string;
  devRoot: string;
  scanimage: string;
}

export const SYSTEM_DEVICE_ROOTS: AttachedDeviceRoots = { sysfsRoot: '/sys', devRoot: '/dev', scanimage: 'scanimage' };

/** Reads what is attached; never fails (a class the kernel lacks is empty, a missing scanimage is said so). */
export const listAttachedDevices = async (roots: AttachedDeviceRoots = SYSTEM_DEVICE_ROOTS): Promise<AttachedDevices> => {
  const { sysfsRoot, devRoot } = roots;
  const [serialPorts, hidraw, usbPrinters, saneScanners, cameras] = await Promise.all([
    attachedSerialPorts(sysfsRoot, devRoot),
    attachedHidDevices(sysfsRoot, devRoot),
    attachedUsbPrinters(sysfsRoot, devRoot),
    listSaneDevices(roots.scanimage),
    attachedCameras(sysfsRoot, devRoot),
  ]);
  return { serialPorts, hidraw, usbPrinters, saneScanners, cameras };
};
