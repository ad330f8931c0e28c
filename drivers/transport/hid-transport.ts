import { ReconnectingTransport, type Connection, type ConnectionSink, type ReconnectOptions } from './reconnecting-transport.ts';

/** The part of node-hid's HIDAsync device the transport uses (a fake with this surface stands in for tests). */
export interface HidDevice {
  write(data: number[]): Promise<number>;
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** How HID devices are found and opened: node-hid by default. */
export interface HidBackend {
  devices(): Promise<Array<{ vendorId: number; productId: number; path?: string | undefined; usagePage?: number | undefined }>>;
  open(path: string): Promise<HidDevice>;
}

export interface HidTransportOptions extends ReconnectOptions {
  vendorId: number;
  productId: number;
  backend?: HidBackend;
  /** Report id to prefix on writes (0 for devices without numbered reports, as hidraw expects). */
  reportId?: number;
  /** How long to wait for the device's 0xFF "next chunk" acknowledgement. */
  ackTimeoutMs?: number;
  /**
   * length-prefixed-ack: a byte stream in acknowledged 64-byte reports (the SAM reader framing below);
   * raw-reports: each input report is one data chunk and each write is one report (HID-POS scanners).
   */
  framing?: 'length-prefixed-ack' | 'raw-reports';
  /** Pick the device's interface with this usage page (0x8C for HID-POS scanners) when it has several. */
  usagePage?: number;
}

const REPORT_SIZE = 64;
const MAX_PAYLOAD = REPORT_SIZE - 1;
const ACK = 0xff;

export const nodeHidBackend = async (): Promise<HidBackend> => {
  const hid = await import('node-hid');
  // hidraw needs no libusb detach and sees the device as the kernel does; it is the backend on Linux terminals.
  if (process.platform === 'linux') hid.setDriverType('hidraw');
  return {
    devices: () => hid.devicesAsync(),
    open: (path) => hid.HIDAsync.open(path) as Promise<HidDevice>,
  };
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * A HID device carrying a byte stream in 64-byte reports: byte 0 is the payload length (0-63), and a report
 * whose byte 0 is 0xFF acknowledges a chunk ("send the next one"). This is the one framing documented for a
 * SAM reader over HID (idcard-sam-protocol.md §1, the DK reader); it is vendor specific, so other HID readers
 * may need their vendor's document. UNCERTAIN whether the host must acknowledge the device's chunks too: we do.
 */
export class HidTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #options: HidTransportOptions;

  constructor(options: HidTransportOptions) {
    super(options);
    this.#options = options;
    this.description = `hid ${hex4(options.vendorId)}:${hex4(options.productId)}`;
  }

  protected async connect(sink: ConnectionSink): Promise<Connection> {
    const backend = this.#options.backend ?? (await nodeHidBackend());
    const candidates = (await backend.devices()).filter(
      (device) => device.vendorId === this.#options.vendorId && device.productId === this.#options.productId && device.path,
    );
    const info = candidates.find((device) => this.#options.usagePage === undefined || device.usagePage === this.#options.usagePage) ?? candidates[0];
    if (info?.path === undefined) throw new Error(`cannot open ${this.description}: it is not attached`);
    const device = await backend.open(info.path);
    if (this.#options.framing === 'raw-reports') {
      device.on('data', (report: Buffer) => sink.data(Uint8Array.from(report)));
      device.on('error', (error: Error) => sink.lost(error));
      return { write: async (bytes) => void (await device.write([...bytes])), close: () => device.close() };
    }
    const reportPrefix = this.#options.reportId === undefined ? [] : [this.#options.reportId];
    const ackTimeoutMs = this.#options.ackTimeoutMs ?? 500;
    let ackWaiter: (() => void) | null = null;

    const sendReport = (payload: number[]) => {
      const report = new Array<number>(REPORT_SIZE).fill(0);
      payload.forEach((byte, i) => (report[i] = byte));
      return device.write([...reportPrefix, ...report]);
    };

    device.on('data', (report: Buffer) => {
      const length = report[0] ?? 0;
      if (length === ACK) {
        ackWaiter?.();
        return;
      }
      if (length > MAX_PAYLOAD) return; // not our framing: ignore
      sink.data(Uint8Array.from(report.subarray(1, 1 + length)));
      void sendReport([ACK]).catch((error: unknown) => sink.lost(error as Error));
    });
    device.on('error', (error: Error) => sink.lost(error));

    return {
      write: async (bytes) => {
        for (let at = 0; at < bytes.length; at += MAX_PAYLOAD) {
          const chunk = bytes.subarray(at, at + MAX_PAYLOAD);
          const acknowledged = at + MAX_PAYLOAD < bytes.length
            ? new Promise<void>((resolve, reject) => {
                const timer = setTimeout(() => {
                  ackWaiter = null;
                  reject(new Error(`${this.description} did not acknowledge a chunk within ${ackTimeoutMs} ms`));
                }, ackTimeoutMs);
                ackWaiter = () => {
                  clearTimeout(timer);
                  ackWaiter = null;
                  resolve();
                };
              })
            : null;
          await sendReport([chunk.length, ...chunk]);
          await acknowledged;
        }
      },
      close: () => device.close(),
    };
  }
}
