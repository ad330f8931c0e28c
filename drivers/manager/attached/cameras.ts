import path from 'node:path';
import { classDeviceNames, sysfsAttribute } from './sysfs-class.ts';
import { usbIdentityOf, type UsbIdentity } from './usb-identity.ts';

/** A video device (a document camera, a face camera): its /dev/video* node and the name its driver gives it. */
export interface AttachedCamera {
  path: string;
  name?: string;
  usb?: UsbIdentity;
}

/** /sys/class/video4linux/video*: a UVC camera has two nodes (capture and metadata), both listed as the kernel has them. */
export const attachedCameras = async (sysfsRoot: string, devRoot: string): Promise<AttachedCamera[]> => {
  const cameras: AttachedCamera[] = [];
  for (const name of await classDeviceNames(sysfsRoot, 'video4linux', /^video\d+$/)) {
    const dir = path.join(sysfsRoot, 'class', 'video4linux', name);
    const cameraName = await sysfsAttribute(dir, 'name');
    const usb = await usbIdentityOf(path.join(dir, 'device'), sysfsRoot);
    cameras.push({ path: path.join(devRoot, name), ...(cameraName === undefined ? {} : { name: cameraName }), ...(usb === undefined ? {} : { usb }) });
  }
  return cameras;
};
