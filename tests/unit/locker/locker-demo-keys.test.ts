import { afterEach, describe, expect, it } from 'vitest';
import { lockerDemoHelp, lockerDemoKeys } from '../../../drivers/simulators/locker-demo-control.ts';
import { LockerBusSimulator } from '../../../drivers/simulators/locker-bus-simulator.ts';
import { createMemoryLine } from '../../support/memory-line.ts';

/** The trainer's keys for `kioskctl locker simulate`, acting on simulated boards. */
describe('locker demo keys', () => {
  const started: LockerBusSimulator[] = [];
  afterEach(async () => {
    for (const simulator of started.splice(0)) await simulator.stop();
  });

  const press = async () => {
    const simulator = await LockerBusSimulator.attach(createMemoryLine().device, {
      protocol: 'kerong-cu16',
      boards: [{ address: 0, doors: 4, sensorDelayMs: 0 }, { address: 1, doors: 4, sensorDelayMs: 0 }],
    });
    started.push(simulator);
    const keys = lockerDemoKeys();
    return { simulator, keys, key: (k: string) => keys.find(({ key }) => key === k)?.act(simulator) };
  };

  it('shuts, jams and frees every door of every board', async () => {
    const { simulator, key } = await press();
    simulator.board(1).openByHand(2);
    expect(key('c')).toBe('every door pushed shut');
    expect(simulator.board(1).isOpen(2)).toBe(false);
    expect(key('j')).toMatch(/jammed/);
    simulator.board(0).unlock(3);
    expect(simulator.board(0).isOpen(3)).toBe(false);
    expect(key('j')).toBe('doors free again');
    simulator.board(0).unlock(3);
    expect(simulator.board(0).isOpen(3)).toBe(true);
  });

  it('fills and empties the compartments, slows the sensors, and toggles the bus faults', async () => {
    const { simulator, key } = await press();
    key('i');
    expect(simulator.board(1).itemBits()).toEqual([true, true, true, true]);
    key('i');
    expect(simulator.board(1).itemBits()).toEqual([false, false, false, false]);
    key('l');
    expect(simulator.board(0).sensorDelayMs).toBe(1500);
    expect(key('m')).toBe('no board answers any more');
    expect(key('m')).toBe('boards answer again');
    expect(key('g')).toMatch(/garbage/);
  });

  it('has help naming every key, none of them the ID card reader\'s or the scanner\'s', async () => {
    const { keys } = await press();
    const help = lockerDemoHelp(keys);
    for (const { key } of keys) expect(help).toContain(`${key} `);
    const taken = ['0', '1', '2', '3', '4', '5', '6', 'f', 's', 'r', 'q', 'w', 'e'];
    expect(keys.map(({ key }) => key).filter((key) => taken.includes(key))).toEqual([]);
  });
});
