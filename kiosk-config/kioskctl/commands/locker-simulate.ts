import path from 'node:path';
import { LOCKER_PROTOCOL_NAMES, LOCKER_PROTOCOLS, type LockerProtocolName } from '../../../drivers/locker/board-protocols.ts';
import { DOOR_FEEDBACKS, type DoorFeedback } from '../../../drivers/locker/door-sensor.ts';
import { STATUS_BYTE_ORDERS, type StatusByteOrder } from '../../../drivers/locker/status-bitmap.ts';
import { attachLockerDemoControl } from '../../../drivers/simulators/locker-demo-control.ts';
import { LockerBusSimulator } from '../../../drivers/simulators/locker-bus-simulator.ts';
import { createPtyPair, SocatMissing } from '../../../drivers/simulators/pty-pair.ts';
import { untilStopSignal } from '../../../main/common/stop-signal.ts';
import type { KioskctlCommand } from '../command.ts';
import { oneOf, wholeNumber } from '../option-values.ts';

/**
 * `locker simulate --port <path> --protocol <p> [--boards 1,2] …`: simulated lock boards for training and bench
 * work. Creates a pseudo-terminal at <path> (point `locker status|open --port` or a terminal config at it), says
 * every unlock, and plays door and bus faults from the keyboard until Ctrl+C.
 */
export const lockerSimulate: KioskctlCommand = {
  words: ['locker', 'simulate'],
  summary: 'run simulated lock-control boards on a pseudo-terminal, played from the keyboard',
  arguments: [],
  options: {
    port: { type: 'string' },
    protocol: { type: 'string' },
    boards: { type: 'string' },
    doors: { type: 'string' },
    feedback: { type: 'string', default: 'door-closing' },
    'byte-order': { type: 'string', default: 'high-first' },
  },
  optionHelp: [
    '--port <path>       where to create the bus\'s pseudo-terminal (e.g. /tmp/locker-bus)',
    `--protocol <p>      ${LOCKER_PROTOCOL_NAMES.join(', ')}`,
    '--boards <a,b,…>    board addresses on the bus (default: the lowest address the protocol allows)',
    '--doors <n>         doors per board (default: the protocol\'s usual board)',
    '--feedback <f>      how the simulated door switches are wired: door-closing (default) or door-opening',
    '--byte-order <o>    generic-8a read-all byte order: high-first (default) or low-first',
  ],
  async run({ options, io }) {
    const port = options['port'];
    const name = options['protocol'];
    if (typeof port !== 'string' || port === '') return (io.stderr('locker simulate needs --port <path>'), 2);
    if (!oneOf<LockerProtocolName>(name, LOCKER_PROTOCOL_NAMES)) return (io.stderr(`--protocol must be ${LOCKER_PROTOCOL_NAMES.join(', ')}, not "${String(name ?? '')}"`), 2);
    const protocol = LOCKER_PROTOCOLS[name];
    const { min, max } = protocol.boardAddresses;
    const boardList = typeof options['boards'] === 'string' ? options['boards'].split(',').map((a) => a.trim()) : [String(min)];
    const addresses = boardList.map((a) => wholeNumber(a) ?? Number.NaN);
    if (addresses.some((a) => !(a >= min && a <= max)) || new Set(addresses).size !== addresses.length) {
      return (io.stderr(`--boards must list different ${name} addresses ${min}–${max}, not "${String(options['boards'])}"`), 2);
    }
    const doors = options['doors'] === undefined ? protocol.defaultDoors : wholeNumber(options['doors']);
    if (doors === null || doors < 1 || doors > protocol.maxDoors) return (io.stderr(`--doors must be 1–${protocol.maxDoors}, not "${String(options['doors'])}"`), 2);
    const feedback = options['feedback'];
    if (!oneOf<DoorFeedback>(feedback, DOOR_FEEDBACKS)) return (io.stderr(`--feedback must be door-closing or door-opening, not "${String(feedback)}"`), 2);
    const byteOrder = options['byte-order'];
    if (!oneOf<StatusByteOrder>(byteOrder, STATUS_BYTE_ORDERS)) return (io.stderr(`--byte-order must be high-first or low-first, not "${String(byteOrder)}"`), 2);

    const devicePath = path.resolve(port);
    let pty;
    try {
      pty = await createPtyPair(devicePath);
    } catch (error) {
      io.stderr(error instanceof SocatMissing ? error.message : `cannot create a pseudo-terminal at ${devicePath}: ${(error as Error).message}`);
      return 1;
    }
    const simulator = await LockerBusSimulator.start({
      path: pty.simulatorPath,
      protocol: name,
      boards: addresses.map((address) => ({ address, doors, feedback, byteOrder })),
    });
    io.stdout(`simulated ${name} boards ${addresses.join(', ')} (${doors} doors each, ${feedback} feedback) at ${devicePath} (${protocol.defaultBaudRate} 8N1)`);
    const detach = attachLockerDemoControl(simulator, process.stdin, io.stdout);
    await untilStopSignal(); // Ctrl+C, or the system stopping it
    detach();
    await simulator.stop();
    await pty.stop();
    return 0;
  },
};
