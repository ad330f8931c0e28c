import { doorStateFromBit, doorStateFromStatusByte, type DoorFeedback, type DoorState } from './door-sensor.ts';
import { encodeGeneric8aCommand } from './generic-8a-commands.ts';
import { decodeGeneric8aReply, generic8aReplyShape } from './generic-8a-replies.ts';
import { encodeKerongCu16Command, KERONG_CU16 } from './kerong-cu16-commands.ts';
import { decodeKerongCu16Reply, kerongCu16ReplyShape } from './kerong-cu16-replies.ts';
import { encodeKerongCu48Command, KERONG_CU48 } from './kerong-cu48-commands.ts';
import { decodeKerongCu48Reply, kerongCu48ReplyShape } from './kerong-cu48-replies.ts';
import type { FrameShape } from './locker-deframer.ts';
import { LockerProtocolError, UnexpectedReply } from './locker-protocol-error.ts';
import { channelBit, type StatusByteOrder } from './status-bitmap.ts';

/**
 * The three board protocols as the bus driver uses them: one status read, one door read and one unlock each,
 * whatever the bytes. Pure: requests out, answers recognised among the frames on the line. A cabinet picks
 * its protocol in the terminal config (locker-boards.md: "treat the protocol as a pluggable adapter").
 */
export type LockerProtocolName = 'generic-8a' | 'kerong-cu16' | 'kerong-cu48';

export const LOCKER_PROTOCOL_NAMES: readonly LockerProtocolName[] = ['generic-8a', 'kerong-cu16', 'kerong-cu48'];

/** How one board is read: its doors, how its sensors are wired, and (generic 8A only) its status byte order. */
export interface BoardLayout {
  doors: number;
  feedback: DoorFeedback;
  byteOrder: StatusByteOrder;
}

export interface DoorReading {
  /** From 1, as printed on the cabinet. */
  door: number;
  state: DoorState;
  /** Kerong CU16's infrared sensor: something lies in the compartment. Absent where the board has none. */
  itemPresent?: boolean;
}

/** A request, and how to tell its answer among the frames on the bus. */
export interface Query<T> {
  request: Uint8Array;
  /** What this frame answers, or why it is not the answer (another board's reply, a different kind of reply). */
  answer(raw: Uint8Array): T | LockerProtocolError;
}

export interface UnlockCommand {
  request: Uint8Array;
  /** Recognises the board's acknowledgement; null where boards never acknowledge an unlock (Kerong, §2). */
  acknowledgement: ((raw: Uint8Array) => true | LockerProtocolError) | null;
}

export interface LockerBoardProtocol {
  readonly name: LockerProtocolName;
  readonly defaultBaudRate: number;
  /** Doors of this protocol's usual board (kioskctl's default --doors), and the most one board can have. */
  readonly defaultDoors: number;
  readonly maxDoors: number;
  /** Addresses as set on a board's switches and carried in the frame. */
  readonly boardAddresses: { readonly min: number; readonly max: number };
  /** Whether boards answer with infrared "item present" bits. */
  readonly reportsItems: boolean;
  readonly replyShape: FrameShape;
  readBoard(board: number, layout: BoardLayout): Query<DoorReading[]>;
  /** One door's reading: by the board's per-lock read where it has one, else from the whole board's. */
  readDoor(board: number, door: number, layout: BoardLayout): Query<DoorReading>;
  unlock(board: number, door: number): UnlockCommand;
}

const doorNumbers = (layout: BoardLayout) => Array.from({ length: layout.doors }, (_, i) => i + 1);

const notFor = (raw: Uint8Array, what: string) => new UnexpectedReply(raw, `not the answer asked for: ${what}`);

/** A door's reading picked out of the whole board's answer. */
const doorOf = (board: Query<DoorReading[]>, door: number): Query<DoorReading> => ({
  request: board.request,
  answer: (raw) => {
    const readings = board.answer(raw);
    if (readings instanceof LockerProtocolError) return readings;
    return readings.find((reading) => reading.door === door) ?? { door, state: 'unknown' };
  },
});

