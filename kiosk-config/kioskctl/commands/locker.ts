import { LOCKER_PROTOCOL_NAMES, LOCKER_PROTOCOLS, type LockerBoardProtocol, type LockerProtocolName } from '../../../drivers/locker/board-protocols.ts';
import { DOOR_FEEDBACKS, type DoorFeedback } from '../../../drivers/locker/door-sensor.ts';
import { DEFAULT_LOCKER_BUS_TIMING, type BoardProblem, type LockerBus } from '../../../drivers/locker/locker-bus.ts';
import { STATUS_BYTE_ORDERS, type StatusByteOrder } from '../../../drivers/locker/status-bitmap.ts';
import type { CommandInput, CommandIo, KioskctlCommand } from '../command.ts';
import { lockerBusFromFlags, openLockerBus } from '../device-from-flags.ts';
import { oneOf, wholeNumber } from '../option-values.ts';
import { recordTechnicianAction, technicianAuditHelp, TECHNICIAN_AUDIT_OPTIONS } from '../technician-record.ts';

const busOptions = {
  port: { type: 'string' },
  protocol: { type: 'string' },
  board: { type: 'string' },
  feedback: { type: 'string' },
  'byte-order': { type: 'string' },
  doors: { type: 'string' },
  baud: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const busOptionHelp = [
  '--port <path>          the RS-485 adapter\'s serial port (e.g. /dev/ttyUSB1)',
  `--protocol <p>         ${LOCKER_PROTOCOL_NAMES.join(', ')}`,
  '--board <n>            the board\'s address as set on its switches (generic-8a 1–31, kerong-cu48 0–9, kerong-cu16 0–14)',
  '--feedback <f>         door-closing (default: the sensor reads 1 while the door is closed) or door-opening',
  '--byte-order <o>       generic-8a read-all byte order: high-first (default) or low-first',
  '--doors <n>            doors on the board (default: 24 generic-8a, 48 kerong-cu48, 16 kerong-cu16)',
  '--baud <n>             default 9600 for generic-8a, 19200 for Kerong',
];

interface BusSettings {
  port: string;
  protocol: LockerBoardProtocol;
  board: number;
  doors: number;
  feedback: DoorFeedback;
  byteOrder: StatusByteOrder;
  baudRate: number;
}

/** The bus and board the options name, or the one line that says what is wrong with them (exit 2). */
const parseBusOptions = (options: CommandInput['options'], command: string): BusSettings | string => {
  const port = options['port'];
  if (typeof port !== 'string' || port === '') return `${command} needs --port <path>`;
  const name = options['protocol'];
  if (!oneOf<LockerProtocolName>(name, LOCKER_PROTOCOL_NAMES)) {
    return `--protocol must be ${LOCKER_PROTOCOL_NAMES.join(', ')}, not "${String(name ?? '')}"`;
  }
  const protocol = LOCKER_PROTOCOLS[name];
  const { min, max } = protocol.boardAddresses;
  const board = wholeNumber(options['board']);
  if (board === null || board < min || board > max) {
    return `--board must be a ${name} board address ${min}–${max} as set on its switches, not "${String(options['board'] ?? '')}"`;
  }
  const feedback = options['feedback'] ?? 'door-closing';
  if (!oneOf<DoorFeedback>(feedback, DOOR_FEEDBACKS)) return `--feedback must be door-closing or door-opening, not "${String(feedback)}"`;
  const byteOrder = options['byte-order'] ?? 'high-first';
  if (!oneOf<StatusByteOrder>(byteOrder, STATUS_BYTE_ORDERS)) return `--byte-order must be high-first or low-first, not "${String(byteOrder)}"`;
  if (options['byte-order'] !== undefined && name !== 'generic-8a') return '--byte-order applies to generic-8a boards only (Kerong documents its order)';
  const doors = options['doors'] === undefined ? protocol.defaultDoors : wholeNumber(options['doors']);
  if (doors === null || doors < 1 || doors > protocol.maxDoors) return `--doors must be 1–${protocol.maxDoors} for ${name}, not "${String(options['doors'])}"`;
  const baudRate = options['baud'] === undefined ? protocol.defaultBaudRate : wholeNumber(options['baud']);
  if (baudRate === null || baudRate <= 0) return `--baud must be a positive whole number, not "${String(options['baud'])}"`;
  return { port, protocol, board, doors, feedback, byteOrder, baudRate };
};

/** Opens the bus, or says why the port would not open. */
const openBus = async (settings: BusSettings): Promise<{ bus: LockerBus; openError: string | null; stop: () => Promise<void> }> => {
  const opened = await openLockerBus(lockerBusFromFlags({ ...settings, protocol: settings.protocol.name }));
  if (opened.openError !== null) await opened.stop();
  return { bus: opened.device, openError: opened.openError, stop: opened.stop };
};

const silentBoard = (settings: BusSettings, problem: BoardProblem): string =>
  problem === 'corrupt-replies'
    ? `board ${settings.board} on ${settings.port} answered only with corrupt frames: check the baud rate (${settings.baudRate}), the A/B wiring and the bus termination`
    : `board ${settings.board} on ${settings.port} did not answer (${settings.protocol.name} at ${settings.baudRate} baud): check its address switches, its power, the A/B wiring and the baud rate`;

const run = async (input: CommandInput, command: string, act: (settings: BusSettings, io: CommandIo) => Promise<number>): Promise<number> => {
  const settings = parseBusOptions(input.options, command);
  if (typeof settings === 'string') {
    input.io.stderr(settings);
    return 2;
  }
  return act(settings, input.io);
};

/** `locker status … --board <n> --json` → {board, doors: [{door, state}]}; exit 0 when the board answered. */
export const lockerStatus: KioskctlCommand = {
  words: ['locker', 'status'],
  summary: 'read the door sensors of one lock-control board',
  arguments: [],
  options: busOptions,
  optionHelp: [...busOptionHelp, '--json                 print one JSON object'],
  run: (input) =>
    run(input, 'locker status', async (settings, io) => {
      const { bus, openError, stop } = await openBus(settings);
      if (openError !== null) {
        io.stderr(openError);
        return 1;
      }
      try {
        const status = await bus.status(settings.board);
        if (!status.answered) {
          io.stderr(silentBoard(settings, status.problem));
          return 1;
        }
        if (input.options['json'] === true) {
          io.stdout(JSON.stringify({ board: settings.board, doors: status.doors.map(({ door, state }) => ({ door, state })) }));
        } else {
          io.stdout(`board ${settings.board} (${settings.protocol.name}, ${settings.feedback} feedback):`);
          for (const { door, state, itemPresent } of status.doors) {
            io.stdout(`  door ${String(door).padStart(2)}  ${state}${itemPresent === true ? '  (something inside)' : ''}`);
          }
        }
        return 0;
      } finally {
        await stop();
      }
    }),
};

/**
 * `locker open … --board <n> --door <m> --json` → {board, door, result}; printed whatever the result, exit 0 only for
 * opened. On a terminal the opening is recorded in its audit log before the unlock is sent (and a door that did not
 * open after it); when the log cannot be written the door is not unlocked: one line on stderr, nothing on stdout.
 */
export const lockerOpen: KioskctlCommand = {
  words: ['locker', 'open'],
  summary: 'unlock one door and confirm it opened by reading its sensor',
  arguments: [],
  options: { ...busOptions, ...TECHNICIAN_AUDIT_OPTIONS, door: { type: 'string' } },
  optionHelp: [...busOptionHelp, '--door <m>             the door to open, from 1 as printed on the cabinet', technicianAuditHelp(23), '--json                 print one JSON object'],
  run: (input) =>
    run(input, 'locker open', async (settings, io) => {
      const door = wholeNumber(input.options['door']);
      if (door === null || door < 1 || door > settings.doors) {
        io.stderr(`--door must be 1–${settings.doors} (a door of board ${settings.board}), not "${String(input.options['door'] ?? '')}"`);
        return 2;
      }
      const say = (result: 'opened' | 'jammed' | 'no-response') => {
        if (input.options['json'] === true) io.stdout(JSON.stringify({ board: settings.board, door, result }));
        else io.stdout(`board ${settings.board} door ${door}: ${result}`);
      };
      const subject = `board ${settings.board} door ${door} on ${settings.port}`;
      const recording = await recordTechnicianAction(input.options, { kind: 'door-opening', subject, reason: 'kioskctl locker open' });
      if ('problem' in recording) {
        io.stderr(recording.problem);
        return 1;
      }
      const recordFailure = async (result: 'jammed' | 'no-response') => {
        if (recording.recorded === null) return;
        const failure = await recordTechnicianAction(input.options, { kind: 'door-not-opened', subject, reason: result });
        if ('problem' in failure) io.stderr(failure.problem);
      };
      const { bus, openError, stop } = await openBus(settings);
      if (openError !== null) {
        await recordFailure('no-response');
        say('no-response');
        io.stderr(openError);
        return 1;
      }
      try {
        const { result } = await bus.open(settings.board, door);
        if (result !== 'opened') await recordFailure(result);
        say(result);
        if (result === 'jammed') {
          io.stderr(
            `board ${settings.board} door ${door} did not read open within ${DEFAULT_LOCKER_BUS_TIMING.confirmWindowMs} ms of the unlock: ` +
              `the door is jammed or held, or its sensor is wired the other way (try --feedback ${settings.feedback === 'door-closing' ? 'door-opening' : 'door-closing'})`,
          );
        }
        if (result === 'no-response') io.stderr(silentBoard(settings, 'no-response'));
        return result === 'opened' ? 0 : 1;
      } finally {
        await stop();
      }
    }),
};
