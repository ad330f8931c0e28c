import type { Alerts } from './alerts.ts';

/**
 * What the fleet sees of the terminal and may ask of it (docs/fleet.md): the host builds one of these from its
 * services; the fleet link (MQTT) and the metrics read it. Nothing in it names a citizen.
 */

/** The receipt printer's paper as the fleet reports it; `unknown` when there is no printer or it never answered. */
export type PrinterPaper = 'ok' | 'near-end' | 'out' | 'unknown';

/** A device's health as the device manager reports it (drivers/manager/device-health.ts). */
export type DeviceState = 'ready' | 'degraded' | 'offline' | 'error';

/** The terminal now: the telemetry's values (telemetry.ts flattens them into ThingsBoard's keys). */
export interface TerminalSnapshot {
  appVersion: string;
  /** Seconds since the host started. */
  uptimeS: number;
  platformReachable: boolean;
  outboxQueued: number;
  outboxNeedsAttention: number;
  /** The catalogue snapshot held; null on a terminal without a catalogue or before its first sync. */
  catalogueVersion: string | null;
  /** When the catalogue was last synced with the platform (ms since the epoch); null: never. */
  catalogueSyncedAt: number | null;
  printerPaper: PrinterPaper;
  /** Every configured device, by its config id, with the device manager's health. */
  devices: ReadonlyArray<{ id: string; kind: string; state: DeviceState }>;
  lockerDoorsJammed: number;
  /** Citizen sessions begun since midnight in the hall's time zone. */
  sessionsToday: number;
  /** The audit chain's head hash. */
  auditHead: string;
  outOfService: boolean;
  /** A citizen (or staff member) is using the terminal now: nothing disruptive happens meanwhile (updates, restarts). */
  inUse: boolean;
}

/** Who the terminal is: the client attributes sent at connect. */
export interface TerminalAttributes {
  terminalId: string;
  /** The hall's name in zh-CN. */
  hall: string;
  /** The profile its config extends (community-hall, bank-atm …); null when none. */
  profile: string | null;
  appVersion: string;
  nodeVersion: string;
  /** The running config's fingerprint (the audit log's `config-changed` subject). */
  configHash: string;
}

/** What applying a shared-attribute config overlay came to: applied (at the next idle moment) or refused. */
export type OverlayOutcome = { applied: true; configHash: string } | { applied: false; problems: string[] };

/** What the operator may do remotely (the RPCs); each records itself in the audit log as a remote command. */
export interface RemoteActions {
  getDeviceStates(): unknown;
  getOutbox(): unknown;
  reloadCatalogue(): Promise<unknown>;
  setOutOfService(on: boolean): unknown;
  /** Restarts the kiosk now; refused (an error) while a citizen or staff member is using it. */
  restart(): unknown;
  printTestPage(): Promise<unknown>;
  /** Refused (an error) while a citizen is in that door's flow. */
  openLockerDoor(cabinet: string, door: number): Promise<unknown>;
  /** The host's log level for so many minutes, then back to the configured one. */
  setLogLevel(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', minutes: number): unknown;
}

export interface FleetTerminal {
  snapshot(): TerminalSnapshot;
  attributes(): TerminalAttributes;
  /** Something that matters changed (a device's health, paper, the outbox needing attention): telemetry at once. */
  onChange(listener: () => void): () => void;
  readonly alerts: Alerts;
  readonly actions: RemoteActions;
  /**
   * The operator's config overlay (a shared attribute): merged over the terminal's own config and checked against the
   * schema; a valid one is kept and takes effect at the next idle restart, an invalid one is refused and the running
   * config kept.
   */
  applyConfigOverlay(overlay: unknown): OverlayOutcome;
}
