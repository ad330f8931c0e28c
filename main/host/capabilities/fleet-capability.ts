import path from 'node:path';
import type { CatalogueService } from '../../catalogue/catalogue-service.ts';
import { FleetLink } from '../../fleet/fleet-link.ts';
import { MetricsServer } from '../../fleet/metrics-server.ts';
import { TerminalMetrics } from '../../fleet/terminal-metrics.ts';
import type { OpeningResult } from '../../lockers/locker-inventory.ts';
import type { RetrieveAnswer } from '../../lockers/locker-upkeep.ts';
import type { HostContext, KioskHostDependencies } from '../host-context.ts';
import { configOverlayKeeper } from '../fleet/config-overlay-keeper.ts';
import { watchDeviceAlerts } from '../fleet/device-alerts.ts';
import { atNextIdleMoment } from '../fleet/idle-moment.ts';
import { logLevelWindow } from '../fleet/log-level-window.ts';
import { stagedUpdateFor } from '../fleet/staged-update-for.ts';
import { countSessionsToday } from '../fleet/sessions-today.ts';
import { terminalForFleet } from '../fleet/terminal-for-fleet.ts';
import { fleetOperator, type TerminalOperations } from '../terminal-operations.ts';
import { ready, unavailable, type Capability } from './capability.ts';

type ConfigReading = NonNullable<KioskHostDependencies['configReading']>;

export interface FleetCapabilityParts {
  operations: TerminalOperations;
  catalogue: () => CatalogueService | null;
  lockers: { jammedDoors(): number; openDoor(cabinet: string, door: number): Promise<RetrieveAnswer>; onOpening(listener: (result: OpeningResult) => void): void } | null;
  staffPresent: () => boolean;
  /** The config file's path, when the host was given one (relative paths in an overlay are taken from its folder). */
  configFile: string | undefined;
}

/**
 * The terminal in the operator's fleet (docs/fleet.md): alerts from the devices, the lockers and the outbox; and,
 * with `fleet.mqtt` configured, the MQTT link (the ThingsBoard device API) that sends telemetry and alerts and takes
 * the operator's RPCs and config overlay. A terminal without a `fleet` section still raises and logs its alerts.
 */
export const fleetCapability = (context: HostContext, parts: FleetCapabilityParts, configReading: ConfigReading) => {
  const { config, log, clock, devices, alerts, session, events, audit } = context;
  let changed = (): void => undefined;
  const deviceAlerts = watchDeviceAlerts(devices, alerts, () => changed(), clock);
  // Prometheus metrics only where the config asks for them: their process metrics are collected once per process.
  const metricsPort = config.fleet?.metrics?.port;
  const metrics = metricsPort === undefined ? null : new TerminalMetrics({ snapshot: () => terminal.snapshot(), outboxCounts: () => context.outbox.counts(), now: () => clock.now() });
  const sessionsToday = countSessionsToday(events, clock, (identified) => (identified ? metrics?.sessionIdentified() : metrics?.sessionStarted()));
  if (metrics !== null) {
    metrics.countAlertsOf(alerts);
    context.onPlatformRequest(metrics.observePlatformRequest);
    context.outbox.onEnqueued((kind) => kind === 'case' && metrics.caseSubmitted());
    context.onDecided((kind, state) => kind === 'case' && metrics.caseDecided(state));
    devices.receiptPrinter?.on('job', (job) => (job.printed ? metrics.printJob('printed') : metrics.printJob('failed', job.problem)));
    parts.lockers?.onOpening((result) => metrics.lockerOpening(result));
  }
  const metricsServer = metrics === null || metricsPort === undefined ? null : new MetricsServer({ metrics, port: metricsPort, log });
  const logLevel = logLevelWindow(log, clock);
  let cancelRestart: (() => void) | null = null;
  const restartWhenIdle = (reason: string) => {
    cancelRestart?.();
    cancelRestart = atNextIdleMoment(session, parts.staffPresent, clock, () => {
      cancelRestart = null;
      parts.operations.restart(fleetOperator, reason);
    });
  };
  const applyConfigOverlay = configOverlayKeeper({
    base: configReading.base ?? config,
    running: config,
    startedWith: configReading.overlay,
    baseDir: parts.configFile === undefined ? config.dataDir : path.dirname(parts.configFile),
    audit,
    log,
    restartWhenIdle,
  });
  const terminal = terminalForFleet(context, {
    operations: parts.operations,
    catalogue: parts.catalogue,
    lockers: parts.lockers,
    paper: deviceAlerts.paper,
    staffPresent: parts.staffPresent,
    setLogLevel: (level, minutes) => logLevel.set(level, minutes),
    applyConfigOverlay,
    profile: configReading.profile ?? null,
    config,
    sessionsToday,
  });
  changed = terminal.changed;
  const link = config.fleet?.mqtt === undefined ? null : new FleetLink({ config: config.fleet, terminalId: config.terminalId, terminal, dataDir: config.dataDir, log, clock });
  const updates = stagedUpdateFor(context, {
    inUse: () => terminal.snapshot().inUse,
    restart: (reason) => parts.operations.restart(fleetOperator, reason === 'installed' ? 'a staged update was installed' : 'a staged update was rolled back'),
    onStatus: (status) => {
      log.info(status, 'staged update');
      link?.publishAttributes({ ...status });
    },
  });
  // The operator deleted the shared attribute `config`: the overlay goes (the link hands `config` itself to the terminal).
  link?.onSharedAttributes(({ deleted }) => {
    if (deleted.includes('config')) applyConfigOverlay(null);
  });
  if (updates !== null) link?.onSharedAttributes(({ values, deleted }) => {
    if ('update' in values) log.info({ outcome: updates.offer(values['update']) }, 'update offered by the fleet');
    else if (deleted.includes('update')) updates.offer(null);
  });

  return {
    name: 'fleet',
    homeEntries: [],
    handlers: {},
    terminal,
    health: () => {
      if (link === null) return unavailable('no fleet broker configured (fleet.mqtt)');
      const status = link.status();
      return status.connected ? ready : { state: 'degraded' as const, reason: `not connected to ${status.broker}${status.lastError === null ? '' : `: ${status.lastError.message}`}` };
    },
    async start() {
      if (configReading.overlay?.applied === false) log.error({ problems: configReading.overlay.problems }, "the fleet's config overlay kept in the data directory was refused: running on the config file alone");
      if (configReading.overlay?.applied === true) log.warn({ overlay: configReading.overlay.hash }, "running with the fleet's config overlay");
      // The line the host logs for whoever scrapes it on site.
      if (metricsServer !== null) log.info(`metrics: ${await metricsServer.start()}`);
      link?.start();
      if (link !== null) log.info({ broker: link.status().broker }, 'fleet link started');
      updates?.start();
      // The host has started (devices, capabilities): a version just installed counts as healthy from here.
      if (updates?.confirmHealthy() === true) log.info({ version: updates.status().runningVersion }, 'staged update confirmed healthy');
    },
    async stop() {
      deviceAlerts.stop();
      cancelRestart?.();
      logLevel.stop();
      await updates?.stop();
      await link?.stop();
      await metricsServer?.stop();
    },
  } satisfies Capability<never> & Record<string, unknown>;
};
