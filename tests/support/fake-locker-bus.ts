import { EventEmitter } from 'node:events';
import type { DoorReading } from '../../drivers/locker/board-protocols.ts';
import type { BoardStatus, DoorOpening, LockerBusEvents } from '../../drivers/locker/locker-bus.ts';
import { SimulatedLockBoard } from '../../drivers/simulators/simulated-lock-board.ts';
import type { CabinetBus } from '../../main/lockers/locker-doors.ts';

/**
 * A cabinet's bus without bytes, for the locker service's unit tests: simulated boards (doors that open at once
 * unless jammed, stay open until closed, hold items) answered straight from memory. Boards can be unplugged
 * (no-response), and infrared can be switched on (as on CU16 boards). The real bus over a pty is the integration
 * tests' business.
 */
export class FakeLockerBus extends EventEmitter<LockerBusEvents> implements CabinetBus {
  readonly boards = new Map<number, SimulatedLockBoard>();
  /** Every unlock asked for, as board/door. */
  readonly unlocks: string[] = [];
  readonly unplugged = new Set<number>();
  infrared: boolean;

  constructor(boards: ReadonlyArray<{ address: number; doors: number }>, options: { infrared?: boolean } = {}) {
    super();
    this.infrared = options.infrared ?? false;
    for (const { address, doors } of boards) this.boards.set(address, new SimulatedLockBoard({ address, doors, sensorDelayMs: 0 }, () => 0));
  }

  board(address: number): SimulatedLockBoard {
    const board = this.boards.get(address);
    if (board === undefined) throw new RangeError(`no board ${address}`);
    return board;
  }

  async open(board: number, door: number): Promise<DoorOpening> {
    this.unlocks.push(`${board}/${door}`);
    const simulated = this.boards.get(board);
    if (simulated === undefined || this.unplugged.has(board)) return { board, door, result: 'no-response' };
    simulated.unlock(door);
    return { board, door, result: simulated.isOpen(door) ? 'opened' : 'jammed' };
  }

  async status(board: number): Promise<BoardStatus> {
    const simulated = this.boards.get(board);
    if (simulated === undefined || this.unplugged.has(board)) return { board, answered: false, problem: 'no-response' };
    const items = simulated.itemBits();
    const doors: DoorReading[] = Array.from({ length: simulated.doorCount }, (_, i) => ({
      door: i + 1,
      state: simulated.isOpen(i + 1) ? 'open' : 'closed',
      ...(this.infrared ? { itemPresent: items[i] ?? false } : {}),
    }));
    return { board, answered: true, doors };
  }
}
