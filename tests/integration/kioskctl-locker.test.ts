import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockerProtocolName } from '../../drivers/locker/board-protocols.ts';
import { startNodeProcess } from '../support/processes.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { startSimulatedLockers, type SimulatedLockers } from '../support/simulated-locker.ts';

/** `kioskctl locker status|open` as a technician runs them, as their own processes, against simulated boards on a pty. */
interface Cabinet {
  protocol: LockerProtocolName;
  board: number;
  doors: number;
  missing: number;
}

const cabinets: Cabinet[] = [
  { protocol: 'generic-8a', board: 1, doors: 24, missing: 9 },
  { protocol: 'kerong-cu48', board: 3, doors: 48, missing: 7 },
  { protocol: 'kerong-cu16', board: 0, doors: 16, missing: 2 },
];

const lockers = new Map<LockerProtocolName, SimulatedLockers>();
beforeAll(async () => {
  for (const { protocol, board, doors } of cabinets) {
    lockers.set(protocol, await startSimulatedLockers({ protocol, boards: [{ address: board, doors }, { address: board + 1, doors, feedback: 'door-opening', byteOrder: 'low-first' }] }));
  }
});
afterAll(async () => {
  for (const simulated of lockers.values()) await simulated.stop();
});

const simulated = (protocol: LockerProtocolName) => {
  const found = lockers.get(protocol);
  if (found === undefined) throw new Error(`no simulator for ${protocol}`);
  return found;
};

const locker = (protocol: LockerProtocolName, ...args: string[]) =>
  runKioskctl('locker', args[0] ?? '', '--port', simulated(protocol).pty.devicePath, '--protocol', protocol, ...args.slice(1));

