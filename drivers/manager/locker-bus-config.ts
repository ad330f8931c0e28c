import { z } from 'zod';
import { deviceIdSchema } from './device-id.ts';

/**
 * A cabinet's lock-control boards on one RS-485 line (locker-boards.md; docs/devices/locker-boards.md): the
 * protocol the boards speak, their addresses and doors, how the door switches are wired, the generic board's
 * status byte order. Real boards differ in each, so none is guessed.
 */

/**
 * What each protocol allows, for checking a config. These are the facts of drivers/locker/board-protocols.ts,
 * which the config schema may not import (architecture.md); a unit test keeps the two the same.
 */
export const LOCKER_PROTOCOL_LIMITS = {
  'generic-8a': { baudRate: 9600, boardAddresses: { min: 1, max: 31 }, defaultDoors: 24, maxDoors: 50 },
  'kerong-cu16': { baudRate: 19200, boardAddresses: { min: 0, max: 14 }, defaultDoors: 16, maxDoors: 16 },
  'kerong-cu48': { baudRate: 19200, boardAddresses: { min: 0, max: 9 }, defaultDoors: 48, maxDoors: 48 },
} as const;

type LockerProtocol = keyof typeof LOCKER_PROTOCOL_LIMITS;
const protocolSchema = z.enum(Object.keys(LOCKER_PROTOCOL_LIMITS) as [LockerProtocol, ...LockerProtocol[]]);

/** Compartment sizes, so a service can pick a door big enough for what goes in (a licence, a folder, a box). */
export const doorSizeSchema = z.enum(['small', 'medium', 'large']);
export type DoorSize = z.infer<typeof doorSizeSchema>;

const doorNumber = z.number().int().min(1);

const lockerBoardSchema = z
  .object({
    /** The address on the board's switches, exactly as carried in its frames. */
    address: z.number().int().min(0),
    /** Doors wired to this board, numbered from 1 as printed on the cabinet (default: the protocol's usual board). */
    doors: z.number().int().min(1).optional(),
    /** The size of this board's doors… */
    doorSize: doorSizeSchema.default('medium'),
    /** …except these: { "large": [21, 22, 23, 24] }. */
    doorSizes: z.partialRecord(doorSizeSchema, z.array(doorNumber).min(1)).optional(),
  })
  .strict();

/** An RS-485 line through a serial adapter; baud defaults to the protocol's (9600 generic, 19200 Kerong). */
const lockerConnectionSchema = z
  .object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().optional() })
  .strict();

export const lockerBusSchema = z
  .object({
    id: deviceIdSchema,
    kind: z.literal('locker-bus'),
    /** The cabinet's label as printed on it and on receipts ("A柜"); the device id when not given. */
    label: z.string().min(1).max(20).optional(),
    connection: lockerConnectionSchema,
    protocol: protocolSchema,
    boards: z.array(lockerBoardSchema).min(1),
    /** door-closing (关门反馈): the sensor reads 1 while the door is closed; door-opening (开门反馈): while open. */
    feedback: z.enum(['door-closing', 'door-opening']).default('door-closing'),
    /** generic-8a only: which channel group the read-all reply sends first (§1.3); high-first by default. */
    statusByteOrder: z.enum(['high-first', 'low-first']).optional(),
    /** After an unlock, how long the door has to read open before it counts as jammed. */
    confirmWindowMs: z.number().int().min(300).max(10_000).default(2000),
    /** How often every board is read, for door events and doors left open. */
    pollIntervalMs: z.number().int().min(200).max(60_000).default(1000),
    /** A door open longer than this is reported as left open. */
    doorLeftOpenSeconds: z.number().int().min(10).max(3600).default(120),
  })
  .strict()
  .superRefine((bus, context) => {
    const limits = LOCKER_PROTOCOL_LIMITS[bus.protocol];
    const { min, max } = limits.boardAddresses;
    if (bus.statusByteOrder !== undefined && bus.protocol !== 'generic-8a') {
      context.addIssue({ code: 'custom', path: ['statusByteOrder'], message: 'only generic-8a boards have a status byte order to set' });
    }
    const seen = new Set<number>();
    bus.boards.forEach((board, index) => {
      if (board.address < min || board.address > max) {
        context.addIssue({ code: 'custom', path: ['boards', index, 'address'], message: `${bus.protocol} board addresses are ${min}–${max}` });
      }
      if (seen.has(board.address)) context.addIssue({ code: 'custom', path: ['boards', index, 'address'], message: `duplicate board address ${board.address}` });
      seen.add(board.address);
      const doors = board.doors ?? limits.defaultDoors;
      if (doors > limits.maxDoors) context.addIssue({ code: 'custom', path: ['boards', index, 'doors'], message: `${bus.protocol} boards have at most ${limits.maxDoors} doors` });
      const sized = new Set<number>();
      for (const [size, list] of Object.entries(board.doorSizes ?? {})) {
        list.forEach((door, at) => {
          const where = ['boards', index, 'doorSizes', size, at];
          if (door > doors) context.addIssue({ code: 'custom', path: where, message: `board ${board.address} has doors 1–${doors}` });
          if (sized.has(door)) context.addIssue({ code: 'custom', path: where, message: `door ${door} is given two sizes` });
          sized.add(door);
        });
      }
    });
  })
  .transform((bus) => {
    const limits = LOCKER_PROTOCOL_LIMITS[bus.protocol];
    const { statusByteOrder, ...rest } = bus;
    return {
      ...rest,
      ...(bus.protocol === 'generic-8a' ? { statusByteOrder: statusByteOrder ?? ('high-first' as const) } : {}),
      connection: { ...bus.connection, baudRate: bus.connection.baudRate ?? limits.baudRate },
      boards: bus.boards.map(({ doorSize, doorSizes, ...board }) => {
        const doors = board.doors ?? limits.defaultDoors;
        // Every door's size spelled out, door 1 first: what a locker service needs to choose a compartment.
        const sizes = Array.from({ length: doors }, (_, i) => {
          const door = i + 1;
          return (Object.entries(doorSizes ?? {}).find(([, list]) => list.includes(door))?.[0] as DoorSize | undefined) ?? doorSize;
        });
        return { address: board.address, doors, doorSizes: sizes };
      }),
    };
  });

export type LockerBusConfig = z.output<typeof lockerBusSchema>;
