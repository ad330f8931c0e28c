import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { runKioskctl, runKioskctlWith } from '../support/run-kioskctl.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';

/** `kioskctl idcard read` as a technician runs it, against the simulated reader on a real pty. */
let sam: SimulatedSam;
let simulator: SimulatedSam['simulator'];

beforeAll(async () => {
  sam = await startSimulatedSam();
  simulator = sam.simulator;
});
afterAll(() => sam.stop());

const read = (...extra: string[]) => runKioskctl('idcard', 'read', '--port', sam.pty.devicePath, ...extra);

describe('kioskctl idcard read', () => {
  it('prints the resident card as one JSON object with only its keys', async () => {
    simulator.place(SAMPLE_CARDS.resident);
    const result = await read('--json', '--timeout', '3000');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      cardType: 'resident',
      name: '王测试',
      gender: 'male',
      nation: { code: '01', name: '汉' },
      birthDate: '1990-01-01',
      address: '北京市东城区示例路1号',
      idNumber: '110101199001011237',
      issuer: '北京市公安局东城分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
      photo: { format: 'wlt', length: 1024 },
    });
  });

  it('prints the keys of the other card types', async () => {
    simulator.place(SAMPLE_CARDS.hkMoTw);
    expect(Object.keys(JSON.parse((await read('--json')).stdout))).toEqual([
      'cardType', 'name', 'gender', 'birthDate', 'address', 'idNumber', 'issuer', 'validFrom', 'validTo', 'passNumber', 'issueCount', 'photo',
    ]);
    simulator.place(SAMPLE_CARDS.foreignPermanent);
    expect(JSON.parse((await read('--json')).stdout)).toMatchObject({ cardType: 'foreign-permanent', englishName: 'SAMPLE, JOHN EXAMPLE', nationality: 'USA' });
    simulator.place(SAMPLE_CARDS.residentLongTerm);
    expect(JSON.parse((await read('--json')).stdout)).toMatchObject({ validTo: 'long-term' });
  });

  it.each([
    ['no card before the timeout', () => simulator.remove(), /^no card was placed on the reader within 400 ms \(a card already read is found again only once lifted and placed again\)$/],
    ['not an ID card', () => simulator.place('not-an-id-card'), /not an ID card/],
    ['a reader that does not answer', () => simulator.setFaults({ silent: true }), /does not answer/],
    ['repeated frame errors', () => (simulator.place(SAMPLE_CARDS.resident), simulator.setFaults({ corruptChecksums: 100 })), /corrupt frames/],
  ])('tells apart %s, with non-zero exit and nothing on stdout', async (_name, arrange, message) => {
    arrange();
    try {
      const result = await read('--json', '--timeout', '400');
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    } finally {
      simulator.clearFaults();
      simulator.remove();
    }
  });

  it('prints readable lines without --json', async () => {
    simulator.place(SAMPLE_CARDS.resident);
    const result = await read();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('姓名 name: 王测试');
  });
});

describe('kioskctl idcard, when the reader is not where it is said to be', () => {
  it('says once why a serial port will not open', async () => {
    expect(await runKioskctl('idcard', 'read', '--port', '/dev/ttyNOPE', '--timeout', '100')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot open /dev/ttyNOPE: No such file or directory\n',
    });
  });

  it('reads from a HID reader named by --hid VID:PID, and says in one line when none such is attached', async () => {
    // No HID device can be made on these machines (no uhid): the flag is taken, and the absence named.
    expect(await runKioskctl('idcard', 'read', '--hid', '0400:c35a', '--timeout', '100')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot open hid 0400:c35a: it is not attached (lsusb lists the USB devices that are)\n',
    });
  });

  it.each([
    [['--hid', '0400'], '--hid must be VID:PID, four hex digits each (e.g. 0400:c35a), not "0400"'],
    [['--hid', 'zzzz:c35a'], '--hid must be VID:PID, four hex digits each (e.g. 0400:c35a), not "zzzz:c35a"'],
    [['--hid', '0400:c35a', '--port', '/dev/ttyUSB0'], 'idcard read takes one of --port <path> or --hid <VID:PID>, not both'],
    [[], 'idcard read needs --port <path> (serial) or --hid <VID:PID> (USB-HID)'],
    [['--device-file', '/dev/usb/lp0'], 'unknown option: --device-file (for idcard read)'],
  ])('refuses %j with exit 2 and one line', async (flags, message) => {
    expect(await runKioskctl('idcard', 'read', ...flags)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});

describe('kioskctl idcard simulate', () => {
  it('says in one line that socat is needed when it is not installed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-no-socat-'));
    try {
      const result = await runKioskctlWith({ PATH: '/nonexistent' }, 'idcard', 'simulate', '--port', path.join(dir, 'reader'));
      expect(result).toEqual({ code: 1, stdout: '', stderr: 'socat is not installed (apt install socat)\n' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
