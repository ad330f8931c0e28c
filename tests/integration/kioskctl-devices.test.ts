import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctlWith } from '../support/run-kioskctl.ts';

/**
 * `kioskctl devices`: what is attached, read from a fake /sys and /dev (KIOSK_SYSFS_ROOT, KIOSK_DEV_ROOT) laid out as
 * Linux lays them out for a USB serial adapter, a built-in UART, a HID reader, a USB receipt printer and a camera;
 * and on this machine, whatever it has.
 */
const kioskctl = runKioskctlWith;

let dir: string;
let sys: string;
let dev: string;

const file = async (at: string, content: string) => {
  await mkdir(path.dirname(at), { recursive: true });
  await writeFile(at, content);
};
const link = async (at: string, target: string) => {
  await mkdir(path.dirname(at), { recursive: true });
  await symlink(path.relative(path.dirname(at), target), at);
};
/** A USB device directory as sysfs has it: its ids and strings beside the interfaces below it. */
const usbDevice = async (at: string, ids: Record<string, string>) => {
  for (const [name, value] of Object.entries(ids)) await file(path.join(at, name), `${value}\n`);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-devices-'));
  sys = path.join(dir, 'sys');
  dev = path.join(dir, 'dev');
  const hub = path.join(sys, 'devices/pci0000:00/0000:00:14.0/usb1');

  // An FTDI USB serial adapter: the tty's device is the usb-serial port below the interface below the USB device.
  await usbDevice(path.join(hub, '1-2'), { idVendor: '0403', idProduct: '6001', manufacturer: 'FTDI', product: 'FT232R USB UART', serial: 'A50285BI' });
  await mkdir(path.join(hub, '1-2/1-2:1.0/ttyUSB0'), { recursive: true });
  await link(path.join(sys, 'class/tty/ttyUSB0/device'), path.join(hub, '1-2/1-2:1.0/ttyUSB0'));
  // A built-in 16550A UART, and a phantom 8250 port with no UART behind it (type 0), and a virtual console.
  await mkdir(path.join(sys, 'devices/pnp0/00:00/00:00:0/00:00:0.0'), { recursive: true });
  await link(path.join(sys, 'class/tty/ttyS0/device'), path.join(sys, 'devices/pnp0/00:00/00:00:0/00:00:0.0'));
  await file(path.join(sys, 'class/tty/ttyS0/type'), '4\n');
  await mkdir(path.join(sys, 'devices/platform/serial8250/tty/ttyS1'), { recursive: true });
  await link(path.join(sys, 'class/tty/ttyS1/device'), path.join(sys, 'devices/platform/serial8250'));
  await file(path.join(sys, 'class/tty/ttyS1/type'), '0\n');
  await file(path.join(sys, 'class/tty/tty0/dev'), '4:0\n');

  // A HID ID card reader (the DK NFC+SAM reader of idcard-sam-protocol.md §1).
  await usbDevice(path.join(hub, '1-3'), { idVendor: '0483', idProduct: '572b', product: 'NFC SAM Reader' });
  const hid = path.join(hub, '1-3/1-3:1.0/0003:0483:572B.0001');
  await file(path.join(hid, 'uevent'), 'DRIVER=hid-generic\nHID_ID=0003:00000483:0000572B\nHID_NAME=DK NFC SAM Reader\nHID_PHYS=usb-0000:00:14.0-3/input0\nHID_UNIQ=0123456789\nMODALIAS=hid:b0003g0001v00000483p0000572B\n');
  await link(path.join(sys, 'class/hidraw/hidraw0/device'), hid);

  // A USB receipt printer on the printer class: /dev/usb/lp0, its interface under /sys/class/usbmisc.
  await usbDevice(path.join(hub, '1-4'), { idVendor: '0519', idProduct: '000b', manufacturer: 'STAR', product: 'TSP100' });
  await mkdir(path.join(hub, '1-4/1-4:1.0'), { recursive: true });
  await link(path.join(sys, 'class/usbmisc/lp0/device'), path.join(hub, '1-4/1-4:1.0'));
  await file(path.join(dev, 'usb/lp0'), '');

  // A document camera: one capture node.
  await usbDevice(path.join(hub, '1-5'), { idVendor: '0ac8', idProduct: '3420', product: 'HD Document Camera' });
  await mkdir(path.join(hub, '1-5/1-5:1.0'), { recursive: true });
  await link(path.join(sys, 'class/video4linux/video0/device'), path.join(hub, '1-5/1-5:1.0'));
  await file(path.join(sys, 'class/video4linux/video0/name'), 'HD Document Camera: HD Document\n');

  // A scanimage that finds SANE's test backend.
  await file(path.join(dir, 'scanimage'), "#!/bin/sh\n[ \"$1\" = -L ] || exit 1\necho \"device \\`test:0' is a Noname frontend-tester virtual device\"\n");
  await chmod(path.join(dir, 'scanimage'), 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const fakeRoots = () => ({ KIOSK_SYSFS_ROOT: sys, KIOSK_DEV_ROOT: dev, KIOSK_SCANIMAGE: path.join(dir, 'scanimage') });

describe('kioskctl devices', () => {
  it('lists the serial ports with their USB identity, the hidraw devices, USB printers, SANE scanners and cameras', async () => {
    const result = await kioskctl(fakeRoots(), 'devices', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      serialPorts: [
        { path: path.join(dev, 'ttyS0') },
        { path: path.join(dev, 'ttyUSB0'), usb: { vendorId: '0403', productId: '6001', manufacturer: 'FTDI', product: 'FT232R USB UART', serialNumber: 'A50285BI' } },
      ],
      hidraw: [{ path: path.join(dev, 'hidraw0'), name: 'DK NFC SAM Reader', bus: 'usb', vendorId: '0483', productId: '572b', serialNumber: '0123456789' }],
      usbPrinters: [{ path: path.join(dev, 'usb/lp0'), usb: { vendorId: '0519', productId: '000b', manufacturer: 'STAR', product: 'TSP100' } }],
      saneScanners: { available: true, devices: [{ name: 'test:0', description: 'Noname frontend-tester virtual device' }] },
      cameras: [{ path: path.join(dev, 'video0'), name: 'HD Document Camera: HD Document', usb: { vendorId: '0ac8', productId: '3420', product: 'HD Document Camera' } }],
    });
  });

  it('reports a machine without scanimage as such, and still lists the rest', async () => {
    const result = await kioskctl({ ...fakeRoots(), KIOSK_SCANIMAGE: path.join(dir, 'no-scanimage') }, 'devices', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const listed = JSON.parse(result.stdout) as { saneScanners: unknown; serialPorts: unknown[] };
    expect(listed.saneScanners).toEqual({ available: false, reason: 'scanimage is not installed (Debian package sane-utils)' });
    expect(listed.serialPorts).toHaveLength(2);
  });

  it('says the same for a person, without --json', async () => {
    const result = await kioskctl(fakeRoots(), 'devices');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`${path.join(dev, 'ttyUSB0')}  USB 0403:6001 FTDI FT232R USB UART, serial A50285BI`);
    expect(result.stdout).toContain(`${path.join(dev, 'hidraw0')}  DK NFC SAM Reader (usb 0483:572b, serial 0123456789)`);
    expect(result.stdout).toContain('test:0  Noname frontend-tester virtual device');
    expect(() => JSON.parse(result.stdout) as unknown).toThrow();
  });

  it('lists nothing, and says so, where /sys has none of these classes', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    const result = await kioskctl({ KIOSK_SYSFS_ROOT: empty, KIOSK_DEV_ROOT: empty, KIOSK_SCANIMAGE: path.join(dir, 'no-scanimage') }, 'devices', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      serialPorts: [],
      hidraw: [],
      usbPrinters: [],
      saneScanners: { available: false, reason: 'scanimage is not installed (Debian package sane-utils)' },
      cameras: [],
    });
  });

  it('runs on this machine and prints one JSON value of that shape, whatever is attached', async () => {
    const result = await kioskctl({}, 'devices', '--json');
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(listed)).toEqual(['serialPorts', 'hidraw', 'usbPrinters', 'saneScanners', 'cameras']);
    for (const key of ['serialPorts', 'hidraw', 'usbPrinters', 'cameras']) {
      expect(Array.isArray(listed[key])).toBe(true);
      for (const entry of listed[key] as Array<{ path: unknown }>) expect(entry.path).toMatch(/^\/dev\//);
    }
    expect(listed['saneScanners']).toHaveProperty('available');
  }, 40_000);
});
