import type { DeviceKind } from './device-config.ts';
import type { DeviceHealth, HealthReading } from './device-health.ts';

export type DeviceHealthListener = (health: DeviceHealth) => void;

/**
 * The health of every device of the terminal: one entry per device, a change told to listeners only when a
 * device's state or reason changes (a device seen again is remembered, not told).
 */
export class DeviceHealthBoard {
  readonly #health = new Map<string, DeviceHealth>();
  readonly #listeners = new Set<DeviceHealthListener>();

  /** A device that has not started yet. */
  add(device: string, kind: DeviceKind): void {
    this.#health.set(device, { device, kind, state: 'offline', reason: 'not started', lastSeen: null });
  }

  record(device: string, reading: HealthReading): void {
    const known = this.#known(device);
    if (known.state === reading.state && known.reason === reading.reason) return;
    const next: DeviceHealth = { ...known, state: reading.state, reason: reading.reason };
    this.#health.set(device, next);
    for (const listener of this.#listeners) listener(next);
  }

  seen(device: string, at: Date): void {
    this.#health.set(device, { ...this.#known(device), lastSeen: at.toISOString() });
  }

  get(device: string): DeviceHealth | null {
    return this.#health.get(device) ?? null;
  }

  list(): DeviceHealth[] {
    return [...this.#health.values()];
  }

  /** Calls `listener` with each change; returns the function that stops it. */
  onChange(listener: DeviceHealthListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #known(device: string): DeviceHealth {
    const known = this.#health.get(device);
    if (known === undefined) throw new RangeError(`no device "${device}" on the health board`);
    return known;
  }
}
