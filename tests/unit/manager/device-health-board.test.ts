import { describe, expect, it } from 'vitest';
import { DeviceHealthBoard } from '../../../drivers/manager/device-health-board.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';

describe('device health board', () => {
  it('starts every device offline, not started, never seen', () => {
    const board = new DeviceHealthBoard();
    board.add('reader', 'idcard-reader');
    expect(board.list()).toEqual([{ device: 'reader', kind: 'idcard-reader', state: 'offline', reason: 'not started', lastSeen: null }]);
  });

  it('tells a change of state or reason once, and nothing when a reading repeats', () => {
    const board = new DeviceHealthBoard();
    board.add('printer', 'receipt-printer');
    const told: DeviceHealth[] = [];
    board.onChange((health) => told.push(health));
    board.record('printer', { state: 'ready', reason: null });
    board.record('printer', { state: 'ready', reason: null });
    board.record('printer', { state: 'error', reason: 'paper out' });
    board.record('printer', { state: 'error', reason: 'cover open' });
    board.record('printer', { state: 'error', reason: 'cover open' });
    expect(told.map(({ state, reason }) => [state, reason])).toEqual([
      ['ready', null],
      ['error', 'paper out'],
      ['error', 'cover open'],
    ]);
  });

  it('remembers when a device was last seen without telling anyone', () => {
    const board = new DeviceHealthBoard();
    board.add('cabinet-a', 'locker-bus');
    let told = 0;
    board.onChange(() => told++);
    board.seen('cabinet-a', new Date('2026-11-23T09:00:00Z'));
    expect(board.get('cabinet-a')?.lastSeen).toBe('2026-11-23T09:00:00.000Z');
    expect(told).toBe(0);
  });

  it('stops telling a listener that unsubscribed, and refuses a device it does not have', () => {
    const board = new DeviceHealthBoard();
    board.add('scanner', 'qr-scanner');
    let told = 0;
    const stop = board.onChange(() => told++);
    board.record('scanner', { state: 'ready', reason: null });
    stop();
    board.record('scanner', { state: 'offline', reason: 'gone' });
    expect(told).toBe(1);
    expect(() => board.record('nope', { state: 'ready', reason: null })).toThrow(/no device "nope"/);
  });
});
