import { xorBcc } from './frame-checksums.ts';
import type { FrameShape } from './locker-deframer.ts';
import { BadChecksum, hexByte, MalformedFrame, type LockerProtocolError } from './locker-protocol-error.ts';

/**
 * Host → board frames of the generic "8A/80" lock-control board (locker-boards.md §1.1): 9600 8N1,
 * `HEADER AA CC FUNCTION BCC`, BCC = XOR of the preceding bytes. AA is the board address from its DIP switch,
 * CC the channel (lock) from 1; channel 0 means every channel.
 */
export type Generic8aCommand =
  /** `8A AA CC 11 BCC`: pulse one lock (≈ 300 ms). */
  | { kind: 'open'; board: number; channel: number }
  /** `8A AA CC 11 SS BCC`: hold one lock open 1–9 s. UNCERTAIN: a single source ([L2]). */
  | { kind: 'open-hold'; board: number; channel: number; seconds: number }
  /** `8A AA 00 11 BCC`: open every lock of the board, one after another. */
  | { kind: 'open-all'; board: number }
  /** `80 AA CC 33 BCC`: read one lock's sensor. */
  | { kind: 'read-one'; board: number; channel: number }
  /** `80 AA 00 33 BCC`: read every sensor of the board. */
  | { kind: 'read-board'; board: number }
  /** `90 AA S1 S2 S3 BCC`: open several of channels 1–24 at once (bitmaps of 1–8, 9–16, 17–24). */
  | { kind: 'multi-open'; board: number; channels: number[] }
  /** `9A AA CC 11 BCC` / `9B AA CC 11 BCC`: keep a channel powered on / switch it off. */
  | { kind: 'power-on' | 'power-off'; board: number; channel: number };

export const GENERIC_8A = {
  open: 0x8a,
  read: 0x80,
  multiOpen: 0x90,
  powerOn: 0x9a,
  powerOff: 0x9b,
  /** The function byte of open and power commands. */
  openFunction: 0x11,
  /** The function byte of reads, and the trailer of the read-all reply. */
  readFunction: 0x33,
} as const;

/** Channels a multi-open can name (three bitmap bytes). */
export const GENERIC_8A_MULTI_OPEN_CHANNELS = 24;

const withBcc = (bytes: number[]): Uint8Array => {
  const frame = Uint8Array.from([...bytes, 0]);
  frame[frame.length - 1] = xorBcc(frame);
  return frame;
};

const checkByte = (value: number, what: string, min = 0, max = 0xff) => {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be ${min}–${max}, not ${value}`);
};

/** The frame for a command. Throws RangeError for values that cannot be put in the frame (a caller's bug). */
export const encodeGeneric8aCommand = (command: Generic8aCommand): Uint8Array => {
  checkByte(command.board, 'board address');
  const { open, read, multiOpen, powerOn, powerOff, openFunction, readFunction } = GENERIC_8A;
  switch (command.kind) {
    case 'open':
      checkByte(command.channel, 'channel', 1);
      return withBcc([open, command.board, command.channel, openFunction]);
    case 'open-hold':
      checkByte(command.channel, 'channel', 1);
      checkByte(command.seconds, 'hold seconds', 1, 9);
      return withBcc([open, command.board, command.channel, openFunction, command.seconds]);
    case 'open-all':
      return withBcc([open, command.board, 0x00, openFunction]);
    case 'read-one':
      checkByte(command.channel, 'channel', 1);
      return withBcc([read, command.board, command.channel, readFunction]);
    case 'read-board':
      return withBcc([read, command.board, 0x00, readFunction]);
    case 'multi-open': {
      const groups = [0, 0, 0];
      for (const channel of command.channels) {
        checkByte(channel, 'multi-open channel', 1, GENERIC_8A_MULTI_OPEN_CHANNELS);
        const group = Math.floor((channel - 1) / 8);
        groups[group] = (groups[group] ?? 0) | (1 << ((channel - 1) % 8));
      }
      return withBcc([multiOpen, command.board, ...groups]);
    }
    case 'power-on':
    case 'power-off':
      checkByte(command.channel, 'channel', 1);
      return withBcc([command.kind === 'power-on' ? powerOn : powerOff, command.board, command.channel, openFunction]);
  }
};

/** Where host → board frames start and end, for a simulated board's deframer. */
export const generic8aCommandShape: FrameShape = {
  lengthsFor: (first) =>
    first === GENERIC_8A.open ? [5, 6]
    : first === GENERIC_8A.read || first === GENERIC_8A.powerOn || first === GENERIC_8A.powerOff ? [5]
    : first === GENERIC_8A.multiOpen ? [6]
    : [],
  fits: (candidate) => {
    const header = candidate[0];
    if (header === GENERIC_8A.multiOpen) return true;
    if (header === GENERIC_8A.read) return candidate[3] === GENERIC_8A.readFunction;
    if (candidate[3] !== GENERIC_8A.openFunction) return false;
    return candidate.length === 5 || (header === GENERIC_8A.open && (candidate[4] ?? 0) >= 1 && (candidate[4] ?? 0) <= 9);
  },
  checksumOf: (candidate) => xorBcc(candidate),
};

/** What a board makes of a host frame (simulated boards use this). Returns an error value, never throws. */
export const decodeGeneric8aCommand = (raw: Uint8Array): Generic8aCommand | LockerProtocolError => {
  const lengths = generic8aCommandShape.lengthsFor(raw[0] ?? -1);
  if (!lengths.includes(raw.length) || !generic8aCommandShape.fits(raw)) {
    return new MalformedFrame(raw, `not a generic 8A/80 command (${raw.length} bytes starting ${hexByte(raw[0] ?? 0)})`);
  }
  const bcc = xorBcc(raw);
  if (bcc !== raw[raw.length - 1]) return new BadChecksum(raw, bcc);
  const [header, board = 0, channel = 0, , extra = 0] = raw;
  switch (header) {
    case GENERIC_8A.open:
      if (raw.length === 6) {
        return channel === 0 ? new MalformedFrame(raw, 'a timed open names one channel, not 0') : { kind: 'open-hold', board, channel, seconds: extra };
      }
      return channel === 0 ? { kind: 'open-all', board } : { kind: 'open', board, channel };
    case GENERIC_8A.read:
      return channel === 0 ? { kind: 'read-board', board } : { kind: 'read-one', board, channel };
    case GENERIC_8A.multiOpen: {
      const channels: number[] = [];
      for (let group = 0; group < 3; group++) {
        const bits = raw[2 + group] ?? 0;
        for (let i = 0; i < 8; i++) if ((bits & (1 << i)) !== 0) channels.push(group * 8 + i + 1);
      }
      return { kind: 'multi-open', board, channels };
    }
    default:
      if (channel === 0) return new MalformedFrame(raw, 'power commands name one channel, not 0');
      return { kind: header === GENERIC_8A.powerOn ? 'power-on' : 'power-off', board, channel };
  }
};
