import { IdCardReader } from '../idcard/id-card-reader.ts';
import { HelperProcessPhotoDecoder, type WltPhotoDecoder } from '../idcard/photo-decoder.ts';
import { LockerBus } from '../locker/locker-bus.ts';
import { ReceiptPrinter } from '../printer/receipt-printer.ts';
import { HidPosScanner } from '../scanner/hid-pos-scanner.ts';
import { SaneSheetScanner } from '../scanner/sane-sheet-scanner.ts';
import type { SheetScanner } from '../scanner/sheet-scanner.ts';
import { KeyboardWedgeScanner } from '../scanner/keyboard-wedge-scanner.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { SerialScanner } from '../scanner/serial-scanner.ts';
import type { DeviceConfig, DocumentScannerConfig } from './device-config.ts';
import type { LockerBusConfig } from './locker-bus-config.ts';
import { transportFor } from './transport-for.ts';

/** The ID card reader with what goes with it: the vendor's photo decoder, when the config names one. */
export interface IdCardReaderDevice {
  readonly id: string;
  readonly reader: IdCardReader;
  readonly photoDecoder: WltPhotoDecoder | undefined;
}

export interface LockerBusDevice {
  readonly config: LockerBusConfig;
  readonly bus: LockerBus;
}

/**
 * Every device of a terminal, built from its config in this one place and owned here: the host and kioskctl ask
 * for devices, and nothing else constructs a transport. A device missing at start is not an error: its transport
 * keeps looking for it.
 */
export class DeviceManager {
  readonly idCardReader: IdCardReaderDevice | null;
  readonly receiptPrinter: ReceiptPrinter | null;
  /** Every QR/barcode scanner: serial, HID-POS, and the one keyboard wedge (the page types into it). */
  readonly scanners: readonly Scanner[];
  readonly keyboardWedge: KeyboardWedgeScanner | null;
  /** One bus per `locker-bus` device (a cabinet), by device id. */
  readonly lockerBuses: ReadonlyMap<string, LockerBusDevice>;
  readonly documentScanner: DocumentScannerConfig | null;
  /** The document scanner's sheet scanner, when it is one (SANE); a camera is the page's to capture from. */
  readonly sheetScanner: SheetScanner | null;
  readonly #configs: readonly DeviceConfig[];

  constructor(devices: readonly DeviceConfig[]) {
    this.#configs = devices;
    const reader = devices.find((device) => device.kind === 'idcard-reader');
    this.idCardReader =
      reader === undefined
        ? null
        : {
            id: reader.id,
            reader: new IdCardReader({ transport: transportFor(reader.connection), readCommand: reader.readCommand }),
            photoDecoder: reader.photoDecoder === undefined ? undefined : new HelperProcessPhotoDecoder(reader.photoDecoder),
          };
    const printer = devices.find((device) => device.kind === 'receipt-printer');
    this.receiptPrinter = printer === undefined ? null : new ReceiptPrinter({ transport: transportFor(printer.connection) });
    const wedge = devices.some((device) => device.kind === 'qr-scanner' && device.connection.type === 'keyboard') ? new KeyboardWedgeScanner() : null;
    this.keyboardWedge = wedge;
    this.scanners = devices.flatMap((device): Scanner[] => {
      if (device.kind !== 'qr-scanner') return [];
      const { connection, encoding } = device;
      if (connection.type === 'keyboard') return wedge === null ? [] : [wedge];
      if (connection.type === 'hid') return [new HidPosScanner({ transport: transportFor(connection, 'hid-pos-scanner'), encoding })];
      return [new SerialScanner(transportFor(connection), { encoding })];
    });
    this.lockerBuses = new Map(
      devices.flatMap((device) => (device.kind === 'locker-bus' ? [[device.id, { config: device, bus: busFor(device) }] as const] : [])),
    );
    this.documentScanner = devices.find((device): device is DocumentScannerConfig => device.kind === 'document-scanner') ?? null;
    const sheet = this.documentScanner?.connection;
    this.sheetScanner = sheet?.type === 'sane' ? new SaneSheetScanner({ device: sheet.device, source: sheet.source, options: sheet.options }) : null;
  }

  /** Starts every device; one that cannot start is reported and left to its transport to find later. */
  async start(onStartFailed: (id: string, error: unknown) => void): Promise<void> {
    for (const [id, device] of this.#startable()) await device.start().catch((error: unknown) => onStartFailed(id, error));
  }

  async stop(): Promise<void> {
    for (const [, device] of this.#startable()) await device.stop();
  }

  #startable(): Array<[string, { start(): Promise<void>; stop(): Promise<void> }]> {
    return [
      ...(this.idCardReader === null ? [] : [[this.idCardReader.id, this.idCardReader.reader] as [string, IdCardReader]]),
      ...(this.receiptPrinter === null ? [] : [['receipt-printer', this.receiptPrinter] as [string, ReceiptPrinter]]),
      ...[...new Set(this.scanners)].map((scanner) => [scanner.description, scanner] as [string, Scanner]),
      ...[...this.lockerBuses].map(([id, device]) => [id, device.bus] as [string, LockerBus]),
    ];
  }

  /** The devices as configured. */
  get configs(): readonly DeviceConfig[] {
    return this.#configs;
  }
}

const busFor = (device: LockerBusConfig): LockerBus =>
  new LockerBus({
    transport: transportFor(device.connection),
    protocol: device.protocol,
    boards: device.boards.map(({ address, doors }) => ({ address, doors })),
    feedback: device.feedback,
    ...(device.statusByteOrder === undefined ? {} : { statusByteOrder: device.statusByteOrder }),
    timing: { confirmWindowMs: device.confirmWindowMs, pollIntervalMs: device.pollIntervalMs, doorLeftOpenMs: device.doorLeftOpenSeconds * 1000 },
  });
