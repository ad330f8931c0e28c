import type { Align, CutKind, QrErrorCorrection } from './escpos-encoder.ts';
import { decodePrinterText } from './printer-text.ts';

/**
 * Reads ESC/POS back into what a receipt shows: the commands our encoder writes (escpos-printing.md §1, §2),
 * in any order, plus the status requests a driver sends between jobs. For tests, the receipt renderer and
 * the printer simulator's captures; a command it does not know is kept as "unknown", a truncated one is an error.
 */
export type ReceiptElement =
  | { type: 'text'; text: string; align: Align; bold: boolean; width: number; height: number }
  | { type: 'qr'; payload: string; moduleSize: number; errorCorrection: QrErrorCorrection; align: Align }
  | { type: 'barcode'; symbology: 'CODE128'; data: string; align: Align }
  | { type: 'image'; widthDots: number; heightDots: number; bits: Uint8Array; align: Align }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; kind: CutKind };

export interface DecodedEscPos {
  elements: ReceiptElement[];
  /** DLE EOT n requests seen (n = 1-4), in order. */
  statusRequests: number[];
  initialisations: number;
  unknown: Array<{ offset: number; bytes: number[] }>;
}

export class EscPosDecodeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'EscPosDecodeError';
    this.offset = offset;
  }
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];
const ECS: Readonly<Record<number, QrErrorCorrection>> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

export const decodeEscPos = (input: Uint8Array): DecodedEscPos => {
  const out: DecodedEscPos = { elements: [], statusRequests: [], initialisations: 0, unknown: [] };
  let align: Align = 'left';
  let bold = false;
  let width = 1;
  let height = 1;
  let text: number[] = [];
  const qr = { moduleSize: 3, errorCorrection: 'L' as QrErrorCorrection, data: null as Uint8Array | null };
  let i = 0;

  const need = (count: number, what: string) => {
    if (i + count > input.length) throw new EscPosDecodeError(`truncated ${what}`, i);
  };
  const byteAt = (at: number) => input[at] ?? 0;
  const flushLine = (force: boolean) => {
    if (text.length === 0 && !force) return;
    out.elements.push({ type: 'text', text: decodePrinterText(Uint8Array.from(text)), align, bold, width, height });
    text = [];
  };

  while (i < input.length) {
    const b = byteAt(i);
    const start = i;
    if (b === 0x0a) {
      flushLine(true);
      i += 1;
    } else if (b === 0x1b) {
      need(2, 'ESC command');
      const c = byteAt(i + 1);
      if (c === 0x40) {
        out.initialisations++;
        align = 'left';
        bold = false;
        width = 1;
        height = 1;
        i += 2;
      } else if (c === 0x32) i += 2;
      else if (c === 0x33 || c === 0x45 || c === 0x61 || c === 0x64 || c === 0x2d || c === 0x21 || c === 0x74 || c === 0x52 || c === 0x4a) {
        need(3, 'ESC command');
        const n = byteAt(i + 2);
        if (c === 0x45) bold = (n & 1) === 1;
        if (c === 0x61) align = ALIGNS[n % 0x30] ?? 'left';
        if (c === 0x64) {
          flushLine(false);
          out.elements.push({ type: 'feed', lines: n });
        }
        i += 3;
      } else if (c === 0x63) {
        need(4, 'ESC c');
        i += 4;
      } else {
        out.unknown.push({ offset: start, bytes: [b, c] });
        i += 2;
      }
    } else if (b === 0x1c) {
      need(2, 'FS command');
      const c = byteAt(i + 1);
      i += c === 0x21 || c === 0x57 ? 3 : c === 0x53 ? 4 : 2;
    } else if (b === 0x10) {
      need(3, 'DLE command');
      if (byteAt(i + 1) === 0x04) out.statusRequests.push(byteAt(i + 2));
      i += 3;
    } else if (b === 0x1d) {
      need(2, 'GS command');
      const c = byteAt(i + 1);
      if (c === 0x21) {
        need(3, 'GS !');
        const n = byteAt(i + 2);
        width = (n >> 4) + 1;
        height = (n & 0x0f) + 1;
        i += 3;
      } else if (c === 0x42 || c === 0x48 || c === 0x68 || c === 0x77 || c === 0x66 || c === 0x61 || c === 0x72) {
        need(3, 'GS command');
        i += 3;
      } else if (c === 0x56) {
        need(3, 'GS V');
        const m = byteAt(i + 2);
        flushLine(false);
        const partial = m === 0x01 || m === 0x31 || m === 0x42;
        out.elements.push({ type: 'cut', kind: partial ? 'partial' : 'full' });
        i += m === 0x41 || m === 0x42 ? 4 : 3;
      } else if (c === 0x28 && byteAt(i + 2) === 0x6b) {
        need(5, 'GS ( k');
        const length = byteAt(i + 3) | (byteAt(i + 4) << 8);
        need(5 + length, 'GS ( k data');
        const body = input.subarray(i + 5, i + 5 + length);
        const [cn, fn, m] = [body[0], body[1], body[2]];
        if (cn === 0x31 && fn === 0x43) qr.moduleSize = m ?? 3;
        else if (cn === 0x31 && fn === 0x45) qr.errorCorrection = ECS[m ?? 0x30] ?? 'L';
        else if (cn === 0x31 && fn === 0x50) qr.data = body.slice(3);
        else if (cn === 0x31 && fn === 0x51) {
          if (qr.data === null) throw new EscPosDecodeError('QR print without stored data', i);
          flushLine(false);
          out.elements.push({ type: 'qr', payload: new TextDecoder().decode(qr.data), moduleSize: qr.moduleSize, errorCorrection: qr.errorCorrection, align });
        }
        i += 5 + length;
      } else if (c === 0x6b) {
        need(4, 'GS k');
        const m = byteAt(i + 2);
        if (m < 65) {
          const end = input.indexOf(0, i + 3);
          if (end < 0) throw new EscPosDecodeError('unterminated barcode', i);
          i = end + 1;
        } else {
          const n = byteAt(i + 3);
          need(4 + n, 'GS k data');
          const data = input.subarray(i + 4, i + 4 + n);
          if (m === 0x49) {
            const textData = new TextDecoder().decode(data).replace(/^\{[ABC]/, '').replaceAll('{{', '{');
            flushLine(false);
            out.elements.push({ type: 'barcode', symbology: 'CODE128', data: textData, align });
          }
          i += 4 + n;
        }
      } else if (c === 0x76 && byteAt(i + 2) === 0x30) {
        need(8, 'GS v 0');
        const bytesPerRow = byteAt(i + 4) | (byteAt(i + 5) << 8);
        const rows = byteAt(i + 6) | (byteAt(i + 7) << 8);
        need(8 + bytesPerRow * rows, 'GS v 0 data');
        flushLine(false);
        out.elements.push({ type: 'image', widthDots: bytesPerRow * 8, heightDots: rows, bits: input.slice(i + 8, i + 8 + bytesPerRow * rows), align });
        i += 8 + bytesPerRow * rows;
      } else {
        out.unknown.push({ offset: start, bytes: [b, c] });
        i += 2;
      }
    } else {
      text.push(b);
      i += 1;
    }
  }
  flushLine(false);
  return out;
};
