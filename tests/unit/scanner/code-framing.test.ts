import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCodeContent } from '../../../drivers/scanner/code-content.ts';
import { CodeLineFramer, MAX_CODE_BYTES, type FramerEvent } from '../../../drivers/scanner/code-line-framer.ts';

const codes = (events: FramerEvent[]) => events.flatMap((e) => (e.type === 'code' ? [new TextDecoder().decode(e.bytes)] : []));
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('scanner line framing', () => {
  it.each([
    ['CR', 'ABC\r', ['ABC']],
    ['LF', 'ABC\n', ['ABC']],
    ['CR LF', 'ABC\r\nDEF\r\n', ['ABC', 'DEF']],
    ['spaces inside a code', 'A B  C\r', ['A B  C']],
    ['empty lines', '\r\n\r\nX\r', ['X']],
    ['no terminator yet', 'ABC', []],
  ])('%s', (_name, input, expected) => {
    expect(codes(new CodeLineFramer().push(bytesOf(input)))).toEqual(expected);
  });

  it('does not make an empty code of a CR LF split between two reads', () => {
    const framer = new CodeLineFramer();
    expect(codes(framer.push(bytesOf('ABC\r')))).toEqual(['ABC']);
    expect(codes(framer.push(bytesOf('\nDEF\r')))).toEqual(['DEF']);
  });

  it('splitting a stream at every position gives the same codes', () => {
    const stream = bytesOf('https://zwfw.example.gov.cn/q?case=SH3101\r\n电子社保卡 123\r办件 A B\n');
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new CodeLineFramer();
      expect([...codes(framer.push(stream.subarray(0, cut))), ...codes(framer.push(stream.subarray(cut)))], `cut at ${cut}`).toEqual([
        'https://zwfw.example.gov.cn/q?case=SH3101',
        '电子社保卡 123',
        '办件 A B',
      ]);
    }
  });

  it('any chunking of any codes gives the same codes (property)', () => {
    const code = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 5 }), fc.constantFrom('\r', '\n', '\r\n'), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1 }), (list, end, sizes) => {
        const stream = bytesOf(list.map((c) => `${c}${end}`).join(''));
        const framer = new CodeLineFramer();
        const got: string[] = [];
        for (let at = 0, i = 0; at < stream.length; i++) {
          const size = sizes[i % sizes.length] ?? 1;
          got.push(...codes(framer.push(stream.subarray(at, at + size))));
          at += size;
        }
        expect(got).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a 300-character code whole', () => {
    const long = 'Q'.repeat(150) + '0123456789'.repeat(15);
    expect(codes(new CodeLineFramer().push(bytesOf(`${long}\r`)))).toEqual([long]);
  });

  it('drops a code past the limit and says so, then goes on', () => {
    const framer = new CodeLineFramer();
    const events = framer.push(Uint8Array.from([...new Uint8Array(MAX_CODE_BYTES + 10).fill(0x41), 0x0d, 0x42, 0x0d]));
    expect(events[0]).toEqual({ type: 'too-long', length: MAX_CODE_BYTES + 10 });
    expect(codes(events)).toEqual(['B']);
  });
});

describe('scanned content', () => {
  it('reads UTF-8, falls back to GB18030 when the bytes are not UTF-8, and obeys a configured encoding', () => {
    expect(decodeCodeContent(bytesOf('京A12345 电子证照'))).toEqual({ text: '京A12345 电子证照', encoding: 'utf-8' });
    const gb = Uint8Array.from(iconv.encode('受理编号SH3101', 'gb18030'));
    expect(decodeCodeContent(gb)).toEqual({ text: '受理编号SH3101', encoding: 'gb18030' });
    expect(decodeCodeContent(gb, 'gb18030').text).toBe('受理编号SH3101');
    expect(decodeCodeContent(bytesOf('ABC'), 'gb18030').text).toBe('ABC');
  });
});
