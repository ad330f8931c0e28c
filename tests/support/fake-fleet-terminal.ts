import { createAlerts, type Alerts } from '../../main/fleet/alerts.ts';
import type { FleetTerminal, OverlayOutcome, RemoteActions, TerminalAttributes, TerminalSnapshot } from '../../main/fleet/fleet-terminal.ts';
import { silentLog } from './silent-log.ts';

/** A remote action as the fleet asked for it. */
export interface ActionCall {
  readonly method: keyof RemoteActions;
  readonly args: readonly unknown[];
}

/**
 * A terminal as the fleet link sees it, written by hand: a snapshot and attributes the test sets, real alerts
 * (createAlerts), every remote action recorded (and made to fail on demand), and a config overlay that is valid
 * when it holds no `invalid` key.
 */
export class FakeFleetTerminal implements FleetTerminal {
  readonly alerts: Alerts = createAlerts(silentLog());
  readonly calls: ActionCall[] = [];
  readonly overlays: unknown[] = [];
  /** A method named here throws this message instead of answering. */
  readonly failing = new Map<keyof RemoteActions, string>();
  readonly #changeListeners = new Set<() => void>();
  state: TerminalSnapshot = {
    appVersion: '0.1.0-test',
    uptimeS: 12,
    platformReachable: true,
    outboxQueued: 2,
    outboxNeedsAttention: 0,
    catalogueVersion: 'cat-2024-06',
    catalogueSyncedAt: Date.now() - 90_000,
    printerPaper: 'ok',
    devices: [
      { id: 'printer', kind: 'receipt-printer', state: 'ready' },
      { id: 'idcard', kind: 'idcard-reader', state: 'offline' },
    ],
    lockerDoorsJammed: 0,
    sessionsToday: 7,
    auditHead: 'a'.repeat(64),
    outOfService: false,
    inUse: false,
  };
  identity: TerminalAttributes = {
    terminalId: 'T-0001',
    hall: '东城区政务服务中心',
    profile: 'community-hall',
    appVersion: '0.1.0-test',
    nodeVersion: process.version,
    configHash: 'sha256:feed',
  };

  snapshot(): TerminalSnapshot {
    return this.state;
  }

  attributes(): TerminalAttributes {
    return this.identity;
  }

  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => void this.#changeListeners.delete(listener);
  }

  /** The snapshot changes and the terminal says so. */
  change(update: Partial<TerminalSnapshot>): void {
    this.state = { ...this.state, ...update };
    for (const listener of this.#changeListeners) listener();
  }

  applyConfigOverlay(overlay: unknown): OverlayOutcome {
    this.overlays.push(overlay);
    if (typeof overlay === 'object' && overlay !== null && 'invalid' in overlay) return { applied: false, problems: ['invalid: not a config key', 'hall: required'] };
    return { applied: true, configHash: 'sha256:overlaid' };
  }

  readonly actions: RemoteActions = {
    getDeviceStates: () => this.#record('getDeviceStates', [], { printer: 'ready', idcard: 'offline' }),
    getOutbox: () => this.#record('getOutbox', [], { queued: 2, needsAttention: 0 }),
    reloadCatalogue: async () => this.#record('reloadCatalogue', [], { catalogueVersion: 'cat-2024-07' }),
    setOutOfService: (on) => this.#record('setOutOfService', [on], { outOfService: on }),
    restart: () => this.#record('restart', [], undefined),
    printTestPage: async () => this.#record('printTestPage', [], { printed: true }),
    openLockerDoor: async (cabinet, door) => this.#record('openLockerDoor', [cabinet, door], { opened: { cabinet, door } }),
    setLogLevel: (level, minutes) => this.#record('setLogLevel', [level, minutes], { level, until: 'later' }),
  };

  #record(method: keyof RemoteActions, args: readonly unknown[], result: unknown): unknown {
    this.calls.push({ method, args });
    const failure = this.failing.get(method);
    if (failure !== undefined) throw new Error(failure);
    return result;
  }
}
