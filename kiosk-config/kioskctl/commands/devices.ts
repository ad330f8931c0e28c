import { listAttachedDevices, type AttachedDevices } from '../../../drivers/manager/attached/attached-devices.ts';
import type { UsbIdentity } from '../../../drivers/manager/attached/usb-identity.ts';
import type { KioskctlCommand } from '../command.ts';
import { deviceRootsFromEnvironment } from '../device-roots.ts';

const usbText = (usb: UsbIdentity | undefined): string =>
  usb === undefined
    ? ''
    : `  USB ${usb.vendorId}:${usb.productId}${[usb.manufacturer, usb.product].filter(Boolean).map((s) => ` ${String(s)}`).join('')}` +
      (usb.serialNumber === undefined ? '' : `, serial ${usb.serialNumber}`);

const section = (title: string, lines: string[]): string[] => [`${title}:`, ...(lines.length === 0 ? ['  none'] : lines.map((line) => `  ${line}`))];

/** The listing for a person: one section per kind, one line per device. */
const describe = (attached: AttachedDevices): string[] => [
  ...section('serial ports', attached.serialPorts.map((port) => `${port.path}${usbText(port.usb)}`)),
  ...section(
    'hidraw devices',
    attached.hidraw.map((hid) => `${hid.path}  ${hid.name ?? '(no name)'} (${hid.bus} ${hid.vendorId}:${hid.productId}${hid.serialNumber === undefined ? '' : `, serial ${hid.serialNumber}`})`),
  ),
  ...section('USB printers (/dev/usb/lp*)', attached.usbPrinters.map((printer) => `${printer.path}${usbText(printer.usb)}`)),
  ...(attached.saneScanners.available
    ? section('SANE scanners', attached.saneScanners.devices.map((device) => `${device.name}  ${device.description}`))
    : ['SANE scanners:', `  not asked: ${attached.saneScanners.reason}`]),
  ...section('cameras', attached.cameras.map((camera) => `${camera.path}  ${camera.name ?? '(no name)'}${usbText(camera.usb)}`)),
];

/** `devices [--json]`: what is attached — serial ports, hidraw, /dev/usb/lp*, SANE scanners, cameras. Exit 0 whatever is found. */
export const devicesList: KioskctlCommand = {
  words: ['devices'],
  summary: 'list what is attached: serial ports, hidraw devices, USB printers, SANE scanners, cameras',
  arguments: [],
  options: { json: { type: 'boolean' } },
  optionHelp: ['--json  print one JSON object'],
  async run({ positionals, options, io }) {
    if (positionals.length > 0) {
      io.stderr(`devices takes no arguments, not "${positionals.join(' ')}"`);
      return 2;
    }
    const attached = await listAttachedDevices(deviceRootsFromEnvironment());
    if (options['json'] === true) io.stdout(JSON.stringify(attached));
    else for (const line of describe(attached)) io.stdout(line);
    return 0;
  },
};
