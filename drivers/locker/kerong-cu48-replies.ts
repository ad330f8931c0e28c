import { sum8 } from './frame-checksums.ts';
import { KERONG_CU48 } from './kerong-cu48-commands.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, type LockerProtocolError } from './locker-protocol-error.ts';

/**
 * The CU48's only reply (locker-boards.md §2): `02 ADDR LOCKNUM 65 D1 D2 D3 D4 D5 D6 03 SUM`, 12 bytes, to
 * a status request. LOCKNUM means nothing. D1 bit 0 is lock 1 … D6 bit 7 lock 48; bit 1 = hook locked
 * unless the hook switches are wired the other way (door feedback, §2).
 */
export interface KerongCu48StatusReply {
  kind: 'status';
  board: number;
  /** D1–D6 as sent: the hook bitmaps of locks 1–8 … 41–48. */
  hooks: number[];
}

export const KERONG_CU48_REPLY_LENGTH = 12;

export const kerongCu48ReplyShape: FrameShape = {
  lengthsFor: (first) => (first === KERONG_CU48.stx ? [KERONG_CU48_REPLY_LENGTH] : []),
  fits: (candidate) => candidate[3] === KERONG_CU48.statusReply && candidate[10] === KERONG_CU48.etx,
  checksumOf: (candidate) => sum8(candidate),
};

/** What a board's reply says. Returns an error value for anything else, never throws. */
export const decodeKerongCu48Reply = (raw: Uint8Array): KerongCu48StatusReply | LockerProtocolError => {
  if (raw.length !== KERONG_CU48_REPLY_LENGTH || raw[0] !== KERONG_CU48.stx || !kerongCu48ReplyShape.fits(raw)) {
    return new MalformedFrame(raw, `not a CU48 status reply (${raw.length} bytes starting ${hexByte(raw[0] ?? 0)})`);
  }
  const sum = sum8(raw);
  if (sum !== raw[11]) return new BadChecksum(raw, sum);
  const board = raw[1] ?? 0;
  if (board > KERONG_CU48.maxBoard) return new MalformedFrame(raw, `a CU48 reply from address ${hexByte(board)} (boards are 0x00–0x09)`);
  return { kind: 'status', board, hooks: [...raw.subarray(4, 10)] };
};

/** The frame a board sends (simulated boards use this). */
export const encodeKerongCu48Reply = (reply: KerongCu48StatusReply, lockNumber = 0): Uint8Array => {
  if (reply.hooks.length !== 6 || ![reply.board, lockNumber, ...reply.hooks].every((b) => Number.isInteger(b) && b >= 0 && b <= 0xff)) {
    throw new RangeError('a CU48 status reply carries a board address and six hook bytes');
  }
  const frame = Uint8Array.from([KERONG_CU48.stx, reply.board, lockNumber, KERONG_CU48.statusReply, ...reply.hooks, KERONG_CU48.etx, 0]);
  frame[11] = sum8(frame);
  return frame;
};
