import { encodePrinterText } from './printer-text.ts';

/** ESC/POS bytes for a receipt, built command by command (escpos-printing.md §1, §2, §6). Pure: no I/O. */
export type Align = 'left' | 'center' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type CutKind = 'partial' | 'full';

export interface QrOptions {
  /** Dots per module, 1-16 (printers differ; 6 suits 80 mm receipts). */
  moduleSize?: number;
  errorCorrection?: QrErrorCorrection;
}

export interface RasterImage {
  /** Width in dots; a multiple of 8. */
  widthDots: number;
  heightDots: number;
  /** Row-major, 1 = black, most significant bit the left-most dot: widthDots / 8 bytes per row. */
  bits: Uint8Array;
}

const ALIGN: Readonly<Record<Align, number>> = { left: 0, center: 1, right: 2 };
const EC: Readonly<Record<QrErrorCorrection, number>> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** fn 180's limit is 7092 bytes of data (§2); we refuse long before a phone could scan it. */
export const MAX_QR_BYTES = 2000;

export class EscPosJob {
  readonly #chunks: number[] = [];

  #push(...bytes: number[]): this {
    for (const byte of bytes) this.#chunks.push(byte & 0xff);
    return this;
  }

  #pushBytes(bytes: Uint8Array): this {
    for (const byte of bytes) this.#chunks.push(byte);
    return this;
  }

  /** ESC @: clear the buffer and the modes; every job starts with it. */
  initialise(): this {
    return this.#push(0x1b, 0x40);
  }

  /** ESC c 5 1: the FEED button does nothing (a kiosk's paper is not for passers-by). */
  disableFeedButton(): this {
    return this.#push(0x1b, 0x63, 0x35, 0x01);
  }

  /** FS & / FS .: 2-byte GB text on or off (Chinese models start with it on). */
  chineseMode(on: boolean): this {
    return on ? this.#push(0x1c, 0x26) : this.#push(0x1c, 0x2e);
  }

  /** ESC a n: takes effect at the start of a line. */
  align(align: Align): this {
    return this.#push(0x1b, 0x61, ALIGN[align]);
  }

  /** ESC E n. */
  bold(on: boolean): this {
    return this.#push(0x1b, 0x45, on ? 1 : 0);
  }

  /** GS ! n: width and height multipliers 1-8, for 汉字 and ASCII alike. */
  size(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, Math.round(width)));
    const h = Math.min(8, Math.max(1, Math.round(height)));
    return this.#push(0x1d, 0x21, ((w - 1) << 4) | (h - 1));
  }

  /** ESC 3 n: line spacing in dots; ESC 2 (default) when omitted. */
  lineSpacing(dots?: number): this {
    return dots === undefined ? this.#push(0x1b, 0x32) : this.#push(0x1b, 0x33, Math.min(255, Math.max(0, dots)));
  }

  /** Text without a line end (GB18030, GBK-safe). */
  text(text: string): this {
    return this.#pushBytes(encodePrinterText(text));
  }

  /** Text and LF. */
  line(text = ''): this {
    return this.text(text).#push(0x0a);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines: number): this {
    return this.#push(0x1b, 0x64, Math.min(255, Math.max(0, lines)));
  }

  /** GS ( k, cn 49: model 2, module size, error correction, store, print (§2). Payload should be ASCII. */
  qr(payload: string, options: QrOptions = {}): this {
    const data = new TextEncoder().encode(payload);
    if (data.length === 0 || data.length > MAX_QR_BYTES) throw new RangeError(`QR payload of ${data.length} bytes`);
    const moduleSize = Math.min(16, Math.max(1, options.moduleSize ?? 6));
    const stored = data.length + 3;
    this.#push(0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    this.#push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize);
    this.#push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, EC[options.errorCorrection ?? 'M']);
    this.#push(0x1d, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30).#pushBytes(data);
    return this.#push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /** GS k 73: CODE128, code set B, with HRI below (GS H 2) and height h dots. Printable ASCII only. */
  barcode128(data: string, heightDots = 80): this {
    if (!/^[\x20-\x7e]{1,250}$/.test(data)) throw new RangeError('CODE128 data must be 1-250 printable ASCII characters');
    const escaped = data.replaceAll('{', '{{');
    const bytes = [0x7b, 0x42, ...new TextEncoder().encode(escaped)];
    return this.#push(0x1d, 0x48, 0x02, 0x1d, 0x68, Math.min(255, heightDots), 0x1d, 0x6b, 0x49, bytes.length, ...bytes);
  }

  /** GS v 0: a 1-bit raster image (a logo). */
  raster(image: RasterImage): this {
    if (image.widthDots % 8 !== 0) throw new RangeError('raster width must be a multiple of 8 dots');
    const bytesPerRow = image.widthDots / 8;
    if (image.bits.length !== bytesPerRow * image.heightDots) throw new RangeError('raster bits do not match its size');
    return this.#push(0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, image.heightDots & 0xff, image.heightDots >> 8).#pushBytes(
      image.bits,
    );
  }

  /** GS V 66 0 (partial) / GS V 65 0 (full): feed to the cutter and cut (§1). */
  cut(kind: CutKind = 'partial'): this {
    return this.#push(0x1d, 0x56, kind === 'partial' ? 0x42 : 0x41, 0x00);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }
}

/** DLE EOT n: the four real-time status requests (§3). */
export const realtimeStatusRequest = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);
/** DLE ENQ 2: recover from a recoverable error and clear the buffers (after a cutter jam is cleared). */
export const recoverAndClear = (): Uint8Array => Uint8Array.of(0x10, 0x05, 0x02);
/** GS a n: Automatic Status Back for online, error and paper changes. */
export const enableAutomaticStatusBack = (): Uint8Array => Uint8Array.of(0x1d, 0x61, 0x0e);
