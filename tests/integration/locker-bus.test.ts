import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import type { DoorFeedback } from '../../drivers/locker/door-sensor.ts';
import type { DoorChange } from '../../drivers/locker/locker-bus.ts';
import { encodeKerongCu48Command } from '../../drivers/locker/kerong-cu48-commands.ts';
import { kerongCu48ReplyShape } from '../../drivers/locker/kerong-cu48-replies.ts';
import { LockerDeframer } from '../../drivers/locker/locker-deframer.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';
import { hex } from '../support/hex.ts';
import { startLockerBusOnPty, startSimulatedLockers, type LockerBusOnPty } from '../support/simulated-locker.ts';

/** The bus driver against simulated boards over real pseudo-terminals (socat), for each protocol. */
interface Cabinet {
  protocol: LockerProtocolName;
  /** Two boards on the bus, and an address with no board. */
  boards: [{ address: number; doors: number }, { address: number; doors: number }];
  missing: number;
}

const cabinets: Cabinet[] = [
  { protocol: 'generic-8a', boards: [{ address: 1, doors: 24 }, { address: 2, doors: 8 }], missing: 5 },
  { protocol: 'kerong-cu48', boards: [{ address: 0, doors: 48 }, { address: 1, doors: 48 }], missing: 7 },
  { protocol: 'kerong-cu16', boards: [{ address: 0, doors: 16 }, { address: 1, doors: 12 }], missing: 3 },
];

let setup: LockerBusOnPty | null = null;
afterEach(async () => {
  await setup?.stop();
  setup = null;
});

const start = async (cabinet: Cabinet, feedback: DoorFeedback = 'door-closing', options: Parameters<typeof startLockerBusOnPty>[1] = {}) => {
  setup = await startLockerBusOnPty(
    { protocol: cabinet.protocol, boards: cabinet.boards.map((board) => ({ ...board, feedback, sensorDelayMs: 30 })) },
    { feedback, ...options },
  );
  return setup;
};

