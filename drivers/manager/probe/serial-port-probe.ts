import { systemDriverClock, type DriverClock } from '../../clock/driver-clock.ts';
import { LOCKER_PROTOCOL_NAMES, LOCKER_PROTOCOLS, type LockerProtocolName } from '../../locker/board-protocols.ts';
import { DEFAULT_LOCKER_BUS_TIMING } from '../../locker/locker-bus.ts';
import type { Transport } from '../../transport/transport.ts';
import { transportFor } from '../transport-for.ts';
import { boardStatusHandshake, printerStatusHandshake, samStatusHandshake, type Handshake } from './handshakes.ts';
import { exchangeHandshake } from './reply-exchange.ts';

/** What answered on a serial port (`kioskctl probe`): the device kind a terminal config would give it, and how to reach it. */
export type PortFinding =
  | { port: string; device: 'idcard-reader' | 'receipt-printer'; baud: number }
  | { port: string; device: 'locker-bus'; protocol: LockerProtocolName; baud: number; boards: number[] }
  | { port: string; device: 'unknown'; error?: string };

export interface PortProbeOptions {
  /** How long a SAM or a board has to answer each handshake (the printer has at least PRINTER_REPLY_TIMEOUT_MS). */
  replyTimeoutMs?: number;
  /** Board addresses to ask, of every locker protocol whose range has them; default DEFAULT_BOARD_ADDRESSES. */
  boards?: readonly number[];
  clock?: DriverClock;
}

/** Receipt printers ship at 115200 or 9600, some at 19200 or 38400 (set on DIP switches or by the vendor's tool). */
export const PRINTER_BAUDS = [115200, 9600, 19200, 38400] as const;
/** idcard-sam-protocol.md §1: 115200, and 9600 for older Chinese Vision models. */
export const SAM_BAUDS = [115200, 9600] as const;
/** kioskctl printer status's own wait for a DLE EOT reply: a printer busy with a job answers in this. */
export const PRINTER_REPLY_TIMEOUT_MS = 500;
export const DEFAULT_REPLY_TIMEOUT_MS = 150;
/** The 1–16, within each protocol's range (Kerong boards count from 0: CU48 0–9, CU16 0–14). */
export const DEFAULT_BOARD_ADDRESSES: readonly number[] = Array.from({ length: 17 }, (_, i) => i);

/** A board's answer is framed by silence; between two handshakes the line rests (RS-485 turnaround, §1.5). */
const { silenceMs, quietMs } = DEFAULT_LOCKER_BUS_TIMING;
/** The probe never reconnects: a port that would not open is reported, not retried. */
const NEVER_MS = 3_600_000;

/**
 * serialport says "Error: No such file or directory, cannot open /dev/ttyNOPE": the cause once, without the path twice.
 * A file that is no tty fails at the first ioctl ("Inappropriate ioctl for device setting custom baud rate …").
 */
const openErrorText = (error: Error | undefined, port: string): string => {
  // The transport says "cannot open <port>: <why>" (drivers/transport/open-failure.ts); the entry names the port already.
  const message = (error?.message ?? 'the port did not open').replace(/^Error: /, '').replace(`cannot open ${port}: `, '');
  if (/^Inappropriate ioctl for device/.test(message)) return 'not a serial port (Inappropriate ioctl for device)';
  return /^(.+?), cannot open /.exec(message)?.[1] ?? message;
};

type Line = { baud: number; transport: Transport } | { baud: number; error: string };

const openLine = async (port: string, baud: number): Promise<Line> => {
  const transport = transportFor({ type: 'serial', path: port, baudRate: baud }, 'sam-reader', { retryMs: NEVER_MS, maxRetryMs: NEVER_MS, presenceCheckMs: NEVER_MS });
  let firstError: Error | undefined;
  transport.on('error', (error) => (firstError ??= error));
  await transport.open();
  if (transport.state === 'open') return { baud, transport };
  await transport.close();
  return { baud, error: openErrorText(firstError, port) };
};

const addressesFor = (protocol: LockerProtocolName, boards: readonly number[]): number[] => {
  const { min, max } = LOCKER_PROTOCOLS[protocol].boardAddresses;
  return [...new Set(boards)].filter((board) => board >= min && board <= max).sort((a, b) => a - b);
};

/**
 * Finds what is on one serial port by asking each protocol's harmless question in turn, at each of its usual bauds:
 * DLE EOT first (a port that answers as a printer is sent nothing more: any other bytes would wait in its buffer and
 * come out on the next citizen's receipt), then the SAM status, then every board address of each locker protocol
 * (status reads only). Stops at the first protocol that answers. Never throws: a port that will not open is unknown
 * with the reason.
 */
export const probeSerialPort = async (port: string, options: PortProbeOptions = {}): Promise<PortFinding> => {
  const clock = options.clock ?? systemDriverClock;
  const replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  let line: Line | null = null;
  let lastEnd = -Infinity;
  const at = async (baud: number): Promise<Line> => {
    if (line?.baud === baud) return line;
    if (line !== null && 'transport' in line) await line.transport.close();
    line = await openLine(port, baud);
    return line;
  };
  const ask = async (open: { transport: Transport }, handshake: Handshake, timeoutMs: number): Promise<boolean> => {
    const rest = lastEnd + quietMs - clock.now();
    if (rest > 0) await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), rest));
    const answered = await exchangeHandshake(open.transport, handshake, { replyTimeoutMs: timeoutMs, silenceMs }, clock);
    lastEnd = clock.now();
    return answered;
  };
  try {
    for (const baud of PRINTER_BAUDS) {
      const open = await at(baud);
      if ('error' in open) return { port, device: 'unknown', error: open.error };
      if (await ask(open, printerStatusHandshake(), Math.max(PRINTER_REPLY_TIMEOUT_MS, replyTimeoutMs))) return { port, device: 'receipt-printer', baud };
    }
    for (const baud of SAM_BAUDS) {
      const open = await at(baud);
      if ('error' in open) return { port, device: 'unknown', error: open.error };
      if (await ask(open, samStatusHandshake(), replyTimeoutMs)) return { port, device: 'idcard-reader', baud };
    }
    for (const protocol of LOCKER_PROTOCOL_NAMES) {
      const baud = LOCKER_PROTOCOLS[protocol].defaultBaudRate;
      const open = await at(baud);
      if ('error' in open) return { port, device: 'unknown', error: open.error };
      const boards: number[] = [];
      for (const board of addressesFor(protocol, options.boards ?? DEFAULT_BOARD_ADDRESSES)) {
        if (await ask(open, boardStatusHandshake(protocol, board), replyTimeoutMs)) boards.push(board);
      }
      if (boards.length > 0) return { port, device: 'locker-bus', protocol, baud, boards };
    }
    return { port, device: 'unknown' };
  } finally {
    const last = line as Line | null;
    if (last !== null && 'transport' in last) await last.transport.close();
  }
};

/** Every port at once: each port is its own line, so probing them side by side is safe. In the order given. */
export const probeSerialPorts = (ports: readonly string[], options: PortProbeOptions = {}): Promise<PortFinding[]> =>
  Promise.all(ports.map((port) => probeSerialPort(port, options)));
