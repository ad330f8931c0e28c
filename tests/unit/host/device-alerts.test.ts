import { describe, expect, it } from 'vitest';
import { DeviceHealthBoard } from '../../../drivers/manager/device-health-board.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';
import { createAlerts, type KioskAlert } from '../../../main/fleet/alerts.ts';
import { DEVICE_STARTUP_GRACE_MS, watchDeviceAlerts } from '../../../main/host/fleet/device-alerts.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { silentLog } from '../../support/silent-log.ts';

/**
 * The devices' alerts as the operator gets them: a device that goes down raises one alert and clears it when back —
 * but a device still coming up at the host's start is not an outage, nor are the devices the host stops itself.
 */
const rig = () => {
  const clock = new ManualClock();
  const board = new DeviceHealthBoard();
  board.add('idcard', 'idcard-reader');
  const alerts = createAlerts(silentLog(), () => clock.now());
  const told: KioskAlert[] = [];
  alerts.subscribe((alert) => told.push(alert));
  const devices = { onHealth: (listener: (health: DeviceHealth) => void) => board.onChange(listener), receiptPrinter: null, configs: [] };
  const watcher = watchDeviceAlerts(devices, alerts, () => undefined, clock);
  const set = (state: DeviceHealth['state'], reason: string | null = null) => board.record('idcard', { state, reason });
  const said = () => told.map((alert) => `${alert.cleared ? 'cleared' : 'raised'} ${alert.kind}`);
  return { clock, watcher, set, said, told };
};

describe('device alerts', () => {
  it('raises nothing for a device that comes up within the start-up grace, however it looked meanwhile', () => {
    const { clock, set, said } = rig();
    set('offline', "connected; waiting for the SAM's first answer");
    clock.advance(DEVICE_STARTUP_GRACE_MS - 1);
    set('ready');
    clock.advance(DEVICE_STARTUP_GRACE_MS);
    expect(said()).toEqual([]);
  });

  it('raises for a device still down when the grace is over, with its reason then, and clears it when it is back', () => {
    const { clock, set, said, told } = rig();
    set('offline', 'connected; waiting for its status');
    clock.advance(1000);
    set('error', 'the SAM answered 0x41');
    clock.advance(DEVICE_STARTUP_GRACE_MS);
    expect(said()).toEqual(['raised device-offline']);
    expect(told[0]?.message).toBe('idcard-reader idcard is error: the SAM answered 0x41');
    set('ready');
    expect(said()).toEqual(['raised device-offline', 'cleared device-offline']);
  });

  it('raises at once for a device that was ready and went down, even during the grace', () => {
    const { set, said } = rig();
    set('ready');
    set('offline', 'the port went away');
    expect(said()).toEqual(['raised device-offline']);
  });

  it('says nothing of the devices the host stops after it stopped watching, and leaves no timer', () => {
    const { clock, watcher, set, said } = rig();
    set('offline', 'connected; no board read yet');
    watcher.stop();
    set('offline', 'stopped');
    clock.advance(DEVICE_STARTUP_GRACE_MS * 2);
    expect(said()).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
