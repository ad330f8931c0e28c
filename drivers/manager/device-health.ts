import type { DeviceKind } from './device-config.ts';

/**
 * How a device is doing, as the host logs it and the fleet sees it.
 * ready: working. degraded: working with a problem someone should see to (paper near its end, one board of a
 * cabinet silent). offline: not there (unplugged, nothing answering, not started). error: there but unusable
 * (a printer's cover open, a SAM that does not answer).
 */
export type DeviceHealthState = 'ready' | 'degraded' | 'offline' | 'error';

/** A state with the cause a technician can act on (null when there is nothing to say). */
export interface HealthReading {
  readonly state: DeviceHealthState;
  readonly reason: string | null;
}

export interface DeviceHealth extends HealthReading {
  /** The device's id in the terminal config. */
  readonly device: string;
  readonly kind: DeviceKind;
  /** When the device last gave a sign of life (connected, answered, sent a code), ISO 8601; null: never. */
  readonly lastSeen: string | null;
}

export const ready: HealthReading = { state: 'ready', reason: null };