describe.each(cabinets)('$protocol bus over a pty', (cabinet) => {
  const [first, second] = cabinet.boards;

  it.each<DoorFeedback>(['door-closing', 'door-opening'])('opens a door and confirms it by reading it open (%s wiring)', async (feedback) => {
    const { bus, simulator } = await start(cabinet, feedback);
    expect(await bus.open(second.address, 3)).toEqual({ board: second.address, door: 3, result: 'opened' });
    expect(simulator.board(second.address).isOpen(3)).toBe(true);
    // The unlock touched that door only.
    expect(simulator.board(second.address).unlocks).toEqual([3]);
    expect(simulator.board(first.address).unlocks).toEqual([]);
    const status = await bus.status(second.address);
    expect(status.answered && status.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([3]);
  });

  it('says jammed when the door never reads open, though the unlock went out', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.board(first.address).jam(2);
    expect((await bus.open(first.address, 2)).result).toBe('jammed');
    expect(simulator.board(first.address).unlocks.length).toBeGreaterThanOrEqual(1);
    expect(new Set(simulator.board(first.address).unlocks)).toEqual(new Set([2]));
  });

  it('says no-response for a board that is not on the bus, and for its status', async () => {
    const { bus } = await start(cabinet);
    expect((await bus.open(cabinet.missing, 1)).result).toBe('no-response');
    expect(await bus.status(cabinet.missing)).toEqual({ board: cabinet.missing, answered: false, problem: 'no-response' });
  });

  it.each<DoorFeedback>(['door-closing', 'door-opening'])('reads the doors of a board with doors open (%s wiring)', async (feedback) => {
    const { bus, simulator } = await start(cabinet, feedback);
    for (const door of [1, 5, first.doors]) simulator.board(first.address).openByHand(door);
    const status = await bus.status(first.address);
    if (!status.answered) throw new Error(`no answer: ${status.problem}`);
    expect(status.doors).toHaveLength(first.doors);
    expect(status.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([1, 5, first.doors]);
    expect(status.doors.filter((d) => d.state === 'closed')).toHaveLength(first.doors - 3);
  });

  it('reads every closed door as open when told the wrong wiring: why feedback is a per-cabinet setting', async () => {
    setup = await startLockerBusOnPty({ protocol: cabinet.protocol, boards: [{ ...first, feedback: 'door-opening' }] }, { feedback: 'door-closing' });
    const status = await setup.bus.status(first.address);
    expect(status.answered && status.doors.every((d) => d.state === 'open')).toBe(true);
  });

  it('keeps several boards apart on one bus', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.board(first.address).openByHand(4);
    simulator.board(second.address).openByHand(6);
    const [a, b] = [await bus.status(first.address), await bus.status(second.address)];
    expect(a.answered && a.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([4]);
    expect(b.answered && b.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([6]);
    expect((await bus.open(first.address, 7)).result).toBe('opened');
    expect(simulator.board(second.address).isOpen(7)).toBe(false);
  });

  it('finds replies behind garbage, in pieces, and after noise on the line', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.setFaults({ garbageBeforeReplies: true, chunkSize: 3, chunkGapMs: 2 });
    await simulator.injectGarbage();
    expect((await bus.status(first.address)).answered).toBe(true);
    expect((await bus.open(first.address, 2)).result).toBe('opened');
  });

  it('asks again after a corrupt reply', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.setFaults({ corruptReplies: 1 });
    expect((await bus.status(second.address)).answered).toBe(true);
    simulator.setFaults({ corruptReplies: 5 });
    expect(await bus.status(second.address)).toEqual({ board: second.address, answered: false, problem: 'corrupt-replies' });
  });

  it('waits for a slow door sensor within the confirm window, and calls a door that is slower jammed', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.board(first.address).setSensorDelay(1, 400);
    expect((await bus.open(first.address, 1)).result).toBe('opened');
    simulator.board(first.address).setSensorDelay(2, 1500);
    expect((await bus.open(first.address, 2)).result).toBe('jammed');
    await new Promise((resolve) => setTimeout(resolve, 800));
    const status = await bus.status(first.address);
    expect(status.answered && status.doors[1]?.state).toBe('open');
  });

  it('closes and reopens the port after repeated unanswered commands, and works again after', async () => {
    const { bus, simulator } = await start(cabinet, 'door-closing', { timing: { failuresBeforeReopen: 3, replyTimeoutMs: 150 } });
    const reopened: number[] = [];
    bus.on('reopened', ({ failures }) => reopened.push(failures));
    simulator.setFaults({ silent: true });
    await bus.status(first.address);
    await bus.status(first.address);
    expect(reopened).toEqual([3]);
    simulator.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await bus.status(first.address)).answered).toBe(true);
  });

  it('polls its boards: door events, and door-left-open once per opening', async () => {
    const { bus, simulator } = await start(cabinet, 'door-closing', { timing: { pollIntervalMs: 30, doorLeftOpenMs: 250 } });
    const changes: DoorChange[] = [];
    const leftOpen: Array<{ board: number; door: number }> = [];
    bus.on('door', (change) => changes.push(change));
    bus.on('door-left-open', ({ board, door }) => leftOpen.push({ board, door }));
    // Every door is reported once at the first poll.
    await vi.waitFor(() => expect(changes.filter((c) => c.previous === null)).toHaveLength(first.doors + second.doors), { timeout: 3000 });
    simulator.board(second.address).openByHand(2);
    await vi.waitFor(() => expect(leftOpen).toEqual([{ board: second.address, door: 2 }]), { timeout: 3000 });
    expect(changes).toContainEqual(expect.objectContaining({ board: second.address, door: 2, state: 'open', previous: 'closed' }));
    // Said once per opening, however many polls still find it open.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leftOpen).toHaveLength(1);
    simulator.board(second.address).close(2);
    await vi.waitFor(() => expect(changes.at(-1)).toMatchObject({ board: second.address, door: 2, state: 'closed', previous: 'open' }), { timeout: 3000 });
  });
});

