import { describe, expect, it } from 'vitest';
import type { TerminalSnapshot } from '../../../main/fleet/fleet-terminal.ts';
import { telemetryValues } from '../../../main/fleet/telemetry.ts';

const NOW = Date.parse('2024-06-01T10:00:00Z');
const snapshot = (update: Partial<TerminalSnapshot> = {}): TerminalSnapshot => ({
  appVersion: '1.2.3',
  uptimeS: 3600.7,
  platformReachable: false,
  outboxQueued: 4,
  outboxNeedsAttention: 1,
  catalogueVersion: 'v42',
  catalogueSyncedAt: NOW - 125_400,
  printerPaper: 'near-end',
  devices: [
    { id: 'printer', kind: 'receipt-printer', state: 'degraded' },
    { id: 'lockers-a', kind: 'locker-bus', state: 'error' },
  ],
  lockerDoorsJammed: 2,
  sessionsToday: 31,
  auditHead: 'f'.repeat(64),
  outOfService: true,
  inUse: true,
  ...update,
});

describe('telemetryValues', () => {
  it('flattens the snapshot into ThingsBoard keys, a device per key', () => {
    expect(telemetryValues(snapshot(), NOW)).toEqual({
      appVersion: '1.2.3',
      uptimeS: 3600,
      platformReachable: false,
      outboxQueued: 4,
      outboxNeedsAttention: 1,
      catalogueVersion: 'v42',
      catalogueAgeS: 125,
      printerPaper: 'near-end',
      'device.printer.state': 'degraded',
      'device.lockers-a.state': 'error',
      lockerDoorsJammed: 2,
      sessionsToday: 31,
      auditHead: 'f'.repeat(64),
      outOfService: true,
    });
  });

  it('says null for a catalogue never synced, and no device keys for a terminal without devices', () => {
    const values = telemetryValues(snapshot({ catalogueVersion: null, catalogueSyncedAt: null, devices: [] }), NOW);
    expect(values.catalogueVersion).toBeNull();
    expect(values.catalogueAgeS).toBeNull();
    expect(Object.keys(values).filter((key) => key.startsWith('device.'))).toEqual([]);
  });

  it('does not report a negative age when the catalogue was synced by a clock ahead of this one', () => {
    expect(telemetryValues(snapshot({ catalogueSyncedAt: NOW + 5000 }), NOW).catalogueAgeS).toBe(0);
  });

  it('leaves out what is not telemetry (whether someone is using the terminal)', () => {
    expect(telemetryValues(snapshot(), NOW)).not.toHaveProperty('inUse');
  });
});
