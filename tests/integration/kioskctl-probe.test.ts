import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { hex } from '../support/hex.ts';
import { startSimulatedLockers, type SimulatedLockers } from '../support/simulated-locker.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { runKioskctlWith } from '../support/run-kioskctl.ts';

/**
 * `kioskctl probe`: which device is on which port, found by each protocol's harmless handshake, against simulators on
 * real pseudo-terminals it was not told about — an ID card reader, a receipt printer, lock-control boards of each
 * protocol, a pty with nothing on the other end and a port that does not exist.
 */
const kioskctl = runKioskctlWith;

/** A loaded 2-core machine answers a simulator's reply within this; the default is shorter (docs/kioskctl.md). */
const REPLY_TIMEOUT = ['--reply-timeout', '300'];

const cabinets: ReadonlyArray<{ protocol: LockerProtocolName; boards: number[]; baud: number }> = [
  { protocol: 'generic-8a', boards: [1, 3], baud: 9600 },
  { protocol: 'kerong-cu16', boards: [0, 2], baud: 19200 },
  { protocol: 'kerong-cu48', boards: [1, 4], baud: 19200 },
];

let dir: string;
let sam: SimulatedSam;
let printer: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
const lockers = new Map<LockerProtocolName, SimulatedLockers>();
let empty: PtyPair;
let missing: string;
let notATty: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-probe-'));
  sam = await startSimulatedSam();
  printer = await startSimulatedPrinterSide();
  for (const { protocol, boards } of cabinets) {
    lockers.set(protocol, await startSimulatedLockers({ protocol, boards: boards.map((address) => ({ address, doors: 8 })) }));
  }
  empty = await createPtyPair(path.join(dir, 'ttyEMPTY'));
  missing = path.join(dir, 'ttyNOPE');
  notATty = path.join(dir, 'notes.txt');
  await writeFile(notATty, 'not a serial port\n');
}, 30_000);
afterAll(async () => {
  await sam.stop();
  await printer.stop();
  for (const simulated of lockers.values()) await simulated.stop();
  await empty.stop();
  await rm(dir, { recursive: true, force: true });
});

const lockerPort = (protocol: LockerProtocolName): string => {
  const simulated = lockers.get(protocol);
  if (simulated === undefined) throw new Error(`no simulated ${protocol} boards`);
  return simulated.pty.devicePath;
};

