import { EventEmitter } from 'node:events';
import { HidTransport, type HidBackend } from '../transport/hid-transport.ts';
import { decodeCodeContent, type CodeEncoding } from './code-content.ts';
import type { Scanner, ScannerEvents } from './scanner.ts';

/** HID Point of Sale: usage page 0x8C (scanners.md §1.3). */
export const HID_POS_USAGE_PAGE = 0x8c;
const SCANNED_DATA_REPORT_ID = 0x02;
/** Data bytes in one report (bytes 2-57 of the Newland FM430 layout). */
const REPORT_DATA_BYTES = 56;
/** A full report may be followed by the rest of a long code; this long a pause ends it. */
const CONTINUATION_WAIT_MS = 50;

export interface HidPosScannerOptions {
  vendorId: number;
  productId: number;
  encoding?: CodeEncoding;
  backend?: HidBackend;
}

/**
 * A scanner in HID-POS mode. Input reports follow the one documented layout (Newland FM430, §1.3): report ID
 * 0x02, the data length, up to 56 data bytes; a longer code comes in several reports. UNCERTAIN for other
 * vendors (Honeywell and Zebra may put an AIM symbology identifier first): check each model's manual.
 */
export class HidPosScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly #transport: HidTransport;
  readonly #encoding: CodeEncoding;
  #parts: number[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(options: HidPosScannerOptions) {
    super();
    this.#encoding = options.encoding ?? 'auto';
    this.#transport = new HidTransport({
      vendorId: options.vendorId,
      productId: options.productId,
      framing: 'raw-reports',
      usagePage: HID_POS_USAGE_PAGE,
      ...(options.backend === undefined ? {} : { backend: options.backend }),
    });
    this.#transport.on('data', (report) => this.#report(report));
    this.#transport.on('state', (state) => this.emit('state', state === 'open'));
  }

  get description(): string {
    return `hid-pos ${this.#transport.description.replace(/^hid /, '')}`;
  }

  get connected(): boolean {
    return this.#transport.state === 'open';
  }

  start(): Promise<void> {
    return this.#transport.open();
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#transport.close();
  }

  #report(report: Uint8Array): void {
    if (report[0] !== SCANNED_DATA_REPORT_ID) return; // attribute and settings reports carry no code
    const length = report[1] ?? 0;
    if (length === 0 || length > REPORT_DATA_BYTES || report.length < 2 + length) {
      this.emit('rejected', `malformed HID-POS report (length ${length})`);
      return;
    }
    this.#parts.push(...report.subarray(2, 2 + length));
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (length === REPORT_DATA_BYTES) this.#timer = setTimeout(() => this.#finish(), CONTINUATION_WAIT_MS);
    else this.#finish();
  }

  #finish(): void {
    this.#timer = null;
    const bytes = Uint8Array.from(this.#parts);
    this.#parts = [];
    if (bytes.length > 0) this.emit('code', { ...decodeCodeContent(bytes, this.#encoding), bytes, source: this.description });
  }
}
