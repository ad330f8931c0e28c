import type { CallResponse, KioskEvent } from '../api/index.ts';
import type { AuditHead } from '../audit/audit-record.ts';
import { configFingerprint, recordConfigIfChanged } from '../audit/config-record.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';
import type { DeviceHealth } from '../../drivers/manager/device-health.ts';
import type { Alerts } from '../fleet/alerts.ts';
import { createApiDispatcher } from './api-dispatcher.ts';
import type { Capability, CapabilityHealth } from './capabilities/capability.ts';
import { casesCapability } from './capabilities/cases-capability.ts';
import { catalogueCapability } from './capabilities/catalogue-capability.ts';
import { contractHandlers } from './capabilities/contract-coverage.ts';
import { documentsCapability } from './capabilities/documents-capability.ts';
import { fleetCapability } from './capabilities/fleet-capability.ts';
import { identifyCapability } from './capabilities/identify-capability.ts';
import { lockerCapability } from './capabilities/locker-capability.ts';
import { maintenanceCapability } from './capabilities/maintenance-capability.ts';
import { platformCapability } from './capabilities/platform-capability.ts';
import { receiptScanCapability } from './capabilities/receipt-scan-capability.ts';
import { sessionCapability } from './capabilities/session-capability.ts';
import { helpCapability } from './capabilities/help-capability.ts';
import { staffCapability } from './capabilities/staff-capability.ts';
import { terminalCapability } from './capabilities/terminal-capability.ts';
import { createHostContext, type KioskHostDependencies } from './host-context.ts';
import { sweepStaleTempDirs } from './stale-temp-dirs.ts';
import { terminalOperations } from './terminal-operations.ts';

export type { KioskHostDependencies } from './host-context.ts';

/** What the host says of itself to whoever watches the terminal (the log, later the fleet). */
export interface HostHealth {
  capabilities: Record<string, CapabilityHealth>;
  /** Every configured device: ready, degraded, offline or error, with the reason and when it was last seen. */
  devices: DeviceHealth[];
}

export interface KioskHost {
  readonly config: TerminalConfig;
  /** Answers one call from the page (any transport). */
  dispatch(raw: unknown): Promise<CallResponse>;
  /** Ends the citizen session from the shell's side (the page crashed or was replaced), wiping it. */
  endSession(): void;
  /** Pushed events for the transports to forward. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** Prepares the data directory and starts background work (platform checks). */
  start(): Promise<void>;
  /** Ends any session (wiping it), stops background work and lets go of the devices. */
  stop(): Promise<void>;
  /** A camera document scan is under way: the only time a shell lets the page use the camera. */
  readonly cameraInUse: boolean;
  health(): HostHealth;
  /**
   * The audit log's head (its last record's number and hash), for the fleet to send out: a log cut back from its
   * end verifies, but no longer reaches the head sent out before.
   */
  auditHead(): AuditHead;
  /** What an operator must hear of at once (the fleet subscribes): the terminal taken out of service, and back. */
  readonly alerts: Alerts;
  /**
   * Staff asked for a restart in maintenance mode: whoever runs the host stops it and starts it again (the browser
   * shell's entry exits with status 75 for systemd to restart it; docs/maintenance.md).
   */
  onRestartRequested(listener: () => void): void;
}

/**
 * The composition root: the shared context (log, clock, events, session, storage, outbox, courier, platform,
 * devices), then one capability per thing the terminal does, each answering its part of the contract.
 */
export const createKioskHost = (config: TerminalConfig, dependencies: KioskHostDependencies): KioskHost => {
  const context = createHostContext(config, dependencies);
  const { log, session, events, devices, outbox, audit } = context;

  const catalogue = catalogueCapability(context);
  const identify = identifyCapability(context);
  const cases = casesCapability(context, catalogue);
  const documents = documentsCapability(context, cases.applications);
  const receiptScan = receiptScanCapability(context, cases.myCases);
  const staff = staffCapability(context);
  const lockers = lockerCapability(context, receiptScan.waiting, staff.desk);
  const operations = terminalOperations(context, catalogue.service);
  const maintenance = maintenanceCapability(context, staff.desk, operations);
  const fleet = fleetCapability(
    context,
    { operations, catalogue: catalogue.service, lockers: lockers.remote, staffPresent: () => (staff.desk?.staffId ?? null) !== null, configFile: dependencies.configFile },
    dependencies.configReading ?? {},
  );
  // In start order; they stop in the same order (the platform's courier first, so nothing is delivered into a
  // service that is closing), and the outbox and the devices close after all of them.
  const capabilities = [platformCapability(context), sessionCapability(context), helpCapability(context), catalogue, identify, cases, documents, receiptScan, staff, lockers, maintenance, fleet] as const;
  const running: readonly Capability<never>[] = capabilities;

  // Home entries this build provides on this terminal; a configured entry not provided is hidden, never a stub.
  const provided = new Set(capabilities.flatMap((capability) => capability.homeEntries));
  const homeEntries = config.home.entries.filter((entry) => provided.has(entry));
  const hiddenEntries = config.home.entries.filter((entry) => !provided.has(entry));
  const terminal = terminalCapability(context, {
    homeEntries,
    capabilities: { identify: identify.available, scan: receiptScan.available, lockers: lockers.available, maintenance: staff.available },
    identify: identify.state,
    scan: receiptScan.state,
    pageArrived: () => {
      for (const capability of running) capability.pageArrived?.();
    },
  });
  const dispatcher = createApiDispatcher(contractHandlers([...capabilities, terminal] as const), log);

  return {
    config,
    get cameraInUse() {
      return documents.cameraInUse();
    },
    dispatch: (raw) => dispatcher.dispatch(raw),
    endSession: () => void session.end('host'),
    subscribe: (listener) => events.subscribe(listener),
    health: () => ({
      capabilities: Object.fromEntries(capabilities.map((capability) => [capability.name, capability.health()])),
      devices: devices.health(),
    }),
    auditHead: () => audit.head(),
    alerts: context.alerts,
    onRestartRequested: (listener) => operations.onRestart(listener),
    async start() {
      if (hiddenEntries.length > 0) log.warn({ hiddenEntries }, 'home entries configured but not provided by this build; hidden');
      // Before anything makes new ones: what a host that died left of a scan or a browser profile goes.
      const swept = await sweepStaleTempDirs().catch((error: unknown) => {
        log.warn({ err: error }, 'temp directories of earlier hosts not swept');
        return [];
      });
      if (swept.length > 0) log.warn({ removed: swept }, 'temp directories left by a host that died: removed');
      const configRecord = recordConfigIfChanged(audit, configFingerprint(config));
      if (configRecord !== null) log.info({ seq: configRecord.seq, config: configRecord.subject }, 'config changed since the last start (audit log)');
      log.info({ auditHead: audit.head() }, 'audit log head');
      // Still out of service after a restart: the operator hears of it again (their view may have restarted too).
      context.outOfService.announce();
      await devices.start();
      for (const capability of running) await capability.start?.();
      await context.branding();
      log.info({ terminalId: config.terminalId }, 'host started');
    },
    async stop() {
      session.dispose();
      for (const capability of running) await capability.stop?.();
      outbox.close();
      audit.close();
      await devices.stop();
      log.info('host stopped');
    },
  };
};