/** §1: 9600 8N1; addresses 1–31 (one vendor's 31 boards in series; address 0 is not used, inferred from §1). */
const generic8a: LockerBoardProtocol = {
  name: 'generic-8a',
  defaultBaudRate: 9600,
  // 《485锁控板24路通讯协议2021》 names the common board; 50 channels is the largest met in the field (§1).
  defaultDoors: 24,
  maxDoors: 50,
  boardAddresses: { min: 1, max: 31 },
  reportsItems: false,
  replyShape: generic8aReplyShape,
  readBoard: (board, layout) => ({
    request: encodeGeneric8aCommand({ kind: 'read-board', board }),
    answer: (raw) => {
      const reply = decodeGeneric8aReply(raw);
      if (reply instanceof LockerProtocolError) return reply;
      if (reply.kind !== 'board-status' || reply.board !== board) return notFor(raw, `board ${board}'s read-all reply`);
      // Doors beyond the status bytes the board sent are unknown, not closed (§1.5, [L8]).
      return doorNumbers(layout).map((door) => ({ door, state: doorStateFromBit(channelBit(reply.statusBytes, layout.byteOrder, door), layout.feedback) }));
    },
  }),
  // The per-lock read (`80 AA CC 33`) answers one status byte: no byte order to get wrong (§1.3).
  readDoor: (board, door, layout) => ({
    request: encodeGeneric8aCommand({ kind: 'read-one', board, channel: door }),
    answer: (raw) => {
      const reply = decodeGeneric8aReply(raw);
      if (reply instanceof LockerProtocolError) return reply;
      if (reply.kind !== 'lock-status' || reply.board !== board || reply.channel !== door) return notFor(raw, `board ${board} lock ${door}'s status`);
      return { door, state: doorStateFromStatusByte(reply.status, layout.feedback) };
    },
  }),
  unlock: (board, door) => ({
    request: encodeGeneric8aCommand({ kind: 'open', board, channel: door }),
    acknowledgement: (raw) => {
      const reply = decodeGeneric8aReply(raw);
      if (reply instanceof LockerProtocolError) return reply;
      if (reply.kind !== 'open-acknowledged' || reply.board !== board || reply.channel !== door) return notFor(raw, `board ${board} lock ${door}'s open reply`);
      return true;
    },
  }),
};

/** §2: 19200 8N1; addresses 0–9 (0x0A is the broadcast); unlock has no reply. */
const kerongCu48: LockerBoardProtocol = {
  name: 'kerong-cu48',
  defaultBaudRate: 19200,
  defaultDoors: KERONG_CU48.locks,
  maxDoors: KERONG_CU48.locks,
  boardAddresses: { min: 0, max: KERONG_CU48.maxBoard },
  reportsItems: false,
  replyShape: kerongCu48ReplyShape,
  readBoard: (board, layout) => ({
    request: encodeKerongCu48Command({ kind: 'status', board }),
    answer: (raw) => {
      const reply = decodeKerongCu48Reply(raw);
      if (reply instanceof LockerProtocolError) return reply;
      if (reply.board !== board) return notFor(raw, `board ${board}'s status`);
      return doorNumbers(layout).map((door) => ({ door, state: doorStateFromBit(channelBit(reply.hooks, 'low-first', door), layout.feedback) }));
    },
  }),
  readDoor: (board, door, layout) => doorOf(kerongCu48.readBoard(board, layout), door),
  unlock: (board, door) => ({ request: encodeKerongCu48Command({ kind: 'unlock', board, lock: door }), acknowledgement: null }),
};

/**
 * §3: 19200 8N1; boards 0–14 (F0 is the broadcast); 16 locks with hook and infrared sensors. Whether 0x31 is
 * answered is not documented: the driver waits for nothing and reads the status.
 */
const kerongCu16: LockerBoardProtocol = {
  name: 'kerong-cu16',
  defaultBaudRate: 19200,
  defaultDoors: KERONG_CU16.locks,
  maxDoors: KERONG_CU16.locks,
  boardAddresses: { min: 0, max: KERONG_CU16.maxBoard },
  reportsItems: true,
  replyShape: kerongCu16ReplyShape,
  readBoard: (board, layout) => ({
    request: encodeKerongCu16Command({ kind: 'status', board }),
    answer: (raw) => {
      const reply = decodeKerongCu16Reply(raw);
      if (reply instanceof LockerProtocolError) return reply;
      if (reply.board !== board) return notFor(raw, `board ${board}'s status`);
      return doorNumbers(layout).map((door) => ({
        door,
        state: doorStateFromBit(channelBit(reply.hooks, 'low-first', door), layout.feedback),
        itemPresent: channelBit(reply.infrared, 'low-first', door) === true,
      }));
    },
  }),
  readDoor: (board, door, layout) => doorOf(kerongCu16.readBoard(board, layout), door),
  unlock: (board, door) => ({ request: encodeKerongCu16Command({ kind: 'unlock', board, lock: door }), acknowledgement: null }),
};

export const LOCKER_PROTOCOLS: Readonly<Record<LockerProtocolName, LockerBoardProtocol>> = {
  'generic-8a': generic8a,
  'kerong-cu16': kerongCu16,
  'kerong-cu48': kerongCu48,
};
