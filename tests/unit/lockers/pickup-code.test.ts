import { describe, expect, it } from 'vitest';
import { pickupCodeFromScan } from '../../../main/lockers/pickup-code.ts';

/** A pickup code typed, or read by a scanner from the SMS link's QR. */
describe('pickup code from a scan', () => {
  it('takes the digits alone, or the code a link carries', () => {
    expect(pickupCodeFromScan(' 123456\r\n')).toBe('123456');
    expect(pickupCodeFromScan('12345678')).toBe('12345678');
    expect(pickupCodeFromScan('https://zwfw.example.gov.cn/locker?pickupCode=654321')).toBe('654321');
    expect(pickupCodeFromScan('https://zwfw.example.gov.cn/locker?case=SH1&code=000123')).toBe('000123');
  });

  it('finds nothing in anything else', () => {
    for (const text of ['12345', '123456789', 'abc123456', 'https://zwfw.example.gov.cn/q?case=SH310115202611230001', 'https://x/?code=12ab56', '']) expect(pickupCodeFromScan(text)).toBeNull();
  });
});
