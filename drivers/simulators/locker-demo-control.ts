import type { LockerBusSimulator } from './locker-bus-simulator.ts';

/** A door sensor this slow still reads open within the bus's default 2 s confirm window, visibly late. */
const SLOW_SENSOR_MS = 1500;

export interface LockerDemoKey {
  key: string;
  says: string;
  /** Acts on the simulated boards and says what it did. */
  act: (simulator: LockerBusSimulator) => string;
}

/**
 * Keys a trainer presses to act on simulated lock boards: shut the doors a "citizen" left open, jam them, make
 * the door sensors slow, fill the compartments, and make the bus misbehave. (The ID card reader's keys in the
 * demo are digits, f, s and r; the scanner's q, w and e: these keys stay clear of them.)
 */
export const lockerDemoKeys = (): readonly LockerDemoKey[] => {
  const toggles = { jammed: false, slow: false, items: false, garbage: false, silent: false };
  const eachDoor = (simulator: LockerBusSimulator, act: (board: ReturnType<LockerBusSimulator['board']>, door: number) => void) => {
    for (const board of simulator.boards.values()) for (let door = 1; door <= board.doorCount; door++) act(board, door);
  };
  return [
    { key: 'c', says: 'shut every door', act: (s) => (eachDoor(s, (board, door) => board.close(door)), 'every door pushed shut') },
    {
      key: 'j',
      says: 'jam every door (again: free them)',
      act: (s) => {
        toggles.jammed = !toggles.jammed;
        eachDoor(s, (board, door) => board.jam(door, toggles.jammed));
        return toggles.jammed ? 'every door jammed: an unlock no longer opens it' : 'doors free again';
      },
    },
    {
      key: 'l',
      says: `slow door sensors, ${SLOW_SENSOR_MS} ms (again: quick)`,
      act: (s) => {
        toggles.slow = !toggles.slow;
        for (const board of s.boards.values()) board.sensorDelayMs = toggles.slow ? SLOW_SENSOR_MS : 50;
        return toggles.slow ? `door sensors now lag their locks by ${SLOW_SENSOR_MS} ms` : 'door sensors quick again';
      },
    },
    {
      key: 'i',
      says: 'put something in every compartment (again: empty them; CU16 infrared)',
      act: (s) => {
        toggles.items = !toggles.items;
        eachDoor(s, (board, door) => (toggles.items ? board.putItem(door) : board.takeItem(door)));
        return toggles.items ? 'every compartment holds something' : 'every compartment empty';
      },
    },
    {
      key: 'g',
      says: 'garbage before every reply (again: clean)',
      act: (s) => {
        toggles.garbage = !toggles.garbage;
        s.setFaults({ garbageBeforeReplies: toggles.garbage });
        return toggles.garbage ? 'garbage bytes now precede every reply' : 'replies clean again';
      },
    },
    {
      key: 'm',
      says: 'boards silent, as if missing (again: back)',
      act: (s) => {
        toggles.silent = !toggles.silent;
        s.setFaults({ silent: toggles.silent });
        return toggles.silent ? 'no board answers any more' : 'boards answer again';
      },
    },
  ];
};

export const lockerDemoHelp = (keys: readonly LockerDemoKey[]): string =>
  `simulated lock boards — press: ${keys.map(({ key, says }) => `${key} ${says}`).join(' · ')}`;

/**
 * Reads keys from a terminal (one at a time on a TTY) and acts on the simulated boards; says every unlock the
 * boards receive. Ctrl+C still interrupts. Returns a function that stops listening.
 */
export const attachLockerDemoControl = (simulator: LockerBusSimulator, input: NodeJS.ReadStream, say: (line: string) => void): (() => void) => {
  const keys = lockerDemoKeys();
  const onCommand = (said: string) => {
    if (said.startsWith('unlock')) say(`lock boards: ${said}`);
  };
  const onData = (chunk: Buffer) => {
    for (const char of chunk.toString()) {
      if (char === '\u0003') {
        process.kill(process.pid, 'SIGINT');
        return;
      }
      const action = keys.find(({ key }) => key === char.toLowerCase());
      if (action !== undefined) say(`lock boards: ${action.act(simulator)}`);
    }
  };
  simulator.on('command', onCommand);
  if (input.isTTY) input.setRawMode(true);
  input.on('data', onData);
  input.resume();
  say(lockerDemoHelp(keys));
  return () => {
    simulator.off('command', onCommand);
    input.off('data', onData);
    if (input.isTTY) input.setRawMode(false);
    input.pause();
  };
};
