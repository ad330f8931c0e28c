import type { TerminalConfig } from '../../config/terminal-config.ts';
import type { FleetTerminal, OverlayOutcome, PrinterPaper, RemoteActions, TerminalSnapshot } from '../../fleet/fleet-terminal.ts';
import type { CatalogueService } from '../../catalogue/catalogue-service.ts';
import { configFingerprint } from '../../audit/config-record.ts';
import type { RetrieveAnswer } from '../../lockers/locker-upkeep.ts';
import { ApiFailure } from '../api-failure.ts';
import { appVersion } from '../app-version.ts';
import type { HostContext } from '../host-context.ts';
import { fleetOperator, type TerminalOperations } from '../terminal-operations.ts';
import type { LogLevel } from './log-level-window.ts';

/** What the fleet needs of the capabilities beyond the shared context. */
export interface FleetParts {
  readonly operations: TerminalOperations;
  readonly catalogue: () => CatalogueService | null;
  /** The lockers' part: null on a terminal without lockers. */
  readonly lockers: { jammedDoors(): number; openDoor(cabinet: string, door: number): Promise<RetrieveAnswer> } | null;
  readonly paper: () => PrinterPaper;
  /** A staff member is signed in at the terminal. */
  readonly staffPresent: () => boolean;
  readonly setLogLevel: (level: LogLevel, minutes: number) => unknown;
  readonly applyConfigOverlay: (overlay: unknown) => OverlayOutcome;
  /** The profile the terminal's config extends, if any (read from the config file). */
  readonly profile: string | null;
  /** The config the terminal was started with (the running one, with any fleet overlay). */
  readonly config: TerminalConfig;
  readonly sessionsToday: () => number;
}

/**
 * The terminal as the fleet sees it (fleet-terminal.ts), built from the host's services: telemetry read at the moment
 * it is sent, changes that matter told at once, the operator's actions through the same recorded operations staff
 * use (terminal-operations.ts), as `operator`.
 */
export const terminalForFleet = (context: HostContext, parts: FleetParts): FleetTerminal & { changed(): void } => {
  const { clock, devices, outbox, reachability, audit, outOfService, session, alerts } = context;
  const startedAt = clock.now();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  reachability.onChange(() => changed());
  outOfService.onChange(() => changed());
  alerts.subscribe(() => changed());

  const snapshot = (): TerminalSnapshot => {
    const counts = outbox.counts();
    const catalogue = parts.catalogue();
    const version = catalogue?.status().version ?? null;
    return {
      appVersion: appVersion(),
      uptimeS: Math.floor((clock.now() - startedAt) / 1000),
      platformReachable: reachability.status.reachable,
      outboxQueued: counts.queued + counts.sending,
      outboxNeedsAttention: counts['needs-attention'],
      catalogueVersion: version === null ? null : String(version),
      catalogueSyncedAt: catalogue?.syncedAt ?? null,
      printerPaper: parts.paper(),
      devices: devices.health().map(({ device, kind, state }) => ({ id: device, kind, state })),
      lockerDoorsJammed: parts.lockers?.jammedDoors() ?? 0,
      sessionsToday: parts.sessionsToday(),
      auditHead: audit.head().hash,
      outOfService: outOfService.on,
      inUse: session.state.phase !== 'attract' || parts.staffPresent(),
    };
  };

  const actions: RemoteActions = {
    getDeviceStates: () => ({ devices: parts.operations.deviceList() }),
    getOutbox: () => parts.operations.outboxState(),
    reloadCatalogue: () => parts.operations.reloadCatalogue(fleetOperator),
    setOutOfService: (on) => parts.operations.setOutOfService(fleetOperator, on, on ? 'taken out of service by the fleet operator' : 'back in service by the fleet operator'),
    restart: () => {
      if (snapshot().inUse) throw new ApiFailure('invalid-state', 'someone is using the terminal: restart it when the session has ended');
      return parts.operations.restart(fleetOperator, 'restart asked for by the fleet operator');
    },
    printTestPage: () => parts.operations.testPrint(fleetOperator),
    openLockerDoor: async (cabinet, door) => {
      if (parts.lockers === null) throw new ApiFailure('unavailable', 'this terminal has no lockers');
      return parts.lockers.openDoor(cabinet, door);
    },
    setLogLevel: (level, minutes) => {
      audit.append({ kind: 'remote-command', actor: 'operator', subject: 'log level', reason: `${level} for ${minutes} minutes` });
      return parts.setLogLevel(level, minutes);
    },
  };

  return {
    snapshot,
    attributes: () => ({
      terminalId: parts.config.terminalId,
      hall: parts.config.hallName['zh-CN'],
      profile: parts.profile,
      appVersion: appVersion(),
      nodeVersion: process.versions.node,
      configHash: configFingerprint(parts.config),
    }),
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    alerts,
    actions,
    applyConfigOverlay: (overlay) => parts.applyConfigOverlay(overlay),
    changed,
  };
};
