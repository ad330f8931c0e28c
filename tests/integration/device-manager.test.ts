import { afterEach, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../drivers/manager/device-manager.ts';
import type { DeviceHealth } from '../../drivers/manager/device-health.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';

/**
 * The device manager over real pseudo-terminals: a configured ID card reader with the simulated SAM on the other
 * end is ready; a reader on a path where nothing is plugged in is offline with the port's reason; unplugging
 * the reader shows offline, plugging it back ready.
 */
const FAST = { retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 };
const readerAt = (path: string) =>
  new DeviceManager({ devices: [{ id: 'reader', kind: 'idcard-reader', connection: { type: 'serial', path, baudRate: 115200 }, readCommand: 'text' }], transportTiming: FAST });

let sam: SimulatedSam | null = null;
let devices: DeviceManager | null = null;
afterEach(async () => {
  await devices?.stop();
  await sam?.stop();
  devices = null;
  sam = null;
});

const healthBecomes = (manager: DeviceManager, state: DeviceHealth['state'], withinMs = 5000): Promise<DeviceHealth> =>
  new Promise((resolve, reject) => {
    const now = manager.healthOf('reader');
    if (now?.state === state) return resolve(now);
    const timer = setTimeout(() => reject(new Error(`reader not ${state} within ${withinMs} ms: ${JSON.stringify(manager.healthOf('reader'))}`)), withinMs);
    const stop = manager.onHealth((health) => {
      if (health.state !== state) return;
      clearTimeout(timer);
      stop();
      resolve(health);
    });
  });

describe('device manager on real pseudo-terminals', () => {
  it('shows a reader with a SAM answering as ready, and when it was last seen', async () => {
    sam = await startSimulatedSam();
    devices = readerAt(sam.pty.devicePath);
    const told: Array<Pick<DeviceHealth, 'state' | 'reason'>> = [];
    devices.onHealth(({ state, reason }) => told.push({ state, reason }));
    await devices.start();
    const [health] = devices.health();
    expect(health).toMatchObject({ device: 'reader', kind: 'idcard-reader', state: 'ready', reason: null });
    expect(Date.parse(health?.lastSeen ?? '')).toBeGreaterThan(Date.now() - 5000);
    expect(told.at(-1)).toEqual({ state: 'ready', reason: null });
    expect(devices.connected('reader')).toBe(true);
    expect(devices.connection('reader')).toEqual({ type: 'serial', path: sam.pty.devicePath, baudRate: 115200 });
  });

  it('shows a reader where nothing is plugged in as offline with the reason, without throwing', async () => {
    devices = readerAt('/dev/kiosk-no-such-reader');
    await devices.start();
    expect(devices.healthOf('reader')).toMatchObject({ state: 'offline', reason: expect.stringMatching(/kiosk-no-such-reader/), lastSeen: null });
    expect(devices.connected('reader')).toBe(false);
    await devices.stop();
    expect(devices.healthOf('reader')).toMatchObject({ state: 'offline', reason: 'stopped' });
  });

  it('moves an unplugged reader to offline, and back to ready when it is plugged in again', async () => {
    sam = await startSimulatedSam();
    devices = readerAt(sam.pty.devicePath);
    await devices.start();
    await healthBecomes(devices, 'ready');
    await sam.pty.stop();
    expect((await healthBecomes(devices, 'offline')).reason).toMatch(/no longer there|closed|cannot open|No such file/);
    await sam.pty.start();
    expect(await healthBecomes(devices, 'ready')).toMatchObject({ reason: null });
  });
});
