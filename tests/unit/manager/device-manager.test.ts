import { describe, expect, it } from 'vitest';
import { deviceConfigSchema, type DeviceConfig } from '../../../drivers/manager/device-config.ts';
import { DeviceManager } from '../../../drivers/manager/device-manager.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';

const config = (device: unknown): DeviceConfig => deviceConfigSchema.parse(device);

describe('device manager', () => {
  it('has every configured device on its health board, offline until started', () => {
    const devices = new DeviceManager({
      devices: [
        config({ id: 'wedge', kind: 'qr-scanner', connection: { type: 'keyboard' } }),
        config({ id: 'camera', kind: 'document-scanner', connection: { type: 'camera' } }),
        config({ id: 'printer', kind: 'receipt-printer', connection: { type: 'usb-printer', path: '/dev/usb/lp-kiosk-none' } }),
      ],
    });
    expect(devices.health().map(({ device, kind, state, reason }) => [device, kind, state, reason])).toEqual([
      ['printer', 'receipt-printer', 'offline', 'not started'],
      ['wedge', 'qr-scanner', 'offline', 'not started'],
      ['camera', 'document-scanner', 'offline', 'not started'],
    ]);
    expect(devices.sheetScanner).toBeNull();
    expect(devices.connection('printer')).toEqual({ type: 'usb-printer', path: '/dev/usb/lp-kiosk-none' });
    expect(devices.connection('nothing')).toBeNull();
  });

  it('starts without throwing: devices it cannot reach are offline with the reason, the rest ready; stop lets go of all', async () => {
    const devices = new DeviceManager({
      devices: [
        config({ id: 'wedge', kind: 'qr-scanner', connection: { type: 'keyboard' } }),
        config({ id: 'printer', kind: 'receipt-printer', connection: { type: 'usb-printer', path: '/dev/usb/lp-kiosk-none' } }),
      ],
      wallClock: () => new Date('2026-11-23T09:00:00Z'),
    });
    const told: Array<Pick<DeviceHealth, 'device' | 'state'>> = [];
    devices.onHealth(({ device, state }) => told.push({ device, state }));
    await devices.start();
    expect(devices.healthOf('wedge')).toMatchObject({ state: 'ready', reason: null });
    expect(devices.healthOf('printer')).toMatchObject({ state: 'offline', reason: expect.stringMatching(/lp-kiosk-none/) });
    await devices.stop();
    expect(devices.health().map(({ state, reason }) => [state, reason])).toEqual([
      ['offline', 'stopped'],
      ['offline', 'stopped'],
    ]);
    expect(told).toContainEqual({ device: 'wedge', state: 'ready' });
  });

  it('builds the sheet scanner of a SANE document scanner, whose failed scan shows on the board', async () => {
    const devices = new DeviceManager({
      devices: [config({ id: 'sheets', kind: 'document-scanner', connection: { type: 'sane', device: 'kiosk-no-such-scanner' } })],
    });
    await devices.start();
    expect(devices.healthOf('sheets')).toMatchObject({ state: 'ready' });
    const scan = devices.sheetScanner?.scan({ dpi: 200, mode: 'gray', timeoutMs: 10_000, maxPages: 1 });
    await scan?.pages.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(devices.healthOf('sheets')).toMatchObject({ state: 'offline', reason: expect.stringMatching(/missing-device/) });
    await devices.stop();
  });
});
