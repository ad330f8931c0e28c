import { sum8 } from './frame-checksums.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, type LockerProtocolError } from './locker-protocol-error.ts';

/**
 * Host → board frames of the Kerong KR-CU48 (locker-boards.md §2, from Kerong's own document V2.1):
 * 19200 8N1, `02 ADDR LOCKNUM CMD 03 SUM`, SUM = low byte of the sum of the five bytes before it.
 * ADDR 0x00–0x09 is a board, 0x0A every board on the bus; LOCKNUM 0x00–0x2F is lock 1–48, 0x30 every lock.
 */
export type KerongCu48Command =
  /** 0x50: get status; the board answers with its 12-byte status reply (every board, for 'all'). */
  | { kind: 'status'; board: number | 'all' }
  /** 0x51: unlock; the board sends no reply (§2), so only a status read tells what happened. */
  | { kind: 'unlock'; board: number | 'all'; lock: number | 'all' };

export const KERONG_CU48 = {
  stx: 0x02,
  etx: 0x03,
  getStatus: 0x50,
  unlock: 0x51,
  statusReply: 0x65,
  broadcast: 0x0a,
  allLocks: 0x30,
  maxBoard: 0x09,
  locks: 48,
} as const;

const addressOf = (board: number | 'all'): number => {
  if (board === 'all') return KERONG_CU48.broadcast;
  if (!Number.isInteger(board) || board < 0 || board > KERONG_CU48.maxBoard) throw new RangeError(`CU48 board address must be 0–9, not ${board}`);
  return board;
};

const withSum = (bytes: number[]): Uint8Array => {
  const frame = Uint8Array.from([...bytes, 0]);
  frame[frame.length - 1] = sum8(frame);
  return frame;
};

/** The frame for a command. Throws RangeError for values that cannot be put in the frame (a caller's bug). */
export const encodeKerongCu48Command = (command: KerongCu48Command): Uint8Array => {
  const { stx, etx, getStatus, unlock, allLocks, locks } = KERONG_CU48;
  if (command.kind === 'status') return withSum([stx, addressOf(command.board), 0x00, getStatus, etx]);
  const { lock } = command;
  if (lock !== 'all' && (!Number.isInteger(lock) || lock < 1 || lock > locks)) throw new RangeError(`CU48 lock must be 1–48, not ${lock}`);
  return withSum([stx, addressOf(command.board), lock === 'all' ? allLocks : lock - 1, unlock, etx]);
};

/** Where host → board frames start and end, for a simulated board's deframer. */
export const kerongCu48CommandShape: FrameShape = {
  lengthsFor: (first) => (first === KERONG_CU48.stx ? [6] : []),
  fits: (candidate) => candidate[4] === KERONG_CU48.etx && (candidate[3] === KERONG_CU48.getStatus || candidate[3] === KERONG_CU48.unlock),
  checksumOf: (candidate) => sum8(candidate),
};

/** What a board makes of a host frame (simulated boards use this). Returns an error value, never throws. */
export const decodeKerongCu48Command = (raw: Uint8Array): KerongCu48Command | LockerProtocolError => {
  if (raw.length !== 6 || raw[0] !== KERONG_CU48.stx || !kerongCu48CommandShape.fits(raw)) {
    return new MalformedFrame(raw, `not a CU48 command (${raw.length} bytes starting ${hexByte(raw[0] ?? 0)})`);
  }
  const sum = sum8(raw);
  if (sum !== raw[5]) return new BadChecksum(raw, sum);
  const [, address = 0, lockNumber = 0, cmd] = raw;
  if (address > KERONG_CU48.broadcast) return new MalformedFrame(raw, `CU48 address ${hexByte(address)} is above 0x0A`);
  const board = address === KERONG_CU48.broadcast ? 'all' : address;
  // §2: LOCKNUM means nothing in a status request.
  if (cmd === KERONG_CU48.getStatus) return { kind: 'status', board };
  if (lockNumber > KERONG_CU48.allLocks) return new MalformedFrame(raw, `CU48 lock number ${hexByte(lockNumber)} is above 0x30`);
  return { kind: 'unlock', board, lock: lockNumber === KERONG_CU48.allLocks ? 'all' : lockNumber + 1 };
};
