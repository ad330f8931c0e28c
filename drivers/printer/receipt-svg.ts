import QRCode from 'qrcode';
import type { DecodedEscPos, ReceiptElement } from './escpos-decoder.ts';
import { textColumns } from './printer-text.ts';

/**
 * A picture of printed ESC/POS, as SVG: what the paper would show, for the README, for tests that look at
 * receipts, and for a screen that shows a receipt when the printer cannot. Geometry follows the printer:
 * 8 dots per mm, Font A 12 × 24 dots (a 汉字 24 × 24), QR modules of `moduleSize` dots.
 */
const DOT = 1;
const CELL_WIDTH = 12 * DOT;
const LINE_HEIGHT = 30 * DOT;
const MARGIN = 16 * DOT;

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const xFor = (align: 'left' | 'center' | 'right', width: number, paperDots: number) =>
  align === 'left' ? MARGIN : align === 'right' ? MARGIN + paperDots - width : MARGIN + (paperDots - width) / 2;

export interface ReceiptSvgOptions {
  /** The printable width in dots: 576 on 80 mm, 384 on 58 mm. */
  paperDots: number;
  fontFamily?: string;
}

export const renderReceiptSvg = (decoded: DecodedEscPos, options: ReceiptSvgOptions): string => {
  const { paperDots } = options;
  const font = options.fontFamily ?? '"Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace';
  const parts: string[] = [];
  let y = MARGIN;

  const draw: { [K in ReceiptElement['type']]: (element: Extract<ReceiptElement, { type: K }>) => void } = {
    text: (element) => {
      const height = LINE_HEIGHT * element.height;
      const width = textColumns(element.text) * CELL_WIDTH * element.width;
      const x = xFor(element.align, Math.min(width, paperDots), paperDots);
      // Each run of characters sits at its own column, as on the printer: spaces are columns, not glyphs.
      let column = 0;
      for (const run of element.text.match(/ +|[^ ]+/g) ?? []) {
        const runWidth = textColumns(run) * CELL_WIDTH * element.width;
        if (!run.startsWith(' ')) {
          parts.push(
            `<text x="${x + column * CELL_WIDTH * element.width}" y="${y + 24 * element.height}" font-size="${24 * element.height}" textLength="${runWidth}" lengthAdjust="spacingAndGlyphs"${element.bold ? ' font-weight="bold"' : ''}>${escape(run)}</text>`,
          );
        }
        column += textColumns(run);
      }
      y += height;
    },
    qr: (element) => {
      const qr = QRCode.create(element.payload, { errorCorrectionLevel: element.errorCorrection });
      const size = qr.modules.size;
      const module = element.moduleSize * DOT;
      const x0 = xFor(element.align, size * module, paperDots);
      const cells: string[] = [];
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) {
          if (qr.modules.get(row, col)) cells.push(`M${x0 + col * module} ${y + row * module}h${module}v${module}h-${module}z`);
        }
      }
      parts.push(`<path d="${cells.join('')}" fill="#000"/>`);
      y += size * module + 8 * DOT;
    },
    barcode: (element) => {
      // CODE128 bars are not drawn; the box and its human-readable text stand for them.
      const width = Math.min(paperDots, 320 * DOT);
      const x = xFor(element.align, width, paperDots);
      parts.push(`<rect x="${x}" y="${y}" width="${width}" height="${60 * DOT}" fill="url(#bars)" stroke="#000"/>`);
      parts.push(`<text x="${x + width / 2}" y="${y + 84 * DOT}" font-size="20" text-anchor="middle">${escape(element.data)}</text>`);
      y += 96 * DOT;
    },
    image: (element) => {
      const x0 = xFor(element.align, element.widthDots, paperDots);
      const bytesPerRow = element.widthDots / 8;
      const cells: string[] = [];
      for (let row = 0; row < element.heightDots; row++) {
        for (let col = 0; col < element.widthDots; col++) {
          if (((element.bits[row * bytesPerRow + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) !== 0) cells.push(`M${x0 + col} ${y + row}h1v1h-1z`);
        }
      }
      parts.push(`<path d="${cells.join('')}" fill="#000"/>`);
      y += element.heightDots * DOT + 8 * DOT;
    },
    feed: (element) => {
      y += element.lines * LINE_HEIGHT;
    },
    cut: (element) => {
      parts.push(`<line x1="0" y1="${y}" x2="${paperDots + 2 * MARGIN}" y2="${y}" stroke="#888" stroke-dasharray="${element.kind === 'partial' ? '8 6' : '2 4'}"/>`);
      y += 16 * DOT;
    },
  };
  for (const element of decoded.elements) (draw[element.type] as (e: ReceiptElement) => void)(element);

  const width = paperDots + 2 * MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + MARGIN}" viewBox="0 0 ${width} ${y + MARGIN}" font-family='${font}'>`,
    '<defs><pattern id="bars" width="6" height="10" patternUnits="userSpaceOnUse"><rect width="3" height="10" fill="#000"/></pattern></defs>',
    `<rect width="${width}" height="${y + MARGIN}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
};
