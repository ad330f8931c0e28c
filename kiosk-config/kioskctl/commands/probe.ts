import { listAttachedDevices } from '../../../drivers/manager/attached/attached-devices.ts';
import { DEFAULT_REPLY_TIMEOUT_MS, probeSerialPorts, type PortFinding } from '../../../drivers/manager/probe/serial-port-probe.ts';
import type { KioskctlCommand } from '../command.ts';
import { deviceRootsFromEnvironment } from '../device-roots.ts';
import { wholeNumber } from '../option-values.ts';

/** The highest board address of any locker protocol (generic 8A: 1–31). */
const MAX_BOARD = 31;
const MAX_REPLY_TIMEOUT_MS = 5000;

const describe = (finding: PortFinding): string => {
  switch (finding.device) {
    case 'idcard-reader':
      return `ID card reader (GA 467 SAM) at ${finding.baud} baud`;
    case 'receipt-printer':
      return `receipt printer (ESC/POS) at ${finding.baud} baud`;
    case 'locker-bus':
      return `lock-control boards (${finding.protocol}) at ${finding.baud} baud: board${finding.boards.length === 1 ? '' : 's'} ${finding.boards.join(', ')}`;
    case 'unknown':
      if (finding.error === undefined) return 'nothing answered';
      // Serial ports belong to the dialout group on Debian: the usual reason a technician's own account cannot open one.
      return `cannot open: ${finding.error}${/permission denied/i.test(finding.error) ? ' (run as root, or add the user to the dialout group)' : ''}`;
  }
};

/** A comma-separated list with no empty item, or null. */
const list = (value: string): string[] | null => {
  const items = value.split(',').map((item) => item.trim());
  return items.some((item) => item === '') ? null : items;
};

/**
 * `probe [--ports P1,P2,…] [--boards B1,B2,…] [--reply-timeout <ms>] [--json]`: which device is on which serial port,
 * by each protocol's harmless handshake. One entry per port, in the order given (or as `devices` lists them); exit 0
 * whatever it found.
 */
export const probe: KioskctlCommand = {
  words: ['probe'],
  summary: 'find which device is on which serial port (ID card reader, receipt printer, lock-control boards)',
  arguments: [],
  options: { ports: { type: 'string' }, boards: { type: 'string' }, 'reply-timeout': { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: [
    '--ports <p1,p2,…>      the serial ports to probe (default: every serial port kioskctl devices lists)',
    '--boards <b1,b2,…>     lock-control board addresses to ask (default: 1–16; Kerong CU48 0–9, CU16 0–14)',
    `--reply-timeout <ms>   how long an ID card reader or a board has to answer each question (default ${DEFAULT_REPLY_TIMEOUT_MS})`,
    '--json                 print one JSON array, an entry per port',
  ],
  async run({ positionals, options, io }) {
    if (positionals.length > 0) {
      io.stderr(`probe takes no arguments, not "${positionals.join(' ')}" (name ports with --ports)`);
      return 2;
    }
    const portsOption = options['ports'];
    const givenPorts = typeof portsOption === 'string' ? list(portsOption) : undefined;
    if (givenPorts === null) {
      io.stderr('--ports must list serial ports separated by commas (e.g. /dev/ttyUSB0,/dev/ttyUSB1)');
      return 2;
    }
    const boardsOption = options['boards'];
    let boards: number[] | undefined;
    if (typeof boardsOption === 'string') {
      const numbers = (list(boardsOption) ?? ['']).map(wholeNumber);
      if (numbers.some((board) => board === null || board > MAX_BOARD)) {
        io.stderr(`--boards must list board addresses 0–${MAX_BOARD} separated by commas, not "${boardsOption}"`);
        return 2;
      }
      boards = numbers as number[];
    }
    const timeoutOption = options['reply-timeout'];
    const replyTimeoutMs = timeoutOption === undefined ? DEFAULT_REPLY_TIMEOUT_MS : wholeNumber(timeoutOption);
    if (replyTimeoutMs === null || replyTimeoutMs < 1 || replyTimeoutMs > MAX_REPLY_TIMEOUT_MS) {
      io.stderr(`--reply-timeout must be 1–${MAX_REPLY_TIMEOUT_MS} ms, not "${String(timeoutOption)}"`);
      return 2;
    }
    const ports = givenPorts ?? (await listAttachedDevices(deviceRootsFromEnvironment())).serialPorts.map((port) => port.path);
    const findings = await probeSerialPorts(ports, { replyTimeoutMs, ...(boards === undefined ? {} : { boards }) });
    if (options['json'] === true) io.stdout(JSON.stringify(findings));
    else if (findings.length === 0) io.stdout('no serial ports to probe (kioskctl devices lists what is attached)');
    else {
      const width = Math.max(...findings.map((finding) => finding.port.length));
      for (const finding of findings) io.stdout(`${finding.port.padEnd(width)}  ${describe(finding)}`);
    }
    return 0;
  },
};
