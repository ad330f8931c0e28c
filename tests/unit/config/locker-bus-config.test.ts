import { describe, expect, it } from 'vitest';
import { LOCKER_PROTOCOLS } from '../../../drivers/locker/board-protocols.ts';
import { LOCKER_PROTOCOL_LIMITS } from '../../../drivers/manager/locker-bus-config.ts';
import { checkTerminalConfig } from '../../../main/config/terminal-config-file.ts';

const minimal = {
  terminalId: 'T-0001',
  hallName: { 'zh-CN': '测试大厅' },
  dataDir: 'data',
  platform: { baseUrl: 'https://gw.example.gov.cn/kiosk/' },
};

const withBus = (bus: Record<string, unknown>) =>
  checkTerminalConfig({ ...minimal, devices: [{ id: 'lockers', kind: 'locker-bus', connection: { type: 'serial', path: 'dev/rs485' }, ...bus }] }, '/etc/kiosk');

const problemsOf = (bus: Record<string, unknown>) => {
  const reading = withBus(bus);
  if (reading.ok) throw new Error('expected problems');
  return reading.problems;
};

describe('locker-bus device config', () => {
  it('fills in what a generic-8a cabinet leaves out: 9600 baud, door-closing feedback, highest group first, 24 doors', () => {
    const reading = withBus({ protocol: 'generic-8a', boards: [{ address: 1 }, { address: 2, doors: 12, doorSize: 'small', doorSizes: { large: [11, 12] } }] });
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config.devices[0]).toEqual({
      id: 'lockers',
      kind: 'locker-bus',
      connection: { type: 'serial', path: '/etc/kiosk/dev/rs485', baudRate: 9600 },
      protocol: 'generic-8a',
      feedback: 'door-closing',
      statusByteOrder: 'high-first',
      confirmWindowMs: 2000,
      pollIntervalMs: 1000,
      doorLeftOpenSeconds: 120,
      boards: [
        { address: 1, doors: 24, doorSizes: Array(24).fill('medium') },
        { address: 2, doors: 12, doorSizes: [...Array(10).fill('small'), 'large', 'large'] },
      ],
    });
  });

  it('gives Kerong boards 19200 baud and their board size, and keeps what the technician set', () => {
    const cu48 = withBus({ protocol: 'kerong-cu48', boards: [{ address: 0 }] });
    expect(cu48.ok && cu48.config.devices[0]).toMatchObject({ connection: { baudRate: 19200 }, boards: [{ address: 0, doors: 48 }] });
    expect(cu48.ok && 'statusByteOrder' in (cu48.config.devices[0] ?? {})).toBe(false);
    const cu16 = withBus({ protocol: 'kerong-cu16', connection: { type: 'serial', path: '/dev/ttyUSB1', baudRate: 9600 }, feedback: 'door-opening', boards: [{ address: 14, doors: 12 }] });
    expect(cu16.ok && cu16.config.devices[0]).toMatchObject({ connection: { baudRate: 9600 }, feedback: 'door-opening', boards: [{ address: 14, doors: 12 }] });
  });

  it('reports each problem at its JSON path', () => {
    expect(
      problemsOf({
        protocol: 'kerong-cu16',
        statusByteOrder: 'low-first',
        boards: [{ address: 15 }, { address: 3, doors: 17 }, { address: 3, doors: 8, doorSizes: { large: [8, 9], small: [8] } }],
      }),
    ).toEqual([
      { path: '$.devices[0].statusByteOrder', message: 'only generic-8a boards have a status byte order to set' },
      { path: '$.devices[0].boards[0].address', message: 'kerong-cu16 board addresses are 0–14' },
      { path: '$.devices[0].boards[1].doors', message: 'kerong-cu16 boards have at most 16 doors' },
      { path: '$.devices[0].boards[2].address', message: 'duplicate board address 3' },
      { path: '$.devices[0].boards[2].doorSizes.large[1]', message: 'board 3 has doors 1–8' },
      { path: '$.devices[0].boards[2].doorSizes.small[0]', message: 'door 8 is given two sizes' },
    ]);
  });

  it('refuses an unknown protocol, feedback or key, and a bus without boards', () => {
    expect(problemsOf({ protocol: 'wkly', boards: [{ address: 1 }] }).map((p) => p.path)).toEqual(['$.devices[0].protocol']);
    expect(problemsOf({ protocol: 'generic-8a', feedback: 'nc', boards: [{ address: 1 }] }).map((p) => p.path)).toEqual(['$.devices[0].feedback']);
    expect(problemsOf({ protocol: 'generic-8a', boards: [] }).map((p) => p.path)).toEqual(['$.devices[0].boards']);
    expect(problemsOf({ protocol: 'generic-8a', boards: [{ address: 1, lockNumber: 3 }] })).toEqual([{ path: '$.devices[0].boards[0]', message: 'unknown key "lockNumber"' }]);
    expect(problemsOf({ protocol: 'generic-8a', boards: [{ address: 0 }] })).toEqual([{ path: '$.devices[0].boards[0].address', message: 'generic-8a board addresses are 1–31' }]);
  });

  it('knows the same protocol limits as the driver', () => {
    for (const [name, limits] of Object.entries(LOCKER_PROTOCOL_LIMITS)) {
      const protocol = LOCKER_PROTOCOLS[name as keyof typeof LOCKER_PROTOCOL_LIMITS];
      expect({ baudRate: protocol.defaultBaudRate, boardAddresses: protocol.boardAddresses, defaultDoors: protocol.defaultDoors, maxDoors: protocol.maxDoors }).toEqual(limits);
    }
    expect(Object.keys(LOCKER_PROTOCOL_LIMITS).sort()).toEqual(Object.keys(LOCKER_PROTOCOLS).sort());
  });
});
