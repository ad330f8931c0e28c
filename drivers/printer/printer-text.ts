import iconv from 'iconv-lite';

/**
 * Text for a Chinese-mode printer: GB18030 bytes, but only the 1- and 2-byte (GBK) part of it, because
 * GBK-only firmware prints 4-byte sequences as random 汉字 (escpos-printing.md §1.1). Characters outside GBK
 * become a printable equivalent (¥ → ￥), or "?" when there is none.
 */
const EQUIVALENTS: Readonly<Record<string, string>> = {
  '¥': '￥',
  '€': 'EUR',
  '£': '￡',
  '¢': '￠',
  '™': 'TM',
  '©': '(C)',
  '®': '(R)',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '‐': '-',
  '‑': '-',
  '•': '·',
};

const encodeChar = (char: string): Uint8Array => Uint8Array.from(iconv.encode(char, 'gb18030'));

/** One character as the printer gets it: 1 or 2 bytes, never 4. */
export const printableBytes = (char: string): Uint8Array => {
  const direct = encodeChar(char);
  if (direct.length <= 2) return direct;
  const equivalent = EQUIVALENTS[char];
  if (equivalent !== undefined) return encodePrinterText(equivalent);
  return Uint8Array.of(0x3f);
};

/** A whole string, character by character (code points, so surrogate pairs stay one character). */
export const encodePrinterText = (text: string): Uint8Array => {
  const parts = [...text.replace(/[\r\n\t]/g, ' ')].map(printableBytes);
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** Columns a character takes on the paper: a 1-byte character one, a 2-byte (GB) character two. */
export const columnsOf = (char: string): number => printableBytes(char).length;

export const textColumns = (text: string): number => [...text].reduce((n, char) => n + columnsOf(char), 0);

export const decodePrinterText = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'gb18030');
