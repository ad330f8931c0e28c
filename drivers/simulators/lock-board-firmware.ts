import type { LockerProtocolName } from '../locker/board-protocols.ts';
import { SENSOR_OFF_BYTE, SENSOR_ON_BYTE } from '../locker/door-sensor.ts';
import { decodeGeneric8aCommand, generic8aCommandShape } from '../locker/generic-8a-commands.ts';
import { encodeGeneric8aReply, generic8aStatusByteCount } from '../locker/generic-8a-replies.ts';
import { decodeKerongCu16Command, kerongCu16CommandShape } from '../locker/kerong-cu16-commands.ts';
import { encodeKerongCu16Reply } from '../locker/kerong-cu16-replies.ts';
import { decodeKerongCu48Command, kerongCu48CommandShape } from '../locker/kerong-cu48-commands.ts';
import { encodeKerongCu48Reply } from '../locker/kerong-cu48-replies.ts';
import type { FrameShape } from '../locker/locker-deframer.ts';
import { LockerProtocolError } from '../locker/locker-protocol-error.ts';
import { bitmapBytes } from '../locker/status-bitmap.ts';
import type { SimulatedLockBoard } from './simulated-lock-board.ts';

/** What the boards on a bus did with one host frame: a line for the log, and the replies they send. */
export interface FirmwareResponse {
  said: string;
  /** Each reply after its delay from the end of the command (several boards answering a broadcast in turn). */
  replies: Array<{ delayMs: number; bytes: Uint8Array }>;
}

/** How every board of one protocol on a bus answers the host. A frame no board acts on gets no reply at all. */
export interface LockBoardFirmware {
  commandShape: FrameShape;
  handle(raw: Uint8Array, boards: ReadonlyMap<number, SimulatedLockBoard>): FirmwareResponse;
}

const noReply = (said: string): FirmwareResponse => ({ said, replies: [] });
const now = (bytes: Uint8Array) => [{ delayMs: 0, bytes }];
const inRange = (board: SimulatedLockBoard, door: number) => door >= 1 && door <= board.doorCount;
const doorList = (board: SimulatedLockBoard) => Array.from({ length: board.doorCount }, (_, i) => i + 1);
/** 12 bytes at 19200 8N1 take about 6 ms: boards answering a broadcast leave each other that much room. */
const BROADCAST_SLOT_MS = 8;
/** §1.2: the open-all reply comes after the board has pulsed every lock in turn. */
const OPEN_ALL_MS_PER_LOCK = 20;

/** §1: generic 8A/80 boards. Replies to 90/9A/9B are not documented: these boards send none (UNCERTAIN). */
const generic8a: LockBoardFirmware = {
  commandShape: generic8aCommandShape,
  handle(raw, boards) {
    const command = decodeGeneric8aCommand(raw);
    if (command instanceof LockerProtocolError) return noReply(`ignored: ${command.message}`);
    const board = boards.get(command.board);
    if (board === undefined) return noReply(`${command.kind} for board ${command.board}: no such board on the bus`);
    const sensorByte = (door: number) => (board.sensorBits()[door - 1] === true ? SENSOR_ON_BYTE : SENSOR_OFF_BYTE);
    switch (command.kind) {
      case 'open':
      case 'open-hold':
        if (!inRange(board, command.channel)) return noReply(`open board ${board.address} lock ${command.channel}: no such lock`);
        board.unlock(command.channel);
        // ST is the feedback right after the pulse: a slow door still reads closed (an ack is not an open door).
        return {
          said: `unlock board ${board.address} door ${command.channel}`,
          replies: now(encodeGeneric8aReply({ kind: 'open-acknowledged', board: board.address, channel: command.channel, status: sensorByte(command.channel) })),
        };
      case 'open-all':
        for (const door of doorList(board)) board.unlock(door);
        // "5-byte echo-like reply" (§1.2): the command's own bytes, UNCERTAIN.
        return {
          said: `unlock every door of board ${board.address}`,
          replies: [{ delayMs: board.doorCount * OPEN_ALL_MS_PER_LOCK, bytes: encodeGeneric8aReply({ kind: 'open-acknowledged', board: board.address, channel: 0, status: 0x11 }) }],
        };
      case 'read-one':
        if (!inRange(board, command.channel)) return noReply(`read board ${board.address} lock ${command.channel}: no such lock`);
        return {
          said: `read board ${board.address} door ${command.channel}`,
          replies: now(encodeGeneric8aReply({ kind: 'lock-status', board: board.address, channel: command.channel, status: sensorByte(command.channel) })),
        };
      case 'read-board':
        return {
          said: `read board ${board.address}`,
          replies: now(encodeGeneric8aReply({ kind: 'board-status', board: board.address, statusBytes: bitmapBytes(board.sensorBits(), generic8aStatusByteCount(board.doorCount), board.byteOrder) })),
        };
      case 'multi-open':
        for (const door of command.channels.filter((channel) => inRange(board, channel))) board.unlock(door);
        return noReply(`unlock board ${board.address} doors ${command.channels.join(', ')}`);
      case 'power-on':
        board.unlock(command.channel);
        return noReply(`power board ${board.address} lock ${command.channel}`);
      case 'power-off':
        return noReply(`unpower board ${board.address} lock ${command.channel}`);
    }
  },
};

