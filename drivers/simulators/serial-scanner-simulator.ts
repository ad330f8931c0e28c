import iconv from 'iconv-lite';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';

export interface ScanOptions {
  /** What ends the code: CR (most scanners' default), LF, or CR LF. */
  terminator?: 'cr' | 'lf' | 'crlf';
  /** How the content is encoded: UTF-8 (phones) or GB18030 (legacy systems). */
  encoding?: 'utf-8' | 'gb18030';
  /** Write in pieces of this many bytes, with a pause between them (0: at once). */
  chunkSize?: number;
  chunkGapMs?: number;
}

const TERMINATORS = { cr: [0x0d], lf: [0x0a], crlf: [0x0d, 0x0a] } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A QR/barcode scanner on a serial line (a pty): each scan writes the code's bytes and a terminator. */
export class SerialScannerSimulator {
  readonly #transport: Transport;

  private constructor(transport: Transport) {
    this.#transport = transport;
  }

  static async start(path: string): Promise<SerialScannerSimulator> {
    const transport = new SerialTransport({ path, baudRate: 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 });
    await transport.open();
    return new SerialScannerSimulator(transport);
  }

  async scan(code: string, options: ScanOptions = {}): Promise<void> {
    const content = options.encoding === 'gb18030' ? Uint8Array.from(iconv.encode(code, 'gb18030')) : new TextEncoder().encode(code);
    const bytes = Uint8Array.from([...content, ...TERMINATORS[options.terminator ?? 'cr']]);
    const size = options.chunkSize !== undefined && options.chunkSize > 0 ? options.chunkSize : bytes.length;
    for (let at = 0; at < bytes.length; at += size) {
      await this.#transport.write(bytes.subarray(at, at + size));
      if (options.chunkGapMs !== undefined && at + size < bytes.length) await sleep(options.chunkGapMs);
    }
  }

  stop(): Promise<void> {
    return this.#transport.close();
  }
}
