import type { TerminalSnapshot } from './fleet-terminal.ts';

/** A ThingsBoard telemetry value: flat keys, scalar values (docs/fleet-mqtt.md lists them). */
export type TelemetryValue = string | number | boolean | null;

/**
 * The terminal's snapshot as ThingsBoard telemetry keys: one flat key per figure, a device's health under
 * `device.<id>.state`, and the catalogue's age in seconds at `now` (null when it was never synced).
 */
export const telemetryValues = (snapshot: TerminalSnapshot, now: number): Record<string, TelemetryValue> => {
  const values: Record<string, TelemetryValue> = {
    appVersion: snapshot.appVersion,
    uptimeS: Math.floor(snapshot.uptimeS),
    platformReachable: snapshot.platformReachable,
    outboxQueued: snapshot.outboxQueued,
    outboxNeedsAttention: snapshot.outboxNeedsAttention,
    catalogueVersion: snapshot.catalogueVersion,
    catalogueAgeS: snapshot.catalogueSyncedAt === null ? null : Math.max(0, Math.floor((now - snapshot.catalogueSyncedAt) / 1000)),
    printerPaper: snapshot.printerPaper,
    lockerDoorsJammed: snapshot.lockerDoorsJammed,
    sessionsToday: snapshot.sessionsToday,
    auditHead: snapshot.auditHead,
    outOfService: snapshot.outOfService,
  };
  for (const device of snapshot.devices) values[`device.${device.id}.state`] = device.state;
  return values;
};
