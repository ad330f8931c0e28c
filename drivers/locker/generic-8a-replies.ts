import { GENERIC_8A } from './generic-8a-commands.ts';
import { xorBcc } from './frame-checksums.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, UnexpectedReply, type LockerProtocolError } from './locker-protocol-error.ts';

/** Board → host frames of the generic 8A/80 board (locker-boards.md §1.2). */
export type Generic8aReply =
  /**
   * `8A AA CC ST BCC`: the board pulsed lock CC (0: all of them, sent after the last one, §1.2). ST is the
   * lock's feedback right after the pulse. An acknowledgement, not an open door (§1.5): the door may still be
   * held, or its sensor may not have moved yet.
   */
  | { kind: 'open-acknowledged'; board: number; channel: number; status: number }
  /** `80 AA CC ST BCC`: one lock's sensor byte, 0x11 or 0x00 (meaning depends on the wiring, §1.4). */
  | { kind: 'lock-status'; board: number; channel: number; status: number }
  /** `80 AA Sn … S1 33 BCC`: every sensor of the board, the status bytes as sent (their order: §1.3). */
  | { kind: 'board-status'; board: number; statusBytes: number[] };

/**
 * §1.2: 24-channel boards send 3 status bytes, and so does an 8-channel board ([L8]); 32 channels 4 bytes,
 * 50 channels 7 bytes ([L2][L11]). The driver accepts 3 to 7 and takes the count from the frame itself.
 */
export const GENERIC_8A_STATUS_BYTES = { min: 3, max: 7 } as const;

/** How many status bytes a board of this many channels sends: at least 3 (inferred beyond the cases above). */
export const generic8aStatusByteCount = (channels: number): number =>
  Math.min(GENERIC_8A_STATUS_BYTES.max, Math.max(GENERIC_8A_STATUS_BYTES.min, Math.ceil(channels / 8)));

const READ_ALL_LENGTHS = Array.from(
  { length: GENERIC_8A_STATUS_BYTES.max - GENERIC_8A_STATUS_BYTES.min + 1 },
  (_, i) => GENERIC_8A_STATUS_BYTES.min + i + 4,
);

/** Where board → host frames start and end (the bus driver's deframer). */
export const generic8aReplyShape: FrameShape = {
  lengthsFor: (first) => (first === GENERIC_8A.open ? [5] : first === GENERIC_8A.read ? [5, ...READ_ALL_LENGTHS] : []),
  fits: (candidate) => {
    // A 5-byte 80 frame with channel 0 is the read-board command (an echo), not a reply.
    if (candidate.length === 5) return candidate[0] === GENERIC_8A.open || candidate[2] !== 0;
    return candidate[candidate.length - 2] === GENERIC_8A.readFunction;
  },
  checksumOf: (candidate) => xorBcc(candidate),
};

/** What a board's reply says. Returns an error value for anything else, never throws. */
export const decodeGeneric8aReply = (raw: Uint8Array): Generic8aReply | LockerProtocolError => {
  const header = raw[0] ?? 0;
  if (header === 0x82) return new UnexpectedReply(raw, 'an unsolicited 82 door report (custom firmware, §1.2): not used, doors are polled');
  if (header !== GENERIC_8A.open && header !== GENERIC_8A.read) return new MalformedFrame(raw, `not a generic 8A/80 reply (header ${hexByte(header)})`);
  const isReadAll = header === GENERIC_8A.read && READ_ALL_LENGTHS.includes(raw.length);
  if (raw.length !== 5 && !isReadAll) return new MalformedFrame(raw, `a ${hexByte(header)} reply of ${raw.length} bytes`);
  if (isReadAll && raw[raw.length - 2] !== GENERIC_8A.readFunction) {
    return new MalformedFrame(raw, `a read-all reply ends 33 BCC, not ${hexByte(raw[raw.length - 2] ?? 0)}`);
  }
  const bcc = xorBcc(raw);
  if (bcc !== raw[raw.length - 1]) return new BadChecksum(raw, bcc);
  const [, board = 0, channel = 0, status = 0] = raw;
  if (header === GENERIC_8A.open) return { kind: 'open-acknowledged', board, channel, status };
  if (isReadAll) return { kind: 'board-status', board, statusBytes: [...raw.subarray(2, raw.length - 2)] };
  if (channel === 0) return new UnexpectedReply(raw, '80 AA 00 33 is the read-board command, not a reply (an echo on the line?)');
  return { kind: 'lock-status', board, channel, status };
};

const withBcc = (bytes: number[]): Uint8Array => {
  const frame = Uint8Array.from([...bytes, 0]);
  frame[frame.length - 1] = xorBcc(frame);
  return frame;
};

/** The frame a board sends (simulated boards use this). Throws RangeError for values a frame cannot carry. */
export const encodeGeneric8aReply = (reply: Generic8aReply): Uint8Array => {
  const bytes = reply.kind === 'board-status' ? [reply.board, ...reply.statusBytes] : [reply.board, reply.channel, reply.status];
  if (bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 0xff)) throw new RangeError(`reply bytes out of range: ${bytes.join(' ')}`);
  switch (reply.kind) {
    case 'open-acknowledged':
      return withBcc([GENERIC_8A.open, reply.board, reply.channel, reply.status]);
    case 'lock-status':
      if (reply.channel === 0) throw new RangeError('a lock-status reply names one channel');
      return withBcc([GENERIC_8A.read, reply.board, reply.channel, reply.status]);
    case 'board-status': {
      const { min, max } = GENERIC_8A_STATUS_BYTES;
      if (reply.statusBytes.length < min || reply.statusBytes.length > max) throw new RangeError(`${reply.statusBytes.length} status bytes`);
      return withBcc([GENERIC_8A.read, reply.board, ...reply.statusBytes, GENERIC_8A.readFunction]);
    }
  }
};