describe('generic 8A specifics', () => {
  const cabinet = cabinets[0] as Cabinet;

  it('reads boards whose firmware sends channels 1–8 first, when told so (§1.3)', async () => {
    setup = await startLockerBusOnPty({ protocol: 'generic-8a', boards: [{ address: 1, doors: 24, byteOrder: 'low-first' }] }, { statusByteOrder: 'low-first' });
    setup.simulator.board(1).openByHand(3);
    const status = await setup.bus.status(1);
    expect(status.answered && status.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([3]);
  });

  it('reads a 50-channel board\'s 7 status bytes, and a door beyond what the board reports as unknown', async () => {
    setup = await startLockerBusOnPty({ protocol: 'generic-8a', boards: [{ address: 3, doors: 50 }] });
    setup.simulator.board(3).openByHand(50);
    const status = await setup.bus.status(3);
    expect(status.answered && status.doors.filter((d) => d.state === 'open').map((d) => d.door)).toEqual([50]);
    // The bus believes the board has 50 doors; a board that only has 24 sends 3 bytes: doors 25–50 are unknown.
    setup.simulator.addBoard({ address: 3, doors: 24 });
    const small = await setup.bus.status(3);
    expect(small.answered && small.doors.slice(23).map((d) => d.state)).toEqual(['closed', ...Array(26).fill('unknown')]);
  });

  it('does not take the acknowledgement for an open door: a slow door is read until it shows open', async () => {
    const { bus, simulator } = await start(cabinet);
    simulator.board(1).setSensorDelay(9, 200);
    const said: string[] = [];
    simulator.on('command', (line) => said.push(line));
    expect((await bus.open(1, 9)).result).toBe('opened');
    expect(said[0]).toBe('unlock board 1 door 9');
    expect(said.filter((line) => line === 'read board 1 door 9').length).toBeGreaterThanOrEqual(2);
  });
});

describe('Kerong CU16 specifics', () => {
  it('reports which compartments hold something (infrared)', async () => {
    setup = await startLockerBusOnPty({ protocol: 'kerong-cu16', boards: [{ address: 2, doors: 16 }] });
    setup.simulator.board(2).putItem(4);
    setup.simulator.board(2).putItem(16);
    const status = await setup.bus.status(2);
    if (!status.answered) throw new Error('no answer');
    expect(status.doors.filter((d) => d.itemPresent === true).map((d) => d.door)).toEqual([4, 16]);
    setup.simulator.board(2).takeItem(4);
    const after = await setup.bus.status(2);
    expect(after.answered && after.doors.filter((d) => d.itemPresent === true).map((d) => d.door)).toEqual([16]);
  });
});

describe('Kerong CU48 specifics', () => {
  it('simulated boards answer a broadcast status one after another, as the document shows (§2)', async () => {
    const lockers = await startSimulatedLockers({ protocol: 'kerong-cu48', boards: [{ address: 1, doors: 48 }, { address: 0, doors: 48 }] });
    const host = new SerialTransport({ path: lockers.pty.devicePath, baudRate: 19200 });
    try {
      for (let door = 4; door <= 46; door++) lockers.simulator.board(0).openByHand(door);
      for (let door = 1; door <= 48; door++) if (door !== 24) lockers.simulator.board(1).openByHand(door);
      const deframer = new LockerDeframer(kerongCu48ReplyShape);
      const frames: string[] = [];
      host.on('data', (chunk) => frames.push(...deframer.push(chunk).flatMap((e) => (e.type === 'frame' ? [hex(e.raw)] : []))));
      await host.open();
      await host.write(encodeKerongCu48Command({ kind: 'status', board: 'all' }));
      await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 2000 });
      // The document's own example replies: board 0 with locks 1, 2, 3, 47, 48 locked; board 1 with lock 24.
      expect(frames).toEqual(['02 00 00 65 07 00 00 00 00 C0 03 31', '02 01 00 65 00 00 80 00 00 00 03 EB']);
    } finally {
      await host.close();
      await lockers.stop();
    }
  });
});
