import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canPrint,
  decodeAutomaticStatusBack,
  decodeRealtimeStatus,
  isAsbFirstByte,
  isRealtimeStatusByte,
} from '../../../drivers/printer/printer-status.ts';

describe('printer status (§3, §4)', () => {
  const ok = { online: true, paper: 'ok', coverOpen: false, cutterError: false } as const;

  it.each([
    ['all well', [0x16, 0x12, 0x12, 0x12], ok],
    ['offline', [0x1e, 0x12, 0x12, 0x12], { ...ok, online: false }],
    ['cover open', [0x1e, 0x16, 0x12, 0x12], { ...ok, online: false, coverOpen: true }],
    ['paper near end', [0x16, 0x12, 0x12, 0x1e], { ...ok, paper: 'near-end' }],
    ['paper out', [0x1e, 0x32, 0x12, 0x72], { ...ok, online: false, paper: 'out' }],
    ['cutter error', [0x1e, 0x52, 0x1a, 0x12], { ...ok, online: false, cutterError: true }],
  ] as const)('DLE EOT: %s', (_name, [a, b, c, d], status) => {
    expect(decodeRealtimeStatus(a, b, c, d)).toEqual(status);
    expect(canPrint(decodeRealtimeStatus(a, b, c, d))).toBe(_name === 'all well' || _name === 'paper near end');
  });

  it.each([
    ['all well', [0x10, 0x00, 0x00, 0x00], ok],
    ['cover open', [0x38, 0x00, 0x00, 0x00], { ...ok, online: false, coverOpen: true }],
    ['cutter error', [0x18, 0x08, 0x00, 0x00], { ...ok, online: false, cutterError: true }],
    ['near end', [0x10, 0x00, 0x03, 0x00], { ...ok, paper: 'near-end' }],
    ['paper end', [0x18, 0x00, 0x0f, 0x00], { ...ok, online: false, paper: 'out' }],
  ] as const)('ASB: %s', (_name, frame, status) => {
    expect(decodeAutomaticStatusBack(frame)).toEqual(status);
  });

  it('tells DLE EOT bytes from ASB bytes by their fixed bits', () => {
    expect(isRealtimeStatusByte(0x12)).toBe(true);
    expect(isRealtimeStatusByte(0x10)).toBe(false);
    expect(isAsbFirstByte(0x10)).toBe(true);
    expect(isAsbFirstByte(0x12)).toBe(false);
  });

  it('decoding is total: every byte combination gives a status, never an exception', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(byte, byte, byte, byte, (a, b, c, d) => {
        for (const status of [decodeRealtimeStatus(a, b, c, d), decodeAutomaticStatusBack([a, b, c, d])]) {
          expect(['ok', 'near-end', 'out']).toContain(status.paper);
          expect(typeof status.online).toBe('boolean');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
