import type { IdCardReader } from '../../drivers/idcard/id-card-reader.ts';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import type { DoorFeedback } from '../../drivers/locker/door-sensor.ts';
import type { LockerBus } from '../../drivers/locker/locker-bus.ts';
import type { StatusByteOrder } from '../../drivers/locker/status-bitmap.ts';
import type { DeviceConfig, DeviceConnection } from '../../drivers/manager/device-config.ts';
import { connectionName } from './connection-flags.ts';
import { DeviceManager } from '../../drivers/manager/device-manager.ts';
import { lockerBusSchema } from '../../drivers/manager/locker-bus-config.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { CodeEncoding } from '../../drivers/scanner/code-content.ts';
import type { Scanner } from '../../drivers/scanner/scanner.ts';

/**
 * The one device a kioskctl command drives, described by its flags (--port, --baud, …) as a terminal config
 * would describe it, and built by the device manager: kioskctl constructs no transport of its own.
 */
export interface SerialFlags {
  port: string;
  baudRate: number;
}

const ID = 'kioskctl';
const serial = ({ port, baudRate }: SerialFlags) => ({ type: 'serial' as const, path: port, baudRate });

/** An ID card reader: serial or USB-HID, as the config allows. */
export const idCardReaderFromFlags = (flags: { connection: DeviceConnection & { type: 'serial' | 'hid' }; fingerprint: boolean }): DeviceConfig => ({
  id: ID,
  kind: 'idcard-reader',
  connection: flags.connection,
  readCommand: flags.fingerprint ? 'text-fingerprint' : 'text',
});

/** A QR/barcode scanner: serial or HID-POS. */
export const qrScannerFromFlags = (flags: { connection: DeviceConnection & { type: 'serial' | 'hid' }; encoding: CodeEncoding }): DeviceConfig => ({
  id: ID,
  kind: 'qr-scanner',
  connection: flags.connection,
  encoding: flags.encoding,
});

/** A receipt printer: serial, a USB printer's device file, or USB-HID. */
export const receiptPrinterFromFlags = (connection: DeviceConnection): DeviceConfig => ({ id: ID, kind: 'receipt-printer', connection });

export const lockerBusFromFlags = (
  flags: SerialFlags & { protocol: LockerProtocolName; board: number; doors: number; feedback: DoorFeedback; byteOrder: StatusByteOrder },
): DeviceConfig =>
  lockerBusSchema.parse({
    id: ID,
    kind: 'locker-bus',
    connection: serial(flags),
    protocol: flags.protocol,
    boards: [{ address: flags.board, doors: flags.doors }],
    feedback: flags.feedback,
    ...(flags.protocol === 'generic-8a' ? { statusByteOrder: flags.byteOrder } : {}),
  });

/** The device started, or why its port would not open ("cannot open /dev/ttyUSB0: …"), and how to let go of it. */
export interface DeviceFromFlags<D> {
  readonly device: D;
  readonly openError: string | null;
  stop(): Promise<void>;
}

/** Where to look next when a USB-HID device is not there at all (HidTransport's reason). */
const hint = (reason: string) => (reason.endsWith('it is not attached') ? ' (lsusb lists the USB devices that are)' : '');

const open = async <D>(config: DeviceConfig, pick: (devices: DeviceManager) => D | null | undefined): Promise<DeviceFromFlags<D>> => {
  // A one-off command asks the device for what it needs: no idle polling.
  const devices = new DeviceManager({ devices: [config], idlePolling: false });
  const device = pick(devices);
  if (device === null || device === undefined) throw new Error(`the device manager built no ${config.kind} from the flags`);
  await devices.start();
  // The transport's reason names the device and says why ("cannot open /dev/ttyUSB0: No such file or directory").
  const reason = devices.healthOf(config.id)?.reason ?? `cannot open ${connectionName(config.connection)}`;
  const openError = devices.connected(config.id) ? null : `${reason}${hint(reason)}`;
  return { device, openError, stop: () => devices.stop() };
};

export const openIdCardReader = (config: DeviceConfig): Promise<DeviceFromFlags<IdCardReader>> => open(config, (devices) => devices.idCardReader?.reader);
export const openScanner = (config: DeviceConfig): Promise<DeviceFromFlags<Scanner>> => open(config, (devices) => devices.scanners[0]);
export const openReceiptPrinter = (config: DeviceConfig): Promise<DeviceFromFlags<ReceiptPrinter>> => open(config, (devices) => devices.receiptPrinter);
export const openLockerBus = (config: DeviceConfig): Promise<DeviceFromFlags<LockerBus>> => open(config, (devices) => devices.lockerBuses.get(ID)?.bus);
