import { sum8 } from './frame-checksums.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, type LockerProtocolError } from './locker-protocol-error.ts';

/**
 * Host → board frames of the Kerong KR-CU16 / KR-CU12 (locker-boards.md §3; no vendor document, four
 * independent implementations agree): 19200 8N1, `02 ADDR CMD 03 SUM`, ADDR = (board << 4) | (lock − 1),
 * SUM = low byte of the sum of the bytes before it.
 */
export type KerongCu16Command =
  /** 0x30: one board's hooks and infrared sensors; answered with the 9-byte 0x35 reply. */
  | { kind: 'status'; board: number }
  /** 0x31: unlock one lock. Whether the board answers is not documented: the driver waits for nothing. */
  | { kind: 'unlock'; board: number; lock: number }
  /** 0x32 to ADDR F0: every board's data (reply 0x36, layout unknown). Derived from the rule in §3. */
  | { kind: 'status-all' }
  /** 0x33: unlock every lock of a board. UNCERTAIN: the reference names the command, not its ADDR. */
  | { kind: 'unlock-all'; board: number };

export const KERONG_CU16 = {
  stx: 0x02,
  etx: 0x03,
  getStatus: 0x30,
  unlock: 0x31,
  getStatusAll: 0x32,
  unlockAll: 0x33,
  statusReply: 0x35,
  broadcast: 0xf0,
  /** The high nibble 0xF is the broadcast (F0), so boards are 0–14 (inferred from §3). */
  maxBoard: 14,
  locks: 16,
} as const;

const checkBoard = (board: number) => {
  if (!Number.isInteger(board) || board < 0 || board > KERONG_CU16.maxBoard) throw new RangeError(`CU16 board address must be 0–14, not ${board}`);
};

const withSum = (bytes: number[]): Uint8Array => {
  const frame = Uint8Array.from([...bytes, 0]);
  frame[frame.length - 1] = sum8(frame);
  return frame;
};

/** The frame for a command. Throws RangeError for values that cannot be put in the frame (a caller's bug). */
export const encodeKerongCu16Command = (command: KerongCu16Command): Uint8Array => {
  const { stx, etx } = KERONG_CU16;
  switch (command.kind) {
    case 'status':
      checkBoard(command.board);
      return withSum([stx, command.board << 4, KERONG_CU16.getStatus, etx]);
    case 'unlock':
      checkBoard(command.board);
      if (!Number.isInteger(command.lock) || command.lock < 1 || command.lock > KERONG_CU16.locks) {
        throw new RangeError(`CU16 lock must be 1–16, not ${command.lock}`);
      }
      return withSum([stx, (command.board << 4) | (command.lock - 1), KERONG_CU16.unlock, etx]);
    case 'status-all':
      return withSum([stx, KERONG_CU16.broadcast, KERONG_CU16.getStatusAll, etx]);
    case 'unlock-all':
      checkBoard(command.board);
      return withSum([stx, command.board << 4, KERONG_CU16.unlockAll, etx]);
  }
};

/** Where host → board frames start and end, for a simulated board's deframer. */
export const kerongCu16CommandShape: FrameShape = {
  lengthsFor: (first) => (first === KERONG_CU16.stx ? [5] : []),
  fits: (candidate) => candidate[3] === KERONG_CU16.etx,
  checksumOf: (candidate) => sum8(candidate),
};

/** What a board makes of a host frame (simulated boards use this). Returns an error value, never throws. */
export const decodeKerongCu16Command = (raw: Uint8Array): KerongCu16Command | LockerProtocolError => {
  if (raw.length !== 5 || raw[0] !== KERONG_CU16.stx || !kerongCu16CommandShape.fits(raw)) {
    return new MalformedFrame(raw, `not a CU16 command (${raw.length} bytes starting ${hexByte(raw[0] ?? 0)})`);
  }
  const sum = sum8(raw);
  if (sum !== raw[4]) return new BadChecksum(raw, sum);
  const [, address = 0, cmd = 0] = raw;
  const board = address >> 4;
  if (cmd === KERONG_CU16.getStatusAll) {
    return address === KERONG_CU16.broadcast ? { kind: 'status-all' } : new MalformedFrame(raw, 'status-all goes to ADDR F0');
  }
  if (board > KERONG_CU16.maxBoard) return new MalformedFrame(raw, `CU16 address ${hexByte(address)}: board F is the broadcast`);
  switch (cmd) {
    case KERONG_CU16.getStatus:
      return { kind: 'status', board };
    case KERONG_CU16.unlock:
      return { kind: 'unlock', board, lock: (address & 0x0f) + 1 };
    case KERONG_CU16.unlockAll:
      return { kind: 'unlock-all', board };
    default:
      // 0x37 (unlock time), 0x38 (clear busy), 0x39 (delayed unlock), 0x40 (baud): not implemented, §3 UNCERTAIN.
      return new MalformedFrame(raw, `CU16 command ${hexByte(cmd)} is not one this codec speaks`);
  }
};
