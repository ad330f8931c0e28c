import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import { IdCardReader } from '../idcard/id-card-reader.ts';
import { HelperProcessPhotoDecoder, type WltPhotoDecoder } from '../idcard/photo-decoder.ts';
import { LockerBus } from '../locker/locker-bus.ts';
import { ReceiptPrinter } from '../printer/receipt-printer.ts';
import { HidPosScanner } from '../scanner/hid-pos-scanner.ts';
import { KeyboardWedgeScanner } from '../scanner/keyboard-wedge-scanner.ts';
import { SaneSheetScanner } from '../scanner/sane-sheet-scanner.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { SerialScanner } from '../scanner/serial-scanner.ts';
import type { SheetScanner } from '../scanner/sheet-scanner.ts';
import type { Transport } from '../transport/transport.ts';
import type { DeviceConfig, DocumentScannerConfig } from './device-config.ts';
import { DeviceHealthBoard, type DeviceHealthListener } from './device-health-board.ts';
import type { DeviceHealth } from './device-health.ts';
import { DeviceWatch, type HealthSource } from './device-watch.ts';
import { connectedScannerHealth, idCardReaderHealth, lockerBusHealth, receiptPrinterHealth, sheetScannerHealth, unobservedHealth } from './health-sources.ts';
import type { LockerBusConfig } from './locker-bus-config.ts';
import { transportFor, type TransportTiming } from './transport-for.ts';

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

export interface DeviceManagerOptions {
  devices: readonly DeviceConfig[];
  /** Every driver's timers (the host's clock, or a test's). */
  clock?: DriverClock;
  /** The time of day, for when a device was last seen. */
  wallClock?: () => Date;
  /** Off for a technician's one-off command (kioskctl): locker boards and the printer are read when asked, not polled. */
  idlePolling?: boolean;
  /** Quicker reconnects and presence checks than the transports' defaults (tests, kioskctl). */
  transportTiming?: TransportTiming;
}

interface Startable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface ManagedDevice {
  readonly config: DeviceConfig;
  /** What starts and stops it; shared by configs that name one device (keyboard wedges), started once. */
  readonly driver: Startable | null;
  readonly watch: DeviceWatch;
  /** Asks the device, harmlessly, how it is now; its answer reaches the board through its health source. */
  readonly check: (() => Promise<unknown>) | null;
}

