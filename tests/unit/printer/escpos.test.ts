import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecodeError } from '../../../drivers/printer/escpos-decoder.ts';
import { EscPosJob, realtimeStatusRequest } from '../../../drivers/printer/escpos-encoder.ts';
import { encodePrinterText, textColumns } from '../../../drivers/printer/printer-text.ts';
import { labelValueLines, PAPER, wrapText } from '../../../drivers/printer/receipt-layout.ts';
import { hex } from '../../support/idcard-fixtures.ts';

describe('GB18030 text for Chinese-mode printers (§1.1)', () => {
  it.each([
    ['受理回执', 'CA DC C0 ED BB D8 D6 B4'],
    ['业务编号', 'D2 B5 CE F1 B1 E0 BA C5'],
    ['：', 'A3 BA'],
    ['￥', 'A3 A4'],
    ['A1', '41 31'],
  ])('%s → %s', (text, bytes) => {
    expect(hex(encodePrinterText(text))).toBe(bytes);
  });

  it('never sends a 4-byte sequence: ¥ becomes the full-width ￥, what has no equivalent becomes ?', () => {
    expect(hex(encodePrinterText('¥12'))).toBe('A3 A4 31 32');
    expect(hex(encodePrinterText('😀'))).toBe('3F');
    expect(hex(encodePrinterText('€'))).toBe('A2 E3'); // in GBK: stays itself
  });

  it('counts 汉字 and full-width characters as two columns', () => {
    expect(textColumns('受理回执 No.1')).toBe(13);
    expect(textColumns('￥')).toBe(2);
  });
});

describe('ESC/POS encoder, read back by our decoder', () => {
  it('writes the QR block of the reference byte for byte (§2)', () => {
    const bytes = new EscPosJob().align('center').qr('https://zwfw.example.gov.cn/q?id=202411230001', { moduleSize: 6, errorCorrection: 'M' }).bytes();
    expect(hex(bytes)).toBe(
      [
        '1B 61 01',
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 06',
        '1D 28 6B 03 00 31 45 31',
        '1D 28 6B 30 00 31 50 30 68 74 74 70 73 3A 2F 2F 7A 77 66 77 2E 65 78 61 6D 70 6C 65 2E 67 6F 76 2E 63 6E 2F 71 3F 69 64 3D 32 30 32 34 31 31 32 33 30 30 30 31',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('decodes text with its style, the QR payload, a barcode, an image and the cut', () => {
    const job = new EscPosJob()
      .initialise()
      .disableFeedButton()
      .chineseMode(true)
      .align('center')
      .size(2, 2)
      .bold(true)
      .line('受理回执')
      .size(1, 1)
      .bold(false)
      .align('left')
      .line('业务编号：202411230001')
      .line('金额：¥0.00')
      .align('center')
      .qr('https://zwfw.example.gov.cn/q?id=202411230001')
      .barcode128('AB{12')
      .raster({ widthDots: 16, heightDots: 2, bits: Uint8Array.of(0xff, 0x00, 0x0f, 0xf0) })
      .feed(3)
      .cut('partial');
    const decoded = decodeEscPos(job.bytes());
    expect(decoded.initialisations).toBe(1);
    expect(decoded.unknown).toEqual([]);
    expect(decoded.elements).toEqual([
      { type: 'text', text: '受理回执', align: 'center', bold: true, width: 2, height: 2 },
      { type: 'text', text: '业务编号：202411230001', align: 'left', bold: false, width: 1, height: 1 },
      { type: 'text', text: '金额：￥0.00', align: 'left', bold: false, width: 1, height: 1 },
      { type: 'qr', payload: 'https://zwfw.example.gov.cn/q?id=202411230001', moduleSize: 6, errorCorrection: 'M', align: 'center' },
      { type: 'barcode', symbology: 'CODE128', data: 'AB{12', align: 'center' },
      { type: 'image', widthDots: 16, heightDots: 2, bits: Uint8Array.of(0xff, 0x00, 0x0f, 0xf0), align: 'center' },
      { type: 'feed', lines: 3 },
      { type: 'cut', kind: 'partial' },
    ]);
  });

  it('the feed-and-cut bytes are GS V 66 0 (partial) and GS V 65 0 (full)', () => {
    expect(hex(new EscPosJob().cut('partial').bytes())).toBe('1D 56 42 00');
    expect(hex(new EscPosJob().cut('full').bytes())).toBe('1D 56 41 00');
  });

  it('sees status requests between jobs, and refuses truncated commands with a typed error', () => {
    expect(decodeEscPos(Uint8Array.from([...realtimeStatusRequest(1), ...realtimeStatusRequest(4)])).statusRequests).toEqual([1, 4]);
    const job = new EscPosJob().qr('x').bytes();
    expect(() => decodeEscPos(job.slice(0, -3))).toThrow(EscPosDecodeError);
  });

  it('refuses what a printer cannot print', () => {
    expect(() => new EscPosJob().qr('')).toThrow(RangeError);
    expect(() => new EscPosJob().barcode128('受理')).toThrow(RangeError);
    expect(() => new EscPosJob().raster({ widthDots: 12, heightDots: 1, bits: Uint8Array.of(0, 0) })).toThrow(RangeError);
  });
});

describe('paper layout (§1.1)', () => {
  it('wraps Chinese by characters and Latin by words', () => {
    expect(wrapText('北京市东城区示例路1号政务服务中心一楼大厅', 16)).toEqual(['北京市东城区示例', '路1号政务服务中', '心一楼大厅']);
    expect(wrapText('Please keep this receipt safe', 16)).toEqual(['Please keep this', 'receipt safe']);
    expect(wrapText('', 16)).toEqual(['']);
  });

  it('puts a label and its value on one line when they fit, else value under label', () => {
    expect(labelValueLines('办件编号', '202411230001', 32)).toEqual([`办件编号${' '.repeat(12)}202411230001`]);
    expect(labelValueLines('事项名称', '居民身份证换领（到期换领）及户口迁移登记一件事', 32)).toEqual([
      '事项名称',
      '  居民身份证换领（到期换领）及户',
      '  口迁移登记一件事',
    ]);
  });

  const text = fc.array(fc.oneof(fc.constantFrom('受', '理', '回', '执', '：', '￥', '¥', '😀', ' ', '-'), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(''));

  it('never exceeds the paper width for any mix of CJK and Latin text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(PAPER['58mm'].columns, PAPER['80mm'].columns, 16, 2), (value, columns) => {
        for (const line of wrapText(value, columns)) expect(textColumns(line)).toBeLessThanOrEqual(columns);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every character: wrapping loses only the spaces at the breaks', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(wrapText(value, 16).join('').replaceAll(' ', '')).toBe(value.replace(/[\r\n\t]/g, ' ').replaceAll(' ', ''));
      }),
      { numRuns: 300 },
    );
  });

  it('label/value rows never exceed the width either', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(32, 48), (label, value, columns) => {
        for (const line of labelValueLines(label, value, columns)) expect(textColumns(line)).toBeLessThanOrEqual(columns);
      }),
      { numRuns: 300 },
    );
  });
});
