import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
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
    ['no card before the timeout', () => simulator.remove(), /^no card was placed on the reader within 400 ms$/],
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