describe('kioskctl probe', () => {
  it('says which device is on which of the ports it is given, in their order, and what did not answer', async () => {
    printer.simulator.clearPrinted();
    const ports = [lockerPort('kerong-cu48'), empty.devicePath, printer.pty.devicePath, lockerPort('generic-8a'), missing, sam.pty.devicePath, lockerPort('kerong-cu16')];
    const started = performance.now();
    const result = await kioskctl({}, 'probe', '--ports', ports.join(','), ...REPLY_TIMEOUT, '--json');
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      { port: lockerPort('kerong-cu48'), device: 'locker-bus', protocol: 'kerong-cu48', baud: 19200, boards: [1, 4] },
      { port: empty.devicePath, device: 'unknown' },
      { port: printer.pty.devicePath, device: 'receipt-printer', baud: 115200 },
      { port: lockerPort('generic-8a'), device: 'locker-bus', protocol: 'generic-8a', baud: 9600, boards: [1, 3] },
      { port: missing, device: 'unknown', error: 'No such file or directory' },
      { port: sam.pty.devicePath, device: 'idcard-reader', baud: 115200 },
      { port: lockerPort('kerong-cu16'), device: 'locker-bus', protocol: 'kerong-cu16', baud: 19200, boards: [0, 2] },
    ]);
    // The ports are probed side by side: the whole probe takes about as long as its slowest port.
    expect(seconds).toBeLessThan(40);

    // The printer was sent one status request (DLE EOT 1) and nothing else: nothing waits in its buffer to be printed.
    expect(hex(printer.simulator.received)).toBe('10 04 01');
    expect(printer.simulator.printed).toEqual(new Uint8Array());

    // No board was unlocked, and no unlock was heard on any bus, not even for a board that is not there.
    for (const { protocol, boards } of cabinets) {
      const simulated = lockers.get(protocol);
      for (const board of simulated?.simulator.boards.values() ?? []) expect(board.unlocks).toEqual([]);
      expect(simulated?.simulator.heard.filter((said) => /unlock|open/i.test(said))).toEqual([]);
      expect(simulated?.simulator.heard).toEqual(expect.arrayContaining(boards.map((board) => expect.stringMatching(new RegExp(`^(status of|read) board ${board}$`)))));
    }
  }, 60_000);

  it('finds a printer that is out of paper and slow to answer, and sends it nothing but DLE EOT', async () => {
    printer.simulator.clearPrinted();
    printer.simulator.setState('out');
    printer.simulator.setReplyDelay(250);
    try {
      const result = await kioskctl({}, 'probe', '--ports', printer.pty.devicePath, '--json');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual([{ port: printer.pty.devicePath, device: 'receipt-printer', baud: 115200 }]);
      expect(hex(printer.simulator.received)).toBe('10 04 01');
    } finally {
      printer.simulator.setState('ok');
      printer.simulator.setReplyDelay(0);
    }
  }, 60_000);

  it('asks only the boards it is given with --boards, and finds them through line noise and split replies', async () => {
    const generic = lockers.get('generic-8a')?.simulator;
    generic?.setFaults({ garbageBeforeReplies: true, chunkSize: 2, chunkGapMs: 2 });
    onTestFinished(() => generic?.clearFaults());
    const result = await kioskctl({}, 'probe', '--ports', `${lockerPort('generic-8a')},${lockerPort('kerong-cu16')}`, '--boards', '2,3', ...REPLY_TIMEOUT, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      { port: lockerPort('generic-8a'), device: 'locker-bus', protocol: 'generic-8a', baud: 9600, boards: [3] },
      { port: lockerPort('kerong-cu16'), device: 'locker-bus', protocol: 'kerong-cu16', baud: 19200, boards: [2] },
    ]);
  }, 60_000);

  it('without --ports probes every serial port kioskctl devices lists', async () => {
    // A /sys with two USB serial adapters whose /dev nodes lead to the reader's and the printer's ptys.
    const sys = path.join(dir, 'sys');
    const dev = path.join(dir, 'dev');
    for (const [name, target] of [['ttyUSB0', sam.pty.devicePath], ['ttyUSB1', printer.pty.devicePath]] as const) {
      const usbDevice = path.join(sys, 'devices/usb1', `1-${name.at(-1)}`);
      await mkdir(path.join(usbDevice, '1-1:1.0', name), { recursive: true });
      await mkdir(path.join(sys, 'class/tty', name), { recursive: true });
      await symlink(path.join(usbDevice, '1-1:1.0', name), path.join(sys, 'class/tty', name, 'device'));
      await mkdir(dev, { recursive: true });
      await symlink(target, path.join(dev, name));
    }
    const result = await kioskctl({ KIOSK_SYSFS_ROOT: sys, KIOSK_DEV_ROOT: dev }, 'probe', ...REPLY_TIMEOUT, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      { port: path.join(dev, 'ttyUSB0'), device: 'idcard-reader', baud: 115200 },
      { port: path.join(dev, 'ttyUSB1'), device: 'receipt-printer', baud: 115200 },
    ]);
  }, 60_000);

  it('tells a person the same in words, without --json', async () => {
    const ports = [sam.pty.devicePath, lockerPort('kerong-cu48'), missing, notATty];
    const result = await kioskctl({}, 'probe', '--ports', ports.join(','), '--boards', '1', ...REPLY_TIMEOUT);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const width = Math.max(...ports.map((port) => port.length));
    expect(result.stdout.split('\n')).toEqual([
      `${ports[0]?.padEnd(width)}  ID card reader (GA 467 SAM) at 115200 baud`,
      `${ports[1]?.padEnd(width)}  lock-control boards (kerong-cu48) at 19200 baud: board 1`,
      `${ports[2]?.padEnd(width)}  cannot open: No such file or directory`,
      `${ports[3]?.padEnd(width)}  cannot open: not a serial port (Inappropriate ioctl for device)`,
      '',
    ]);
  }, 60_000);

  it.each([
    [['--ports', ''], '--ports must list serial ports separated by commas (e.g. /dev/ttyUSB0,/dev/ttyUSB1)'],
    [['--ports', '/dev/ttyUSB0,,/dev/ttyUSB1'], '--ports must list serial ports separated by commas (e.g. /dev/ttyUSB0,/dev/ttyUSB1)'],
    [['--boards', '1,x'], '--boards must list board addresses 0–31 separated by commas, not "1,x"'],
    [['--boards', '32'], '--boards must list board addresses 0–31 separated by commas, not "32"'],
    [['--reply-timeout', '0'], '--reply-timeout must be 1–5000 ms, not "0"'],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const result = await kioskctl({}, 'probe', ...args, '--json');
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});
