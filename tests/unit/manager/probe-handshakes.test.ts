import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeGeneric8aReply } from '../../../drivers/locker/generic-8a-replies.ts';
import { encodeKerongCu16Reply } from '../../../drivers/locker/kerong-cu16-replies.ts';
import { encodeKerongCu48Reply } from '../../../drivers/locker/kerong-cu48-replies.ts';
import { LOCKER_PROTOCOL_NAMES } from '../../../drivers/locker/board-protocols.ts';
import { boardStatusHandshake, printerStatusHandshake, samStatusHandshake, type Handshake, type ReplyVerdict } from '../../../drivers/manager/probe/handshakes.ts';
import { encodeStatusFrame } from '../../../drivers/simulators/id-card-encoder.ts';
import { hex } from '../../support/hex.ts';

/** What a handshake makes of replies arriving in the given chunks, then a quiet line. */
const verdicts = (handshake: Handshake, chunks: readonly Uint8Array[]): ReplyVerdict[] => {
  const recogniser = handshake.recogniser();
  return [...chunks.map((chunk) => recogniser.take(chunk)), recogniser.quiet()];
};

describe('the probe\'s handshakes', () => {
  it('ask with each protocol\'s own status request, never anything that unlocks or prints', () => {
    expect(hex(printerStatusHandshake().request)).toBe('10 04 01');
    expect(hex(samStatusHandshake().request)).toBe('AA AA AA 96 69 00 03 11 FF ED');
    expect(hex(boardStatusHandshake('generic-8a', 1).request)).toBe('80 01 00 33 B2');
    expect(hex(boardStatusHandshake('kerong-cu48', 0).request)).toBe('02 00 00 50 03 55');
    expect(hex(boardStatusHandshake('kerong-cu16', 0).request)).toBe('02 00 30 03 35');
  });

  it('take a DLE EOT reply byte as a printer, and an echo of the request as not one', () => {
    expect(verdicts(printerStatusHandshake(), [Uint8Array.of(0x16)])[0]).toBe('answered');
    expect(verdicts(printerStatusHandshake(), [Uint8Array.of(0x1e)])[0]).toBe('answered');
    expect(verdicts(printerStatusHandshake(), [Uint8Array.of(0x10, 0x04, 0x01)])[0]).toBe('not-this');
    expect(verdicts(printerStatusHandshake(), [Uint8Array.of(0xaa)])[0]).toBe('not-this');
  });

  it('take a whole SAM frame, split and after vendor noise, as a reader, whatever its SW3', () => {
    const frame = encodeStatusFrame(0x90);
    expect(verdicts(samStatusHandshake(), [Uint8Array.of(0x02, 0x00, 0x03), frame.subarray(0, 6), frame.subarray(6)])).toEqual(['waiting', 'waiting', 'answered', 'waiting']);
    expect(verdicts(samStatusHandshake(), [encodeStatusFrame(0x60)])[0]).toBe('answered');
    const corrupt = encodeStatusFrame(0x90);
    corrupt[corrupt.length - 1] = (corrupt.at(-1) ?? 0) ^ 0xff;
    expect(verdicts(samStatusHandshake(), [corrupt])).toEqual(['waiting', 'waiting']);
  });

  it('take only the asked board\'s reply as an answer', () => {
    const cu16 = (board: number) => encodeKerongCu16Reply({ kind: 'status', board, hooks: [0, 0], infrared: [0, 0] });
    expect(verdicts(boardStatusHandshake('kerong-cu16', 2), [cu16(2)])[0]).toBe('answered');
    expect(verdicts(boardStatusHandshake('kerong-cu16', 2), [cu16(3)])).toEqual(['waiting', 'waiting']);
    const cu48 = encodeKerongCu48Reply({ kind: 'status', board: 4, hooks: [0, 0, 0, 0, 0, 0] });
    expect(verdicts(boardStatusHandshake('kerong-cu48', 4), [cu48.subarray(0, 5), cu48.subarray(5)])).toEqual(['waiting', 'answered', 'waiting']);
    // The read-all reply's length is open: it is complete once the line goes quiet (§1.5).
    const generic = encodeGeneric8aReply({ kind: 'board-status', board: 1, statusBytes: [0, 0, 0] });
    expect(verdicts(boardStatusHandshake('generic-8a', 1), [generic]).at(-1)).toBe('answered');
    expect(verdicts(boardStatusHandshake('generic-8a', 2), [generic])).toEqual(['waiting', 'waiting']);
  });

  it('never throw on any bytes, in any chunks, and answer only with a verdict', () => {
    const handshakes = [printerStatusHandshake(), samStatusHandshake(), ...LOCKER_PROTOCOL_NAMES.map((protocol) => boardStatusHandshake(protocol, 1))];
    fc.assert(
      fc.property(fc.constantFrom(...handshakes), fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (handshake, chunks) => {
        for (const verdict of verdicts(handshake, chunks)) expect(['answered', 'not-this', 'waiting']).toContain(verdict);
      }),
    );
  });
});
