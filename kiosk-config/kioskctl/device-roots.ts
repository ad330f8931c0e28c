import { SYSTEM_DEVICE_ROOTS, type AttachedDeviceRoots } from '../../drivers/manager/attached/attached-devices.ts';

/**
 * Where `devices` and `probe` look for what is attached: /sys, /dev and scanimage, unless the environment names a
 * tree laid out like them (KIOSK_SYSFS_ROOT, KIOSK_DEV_ROOT, KIOSK_SCANIMAGE). Only tests set these.
 */
export const deviceRootsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AttachedDeviceRoots => ({
  sysfsRoot: env['KIOSK_SYSFS_ROOT'] ?? SYSTEM_DEVICE_ROOTS.sysfsRoot,
  devRoot: env['KIOSK_DEV_ROOT'] ?? SYSTEM_DEVICE_ROOTS.devRoot,
  scanimage: env['KIOSK_SCANIMAGE'] ?? SYSTEM_DEVICE_ROOTS.scanimage,
});
