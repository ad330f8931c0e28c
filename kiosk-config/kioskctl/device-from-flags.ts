import type { IdCardReader } from '../../drivers/idcard/id-card-reader.ts';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import type { DoorFeedback } from '../../drivers/locker/door-sensor.ts';
import type { LockerBus } from '../../drivers/locker/locker-bus.ts';
import type { StatusByteOrder } from '../../drivers/locker/status-bitmap.ts';
import type { DeviceConfig } from '../../drivers/manager/device-config.ts';
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

export const idCardReaderFromFlags = (flags: SerialFlags & { fingerprint: boolean }): DeviceConfig => ({
  id: ID,
  kind: 'idcard-reader',
  connection: serial(flags),
  readCommand: flags.fingerprint ? 'text-fingerprint' : 'text',
});

export const qrScannerFromFlags = (flags: SerialFlags & { encoding: CodeEncoding }): DeviceConfig => ({
  id: ID,
  kind: 'qr-scanner',
  connection: serial(flags),
  encoding: flags.encoding,
});

export const receiptPrinterFromFlags = (flags: SerialFlags): DeviceConfig => ({ id: ID, kind: 'receipt-printer', connection: serial(flags) });

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

const open = async <D>(config: DeviceConfig, pick: (devices: DeviceManager) => D | null | undefined): Promise<DeviceFromFlags<D>> => {
  // A one-off command asks the device for what it needs: no idle polling.
  const devices = new DeviceManager({ devices: [config], idlePolling: false });
  const device = pick(devices);
  if (device === null || device === undefined) throw new Error(`the device manager built no ${config.kind} from the flags`);
  await devices.start();
  const path = config.connection.type === 'serial' ? config.connection.path : config.id;
  const openError = devices.connected(config.id) ? null : `cannot open ${path}: ${devices.healthOf(config.id)?.reason ?? 'unknown reason'}`;
  return { device, openError, stop: () => devices.stop() };
};

export const openIdCardReader = (config: DeviceConfig): Promise<DeviceFromFlags<IdCardReader>> => open(config, (devices) => devices.idCardReader?.reader);
export const openScanner = (config: DeviceConfig): Promise<DeviceFromFlags<Scanner>> => open(config, (devices) => devices.scanners[0]);
export const openReceiptPrinter = (config: DeviceConfig): Promise<DeviceFromFlags<ReceiptPrinter>> => open(config, (devices) => devices.receiptPrinter);
export const openLockerBus = (config: DeviceConfig): Promise<DeviceFromFlags<LockerBus>> => open(config, (devices) => devices.lockerBuses.get(ID)?.bus);
