import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHidPosReport, HID_POS_REPORT_DATA_BYTES } from '../../../drivers/scanner/hid-pos-report.ts';

/** A Newland-style input report as the scanner sends it: 63 bytes, ID 0x02, length, data, zero padding. */
const reportOf = (data: Uint8Array, reportId = 0x02, length = data.length): Uint8Array => {
  const report = new Uint8Array(63);
  report[0] = reportId;
  report[1] = length;
  report.set(data, 2);
  return report;
};

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('HID-POS input report', () => {
  it('gives the data bytes of a scanned-data report, and no more to come when it is not full', () => {
    const decoded = decodeHidPosReport(reportOf(bytesOf('SH310115202611230001')));
    expect(decoded).toEqual({ kind: 'scanned-data', bytes: bytesOf('SH310115202611230001'), more: false });
  });

  it('says more may follow after a full report (a long code in several reports)', () => {
    const full = bytesOf('A'.repeat(HID_POS_REPORT_DATA_BYTES));
    expect(decodeHidPosReport(reportOf(full))).toEqual({ kind: 'scanned-data', bytes: full, more: true });
  });

  it('keeps a multi-byte character split across reports as bytes (the scanner joins them)', () => {
    const text = bytesOf('电'.repeat(19)); // 57 bytes: the last character's third byte is in the next report
    const first = decodeHidPosReport(reportOf(text.subarray(0, 56)));
    const second = decodeHidPosReport(reportOf(text.subarray(56)));
    if (first.kind !== 'scanned-data' || second.kind !== 'scanned-data') throw new Error('expected scanned data');
    expect(new TextDecoder().decode(Uint8Array.from([...first.bytes, ...second.bytes]))).toBe('电'.repeat(19));
  });

  it('passes over attribute and settings reports', () => {
    expect(decodeHidPosReport(reportOf(bytesOf('x'), 0x04))).toEqual({ kind: 'other', reportId: 0x04 });
  });

  it.each([
    ['an empty report', new Uint8Array(0), /empty/],
    ['a zero length', reportOf(new Uint8Array(0)), /length 0/],
    ['a length over 56', reportOf(new Uint8Array(0), 0x02, 57), /length 57/],
    ['a report shorter than its length', Uint8Array.of(0x02, 10, 0x41, 0x42), /length 10 in a report of 4 bytes/],
  ])('says what is wrong with %s', (_name, report, reason) => {
    const decoded = decodeHidPosReport(report);
    expect(decoded.kind).toBe('malformed');
    if (decoded.kind === 'malformed') expect(decoded.reason).toMatch(reason);
  });

  it('never throws, and never gives more data bytes than one report carries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (report) => {
        const decoded = decodeHidPosReport(report);
        if (decoded.kind === 'scanned-data') {
          expect(decoded.bytes.length).toBeGreaterThan(0);
          expect(decoded.bytes.length).toBeLessThanOrEqual(HID_POS_REPORT_DATA_BYTES);
        }
      }),
    );
  });
});
