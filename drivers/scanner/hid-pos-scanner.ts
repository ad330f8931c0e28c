import { EventEmitter } from 'node:events';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import type { Transport } from '../transport/transport.ts';
import { decodeCodeContent, type CodeEncoding } from './code-content.ts';
import { decodeHidPosReport } from './hid-pos-report.ts';
import type { Scanner, ScannerEvents } from './scanner.ts';

/** A full report may be followed by the rest of a long code; this long a pause ends it. */
const CONTINUATION_WAIT_MS = 50;
/** The longest code a scanner reads (a QR code holds at most 7,089 digits or 2,953 bytes); longer is a faulty device. */
export const MAX_CODE_BYTES = 8192;

export interface HidPosScannerOptions {
  /** The scanner's HID-POS interface, one input report per chunk (HidTransport with raw-reports framing). */
  transport: Transport;
  encoding?: CodeEncoding;
  clock?: DriverClock;
}

/**
 * A scanner in HID-POS mode: input reports decoded by hid-pos-report.ts, the parts of a long code joined until
 * a report that is not full (or a pause), the bytes decoded as text.
 */
export class HidPosScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly #transport: Transport;
  readonly #encoding: CodeEncoding;
  readonly #clock: DriverClock;
  #parts: number[] = [];
  #timer: unknown = null;
  /** A code grew past MAX_CODE_BYTES: its remaining parts are skipped, up to the report that ends it. */
  #dropping = false;

  constructor(options: HidPosScannerOptions) {
    super();
    this.#transport = options.transport;
    this.#encoding = options.encoding ?? 'auto';
    this.#clock = options.clock ?? systemDriverClock;
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
    this.#cancelWait();
    await this.#transport.close();
  }

  #report(raw: Uint8Array): void {
    const report = decodeHidPosReport(raw);
    if (report.kind === 'other') return;
    if (report.kind === 'malformed') {
      this.emit('rejected', report.reason);
      return;
    }
    this.#cancelWait();
    if (!this.#dropping && this.#parts.length + report.bytes.length > MAX_CODE_BYTES) {
      this.#dropping = true;
      this.#parts = [];
      this.emit('rejected', `a code longer than ${MAX_CODE_BYTES} bytes was dropped`);
    }
    if (this.#dropping) {
      if (report.more) this.#timer = this.#clock.setTimeout(() => this.#finish(), CONTINUATION_WAIT_MS);
      else this.#finish();
      return;
    }
    this.#parts.push(...report.bytes);
    if (report.more) this.#timer = this.#clock.setTimeout(() => this.#finish(), CONTINUATION_WAIT_MS);
    else this.#finish();
  }

  #cancelWait(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #finish(): void {
    this.#timer = null;
    this.#dropping = false;
    const bytes = Uint8Array.from(this.#parts);
    this.#parts = [];
    if (bytes.length > 0) this.emit('code', { ...decodeCodeContent(bytes, this.#encoding), bytes, source: this.description });
  }
}