/** §2: Kerong CU48. Unlock has no reply; a broadcast status is answered by every board in turn. */
const kerongCu48: LockBoardFirmware = {
  commandShape: kerongCu48CommandShape,
  handle(raw, boards) {
    const command = decodeKerongCu48Command(raw);
    if (command instanceof LockerProtocolError) return noReply(`ignored: ${command.message}`);
    const targets = command.board === 'all' ? [...boards.values()].sort((a, b) => a.address - b.address) : [boards.get(command.board)].filter((b) => b !== undefined);
    if (targets.length === 0) return noReply(`${command.kind} for board ${command.board}: no such board on the bus`);
    if (command.kind === 'status') {
      return {
        said: `status of board ${command.board}`,
        replies: targets.map((board, slot) => ({
          delayMs: slot * BROADCAST_SLOT_MS,
          bytes: encodeKerongCu48Reply({ kind: 'status', board: board.address, hooks: bitmapBytes(board.sensorBits(), 6, 'low-first') }),
        })),
      };
    }
    for (const board of targets) {
      const doors = command.lock === 'all' ? doorList(board) : [command.lock].filter((door) => inRange(board, door));
      for (const door of doors) board.unlock(door);
    }
    return noReply(`unlock board ${command.board} door ${command.lock}`);
  },
};

/** §3: Kerong CU16. Unlocks get no reply; 0x32's 0x36 reply layout is unknown, so it is not answered. */
const kerongCu16: LockBoardFirmware = {
  commandShape: kerongCu16CommandShape,
  handle(raw, boards) {
    const command = decodeKerongCu16Command(raw);
    if (command instanceof LockerProtocolError) return noReply(`ignored: ${command.message}`);
    if (command.kind === 'status-all') return noReply('status of every board: the 0x36 reply is not simulated');
    const board = boards.get(command.board);
    if (board === undefined) return noReply(`${command.kind} for board ${command.board}: no such board on the bus`);
    switch (command.kind) {
      case 'status':
        return {
          said: `status of board ${board.address}`,
          replies: now(encodeKerongCu16Reply({
            kind: 'status',
            board: board.address,
            hooks: bitmapBytes(board.sensorBits(), 2, 'low-first') as [number, number],
            infrared: bitmapBytes(board.itemBits(), 2, 'low-first') as [number, number],
          })),
        };
      case 'unlock':
        if (inRange(board, command.lock)) board.unlock(command.lock);
        return noReply(`unlock board ${board.address} door ${command.lock}`);
      case 'unlock-all':
        for (const door of doorList(board)) board.unlock(door);
        return noReply(`unlock every door of board ${board.address}`);
    }
  },
};

export const LOCK_BOARD_FIRMWARE: Readonly<Record<LockerProtocolName, LockBoardFirmware>> = {
  'generic-8a': generic8a,
  'kerong-cu16': kerongCu16,
  'kerong-cu48': kerongCu48,
};
