import { sum8 } from './frame-checksums.ts';
import { KERONG_CU16 } from './kerong-cu16-commands.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, type LockerProtocolError } from './locker-protocol-error.ts';

/**
 * The CU16's status reply (locker-boards.md §3): `02 ADDR 35 H1-8 H9-16 IR1-8 IR9-16 03 SUM`, 9 bytes.
 * Hook bits: 1 = locked (door feedback decides what that means for the door). Infrared bits: 1 = something
 * lies in the compartment. The reply's ADDR is taken to carry the board in its high nibble, as the command's
 * does: the reference only shows board 0 (inferred).
 */
export interface KerongCu16StatusReply {
  kind: 'status';
  board: number;
  /** H1-8, H9-16 as sent. */
  hooks: [number, number];
  /** IR1-8, IR9-16 as sent. */
  infrared: [number, number];
}

export const KERONG_CU16_REPLY_LENGTH = 9;

export const kerongCu16ReplyShape: FrameShape = {
  lengthsFor: (first) => (first === KERONG_CU16.stx ? [KERONG_CU16_REPLY_LENGTH] : []),
  fits: (candidate) => candidate[2] === KERONG_CU16.statusReply && candidate[7] === KERONG_CU16.etx,
  checksumOf: (candidate) => sum8(candidate),
};

/** What a board's reply says. Returns an error value for anything else, never throws. */
export const decodeKerongCu16Reply = (raw: Uint8Array): KerongCu16StatusReply | LockerProtocolError => {
  if (raw.length !== KERONG_CU16_REPLY_LENGTH || raw[0] !== KERONG_CU16.stx || !kerongCu16ReplyShape.fits(raw)) {
    return new MalformedFrame(raw, `not a CU16 status reply (${raw.length} bytes starting ${hexByte(raw[0] ?? 0)})`);
  }
  const sum = sum8(raw);
  if (sum !== raw[8]) return new BadChecksum(raw, sum);
  const [, address = 0, , h1 = 0, h2 = 0, i1 = 0, i2 = 0] = raw;
  if (address >> 4 > KERONG_CU16.maxBoard) return new MalformedFrame(raw, `a CU16 reply from address ${hexByte(address)}`);
  return { kind: 'status', board: address >> 4, hooks: [h1, h2], infrared: [i1, i2] };
};

/** The frame a board sends (simulated boards use this). */
export const encodeKerongCu16Reply = (reply: KerongCu16StatusReply): Uint8Array => {
  const bytes = [...reply.hooks, ...reply.infrared];
  if (!Number.isInteger(reply.board) || reply.board < 0 || reply.board > KERONG_CU16.maxBoard || !bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 0xff)) {
    throw new RangeError('a CU16 status reply carries a board 0–14 and four sensor bytes');
  }
  const frame = Uint8Array.from([KERONG_CU16.stx, reply.board << 4, KERONG_CU16.statusReply, ...bytes, KERONG_CU16.etx, 0]);
  frame[8] = sum8(frame);
  return frame;
};
