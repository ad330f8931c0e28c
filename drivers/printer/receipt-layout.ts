import { columnsOf, textColumns } from './printer-text.ts';

/**
 * Lines that fit the paper: 汉字 and other 2-byte characters take two columns, ASCII one; a line is never
 * split inside a character, and Latin words move whole to the next line when they can (escpos-printing.md §1.1).
 */
export interface PaperProfile {
  name: '58mm' | '80mm';
  /** Font A (12×24) columns: 32 on 58 mm (384 dots), 48 on 80 mm (576 dots). */
  columns: number;
  dots: number;
}

export const PAPER: Readonly<Record<PaperProfile['name'], PaperProfile>> = {
  '58mm': { name: '58mm', columns: 32, dots: 384 },
  '80mm': { name: '80mm', columns: 48, dots: 576 },
};

const isLatinWordChar = (char: string) => /[A-Za-z0-9@._\-/:]/.test(char);

/** Wraps text to lines of at most `columns` columns. */
export const wrapText = (text: string, columns: number): string[] => {
  if (columns < 2) throw new RangeError('a line needs at least 2 columns (one 汉字)');
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const w = columnsOf(char);
    if (width + w > columns) {
      // Move a Latin word that started on this line to the next one, when it is not the whole line.
      let cut = line.length;
      if (isLatinWordChar(char)) {
        const lineChars = [...line];
        let start = lineChars.length;
        while (start > 0 && isLatinWordChar(lineChars[start - 1] ?? '')) start--;
        if (start > 0 && start < lineChars.length) cut = lineChars.slice(0, start).join('').length;
      }
      const carried = line.slice(cut);
      lines.push(line.slice(0, cut).trimEnd());
      line = carried.trimStart();
      width = textColumns(line);
    }
    if (line === '' && char === ' ') continue;
    line += char;
    width += w;
  }
  if (line !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
};

/**
 * A label and its value: on one line with the value right-aligned when both fit, else the label on its own
 * line and the value wrapped below it, indented by two columns.
 */
export const labelValueLines = (label: string, value: string, columns: number): string[] => {
  const labelWidth = textColumns(label);
  const valueWidth = textColumns(value);
  if (labelWidth + 1 + valueWidth <= columns) return [`${label}${' '.repeat(columns - labelWidth - valueWidth)}${value}`];
  return [...wrapText(label, columns), ...wrapText(value, columns - 2).map((line) => `  ${line}`)];
};

/** A line of dashes across the paper. */
export const rule = (columns: number, char = '-'): string => char.repeat(columns);