describe('kioskctl locker status and open', () => {
  // The three cabinets are independent: their rounds run side by side.
  it.concurrent.each(cabinets)('a technician\'s round on a $protocol cabinet', async ({ protocol, board, doors, missing }) => {
    const boards = simulated(protocol).simulator;
    boards.board(board).openByHand(2);
    const status = await locker(protocol, 'status', '--board', String(board), '--json');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(status.stdout)).toEqual({
      board,
      doors: Array.from({ length: doors }, (_, i) => ({ door: i + 1, state: i + 1 === 2 ? 'open' : 'closed' })),
    });

    const opened = await locker(protocol, 'open', '--board', String(board), '--door', '5', '--json');
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(opened.stdout)).toEqual({ board, door: 5, result: 'opened' });
    expect(boards.board(board).isOpen(5)).toBe(true);
    expect(boards.board(board).unlocks).toEqual([5]);

    boards.board(board).jam(6);
    const jammed = await locker(protocol, 'open', '--board', String(board), '--door', '6', '--json');
    expect(jammed.code).toBe(1);
    expect(JSON.parse(jammed.stdout)).toEqual({ board, door: 6, result: 'jammed' });
    expect(jammed.stderr.trim()).toMatch(/^board \d+ door 6 did not read open within 2000 ms of the unlock: the door is jammed or held/);

    const absent = await locker(protocol, 'open', '--board', String(missing), '--door', '1', '--json');
    expect(absent.code).toBe(1);
    expect(JSON.parse(absent.stdout)).toEqual({ board: missing, door: 1, result: 'no-response' });
    expect(absent.stderr.trim().split('\n')).toHaveLength(1);
    expect(absent.stderr).toContain(`board ${missing} on ${simulated(protocol).pty.devicePath} did not answer`);

    const absentStatus = await locker(protocol, 'status', '--board', String(missing), '--json');
    expect(absentStatus).toMatchObject({ code: 1, stdout: '' });
    expect(absentStatus.stderr).toMatch(/did not answer .*check its address switches/);
  });

  it('reads a board wired door-opening (and, for generic-8a, sending channels 1–8 first) when told so', async () => {
    const { simulator } = simulated('generic-8a');
    simulator.board(2).openByHand(10);
    const result = await locker('generic-8a', 'status', '--board', '2', '--feedback', 'door-opening', '--byte-order', 'low-first', '--doors', '12', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout).doors.filter((d: { state: string }) => d.state === 'open')).toEqual([{ door: 10, state: 'open' }]);
    const cu16 = simulated('kerong-cu16').simulator;
    cu16.board(1).openByHand(16);
    const opened = await locker('kerong-cu16', 'open', '--board', '1', '--door', '3', '--feedback', 'door-opening', '--json');
    expect(JSON.parse(opened.stdout)).toEqual({ board: 1, door: 3, result: 'opened' });
    const status = await locker('kerong-cu16', 'status', '--board', '1', '--feedback', 'door-opening', '--json');
    expect(JSON.parse(status.stdout).doors.filter((d: { state: string }) => d.state === 'open').map((d: { door: number }) => d.door)).toEqual([3, 16]);
  });

  it('prints readable text without --json, with what the CU16 infrared sees', async () => {
    const { simulator } = simulated('kerong-cu16');
    simulator.board(0).putItem(9);
    const result = await locker('kerong-cu16', 'status', '--board', '0', '--doors', '10');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('board 0 (kerong-cu16, door-closing feedback):');
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe('  door  9  closed  (something inside)');
  });

  it.each([
    [['status', '--board', '1', '--json'], 'kerong-x', /^--protocol must be generic-8a, kerong-cu16, kerong-cu48, not "kerong-x"$/],
    [['status', '--board', '32'], 'generic-8a', /^--board must be a generic-8a board address 1–31/],
    [['status', '--board', '10'], 'kerong-cu48', /^--board must be a kerong-cu48 board address 0–9/],
    [['status', '--board', '1', '--byte-order', 'low-first'], 'kerong-cu48', /^--byte-order applies to generic-8a boards only/],
    [['status', '--board', '1', '--feedback', 'nc'], 'kerong-cu16', /^--feedback must be door-closing or door-opening/],
    [['status', '--board', '1', '--doors', '17'], 'kerong-cu16', /^--doors must be 1–16 for kerong-cu16/],
    [['open', '--board', '1', '--door', '25'], 'generic-8a', /^--door must be 1–24/],
    [['open', '--board', '1', '--door', '1', '--colour', 'red'], 'generic-8a', /^unknown option: --colour/],
  ])('refuses %j on %s with exit 2 and one line', async (args, protocol, message) => {
    const result = await runKioskctl('locker', ...(args as string[]).slice(0, 1), '--port', '/dev/null', '--protocol', protocol, ...(args as string[]).slice(1));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when the port cannot be opened; open still prints its outcome', async () => {
    const result = await runKioskctl('locker', 'open', '--port', '/nonexistent/ttyRS485', '--protocol', 'kerong-cu48', '--board', '0', '--door', '1', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ board: 0, door: 1, result: 'no-response' });
    expect(result.stderr.trim()).toMatch(/^cannot open \/nonexistent\/ttyRS485: /);
  });

  it('has --help for each locker command', async () => {
    for (const command of ['status', 'open', 'simulate']) {
      const help = await runKioskctl('locker', command, '--help');
      expect(help).toMatchObject({ code: 0 });
      expect(help.stdout).toContain(`usage: kioskctl locker ${command}`);
    }
  });
});

describe('kioskctl locker simulate', () => {
  it('runs boards on a pseudo-terminal that locker open can drive, and says every unlock', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-locker-sim-'));
    const port = path.join(dir, 'locker-bus');
    const { process: simulate } = await startNodeProcess(
      'kiosk-config/kioskctl/main.ts',
      ['locker', 'simulate', '--port', port, '--protocol', 'kerong-cu16', '--boards', '0,1', '--doors', '12'],
      /press: /,
    );
    try {
      expect(simulate.output()).toContain(`simulated kerong-cu16 boards 0, 1 (12 doors each, door-closing feedback) at ${port} (19200 8N1)`);
      const result = await runKioskctl('locker', 'open', '--port', port, '--protocol', 'kerong-cu16', '--board', '1', '--door', '12', '--json');
      expect(JSON.parse(result.stdout)).toEqual({ board: 1, door: 12, result: 'opened' });
      expect(simulate.output()).toContain('lock boards: unlock board 1 door 12');
    } finally {
      await simulate.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
