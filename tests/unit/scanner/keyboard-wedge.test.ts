import { describe, expect, it } from 'vitest';
import { KeyboardWedgeScanner } from '../../../drivers/scanner/keyboard-wedge-scanner.ts';
import { KeyboardWedgeDetector } from '../../../renderer/scan/keyboard-wedge-detector.ts';

const type = (detector: KeyboardWedgeDetector, text: string, start: number, gapMs: number) => {
  let t = start;
  const results: Array<string | null> = [];
  for (const key of [...text, 'Enter']) {
    results.push(detector.key(key, t));
    t += gapMs;
  }
  return results.at(-1);
};

describe('keyboard wedge detection', () => {
  it('recognises a fast burst ended by Enter as a code', () => {
    expect(type(new KeyboardWedgeDetector(), 'SH310115202611230001', 1000, 8)).toBe('SH310115202611230001');
  });

  it('leaves a person typing alone', () => {
    expect(type(new KeyboardWedgeDetector(), '123456', 1000, 180)).toBeNull();
  });

  it('does not count a person typing slowly before a scan', () => {
    const detector = new KeyboardWedgeDetector();
    detector.key('1', 0);
    detector.key('2', 300);
    expect(type(detector, 'ABCDEF', 800, 10)).toBe('ABCDEF');
  });

  it('keeps a scan whole through one hiccup in the middle (a busy page pausing 150 ms)', () => {
    const detector = new KeyboardWedgeDetector();
    const code = 'https://zwfw.example.gov.cn/q?case=SH310115202611180007';
    let t = 0;
    let result: string | null = null;
    for (const [i, key] of [...code, 'Enter'].entries()) {
      result = detector.key(key, t);
      t += i === 20 ? 150 : 8;
    }
    expect(result).toBe(code);
  });

  it('a person typing a few keys quickly and pausing is still a person', () => {
    expect(type(new KeyboardWedgeDetector(), 'SH31', 0, 60)).toBeNull();
  });

  it('ignores bursts too short to be a code, and Enter alone', () => {
    expect(type(new KeyboardWedgeDetector(), 'AB', 0, 5)).toBeNull();
    expect(new KeyboardWedgeDetector().key('Enter', 10)).toBeNull();
  });

  it('the host-side wedge scanner turns the text into a code like any other scanner', () => {
    const scanner = new KeyboardWedgeScanner();
    const codes: string[] = [];
    const rejected: string[] = [];
    scanner.on('code', (code) => codes.push(`${code.source}: ${code.text}`));
    scanner.on('rejected', (reason) => rejected.push(reason));
    scanner.feed('SH3101');
    scanner.feed('');
    expect(codes).toEqual(['keyboard wedge: SH3101']);
    expect(rejected).toHaveLength(1);
  });
});

describe('case number from a receipt code', async () => {
  const { caseNumberFromCode } = await import('../../../main/cases/receipt-scan.ts');
  const tracking = 'https://zwfw.example.gov.cn/q?case=';
  it.each([
    [`${tracking}SH310115202611180007`, 'SH310115202611180007'],
    ['https://other.gov.cn/track?case=SH3101-0001', 'SH3101-0001'],
    ['SH310115202611180007', 'SH310115202611180007'],
    ['  SH310115202611180007 ', 'SH310115202611180007'],
    ['hello, not a receipt', null],
    ['https://example.com/', null],
    ['12', null],
  ])('%s → %s', (code, expected) => {
    expect(caseNumberFromCode(code, tracking)).toBe(expected);
  });
});