/**
 * Every device of a terminal, built from its config in this one place and owned here: its transport, its driver,
 * its health (ready, degraded, offline or error, with a reason and when it was last seen), told as it changes.
 * The host and kioskctl ask for devices and health, and nothing else constructs a transport. A device missing at
 * start is not an error: it is offline, and its transport keeps looking for it.
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
  readonly #board = new DeviceHealthBoard();
  readonly #devices: ManagedDevice[] = [];
  readonly #wallClock: () => Date;
  readonly #timing: TransportTiming;

  constructor({ devices, clock = systemDriverClock, wallClock = () => new Date(), idlePolling = true, transportTiming = {} }: DeviceManagerOptions) {
    this.#configs = devices;
    this.#wallClock = wallClock;
    this.#timing = transportTiming;

    const reader = devices.find((device) => device.kind === 'idcard-reader');
    if (reader === undefined) this.idCardReader = null;
    else {
      const transport = this.#transport(reader);
      const driver = new IdCardReader({ transport, readCommand: reader.readCommand, clock });
      this.#manage(reader, driver, transport, idCardReaderHealth(driver), () => driver.checkHealth());
      this.idCardReader = {
        id: reader.id,
        reader: driver,
        photoDecoder: reader.photoDecoder === undefined ? undefined : new HelperProcessPhotoDecoder(reader.photoDecoder),
      };
    }

    const printer = devices.find((device) => device.kind === 'receipt-printer');
    if (printer === undefined) this.receiptPrinter = null;
    else {
      const transport = this.#transport(printer);
      // A one-off command is over before a minute's poll comes round.
      this.receiptPrinter = new ReceiptPrinter({ transport, clock, ...(idlePolling ? {} : { pollIntervalMs: 60_000 }) });
      const receiptPrinter = this.receiptPrinter;
      this.#manage(printer, receiptPrinter, transport, receiptPrinterHealth(receiptPrinter, transport), () => receiptPrinter.queryStatus());
    }

    const wedge = devices.some((device) => device.kind === 'qr-scanner' && device.connection.type === 'keyboard') ? new KeyboardWedgeScanner() : null;
    this.keyboardWedge = wedge;
    this.scanners = devices.flatMap((device): Scanner[] => {
      if (device.kind !== 'qr-scanner') return [];
      const { connection, encoding } = device;
      if (connection.type === 'keyboard') {
        if (wedge === null) return [];
        const first = !this.#devices.some((managed) => managed.driver === wedge);
        this.#manage(device, wedge, null, unobservedHealth);
        return first ? [wedge] : [];
      }
      const transport = this.#transport(device, 'hid-pos-scanner');
      const scanner = connection.type === 'hid' ? new HidPosScanner({ transport, encoding, clock }) : new SerialScanner(transport, { encoding });
      this.#manage(device, scanner, transport, connectedScannerHealth(scanner));
      return [scanner];
    });

    this.lockerBuses = new Map(
      devices.flatMap((device) => {
        if (device.kind !== 'locker-bus') return [];
        const transport = this.#transport(device);
        const bus = busFor(device, transport, clock, idlePolling);
        const addresses = device.boards.map((board) => board.address);
        this.#manage(device, bus, transport, lockerBusHealth(bus, addresses), async () => {
          for (const address of addresses) await bus.status(address);
        });
        return [[device.id, { config: device, bus }] as const];
      }),
    );

    this.documentScanner = devices.find((device): device is DocumentScannerConfig => device.kind === 'document-scanner') ?? null;
    const documentScanner = this.documentScanner;
    if (documentScanner === null) this.sheetScanner = null;
    else if (documentScanner.connection.type === 'camera') {
      this.sheetScanner = null;
      this.#manage(documentScanner, null, null, unobservedHealth);
    } else {
      const { device, source, options } = documentScanner.connection;
      const watched = sheetScannerHealth(new SaneSheetScanner({ device, source, options, clock }), () => this.#watchOf(documentScanner.id)?.seen());
      this.sheetScanner = watched.scanner;
      this.#manage(documentScanner, null, null, watched.source, () => watched.scanner.checkPresence());
    }
  }

  /** The devices as configured. */
  get configs(): readonly DeviceConfig[] {
    return this.#configs;
  }

  /** How the device is wired, as configured; null for a device the terminal does not have. */
  connection(id: string): DeviceConfig['connection'] | null {
    return this.#configs.find((device) => device.id === id)?.connection ?? null;
  }

  /** Whether the device's connection is open now (a device without one: whether it is started). */
  connected(id: string): boolean {
    return this.#watchOf(id)?.connected ?? false;
  }

  /** Every device's health: the reader, the printer, the scanners, the cabinets, the document scanner. */
  health(): DeviceHealth[] {
    return this.#board.list();
  }

  healthOf(id: string): DeviceHealth | null {
    return this.#board.get(id);
  }

  /** Calls `listener` whenever a device's state or reason changes; returns the function that stops it. */
  onHealth(listener: DeviceHealthListener): () => void {
    return this.#board.onChange(listener);
  }

  /** Starts every device. Never throws: a device that cannot start is offline, with the reason, on the board. */
  async start(): Promise<void> {
    const starting = new Set<Startable>();
    for (const { driver, watch } of this.#devices) {
      watch.started();
      if (driver === null || starting.has(driver)) continue;
      starting.add(driver);
      try {
        await driver.start();
      } catch (error) {
        watch.failedToStart(error);
      }
    }
  }

  /**
   * Asks every device that can be asked how it is now — the reader's SAM status, the printer's DLE EOT status, every
   * board of every cabinet, the sheet scanner opened through SANE — and gives the health that follows. Nothing is
   * printed, unlocked or scanned. A scanner that only speaks when it reads a code (serial, HID-POS) is as its
   * connection is; a keyboard wedge and the page's camera cannot be asked from here.
   */
  async checkNow(): Promise<DeviceHealth[]> {
    for (const { check, watch } of this.#devices) {
      if (check !== null && watch.connected) await check();
    }
    return this.health();
  }

  /** Stops every device and lets go of its connection. Never throws: a device that fails to stop says so on the board. */
  async stop(): Promise<void> {
    // A driver shared by several configs (the keyboard wedge) is stopped once; its error, if any, told for each.
    const stopped = new Map<Startable, { error: unknown } | null>();
    for (const { driver, watch } of this.#devices) {
      if (driver !== null && !stopped.has(driver)) {
        stopped.set(driver, await driver.stop().then(() => null, (error: unknown) => ({ error })));
      }
      const failure = driver === null ? null : (stopped.get(driver) ?? null);
      if (failure === null) watch.stopped();
      else watch.stopped(failure.error);
    }
  }

  #transport(device: DeviceConfig, hidRole?: 'sam-reader' | 'hid-pos-scanner'): Transport {
    if (device.connection.type === 'keyboard' || device.connection.type === 'camera' || device.connection.type === 'sane') {
      throw new RangeError(`${device.id}: a ${device.connection.type} connection has no transport`);
    }
    return transportFor(device.connection, hidRole, this.#timing);
  }

  #manage(config: DeviceConfig, driver: Startable | null, transport: Transport | null, source: HealthSource, check: (() => Promise<unknown>) | null = null): void {
    this.#board.add(config.id, config.kind);
    const watch = new DeviceWatch({ board: this.#board, device: config.id, transport, source, wallClock: this.#wallClock });
    this.#devices.push({ config, driver, watch, check });
  }

  #watchOf(id: string): DeviceWatch | null {
    return this.#devices.find((device) => device.config.id === id)?.watch ?? null;
  }
}

const busFor = (device: LockerBusConfig, transport: Transport, clock: DriverClock, idlePolling: boolean): LockerBus =>
  new LockerBus({
    transport,
    protocol: device.protocol,
    boards: device.boards.map(({ address, doors }) => ({ address, doors })),
    feedback: device.feedback,
    ...(device.statusByteOrder === undefined ? {} : { statusByteOrder: device.statusByteOrder }),
    timing: { confirmWindowMs: device.confirmWindowMs, pollIntervalMs: idlePolling ? device.pollIntervalMs : 0, doorLeftOpenMs: device.doorLeftOpenSeconds * 1000 },
    clock,
  });
