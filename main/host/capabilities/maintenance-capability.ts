import type { MaintenanceDevice, MethodName, OutboxState } from '../../api/index.ts';
import { staffActor, type AuditEntry } from '../../audit/audit-record.ts';
import { printTestPage } from '../../cases/test-print.ts';
import type { CatalogueService } from '../../catalogue/catalogue-service.ts';
import type { StaffDesk } from '../../lockers/staff-desk.ts';
import { ApiFailure } from '../api-failure.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

export const MAINTENANCE_METHODS = [
  'maintenance.overview',
  'maintenance.testPrint',
  'maintenance.reloadCatalogue',
  'maintenance.retryOutbox',
  'maintenance.restartKiosk',
  'maintenance.setOutOfService',
] as const satisfies readonly MethodName[];
type MaintenanceMethod = (typeof MAINTENANCE_METHODS)[number];

const iso = (time: number) => new Date(time).toISOString();

/**
 * The maintenance screen's tasks for the signed-in staff member (docs/maintenance.md): the devices' health and last
 * errors, a test page, a catalogue sync, the outbox retried now, the kiosk restarted, the terminal out of service and
 * back. Each needs the staff desk's signed-in member (so never within a citizen session) and is recorded in the audit
 * log before it is done: staff work is never done unrecorded.
 */
export const maintenanceCapability = (context: HostContext, desk: StaffDesk | null, catalogue: () => CatalogueService | null) => {
  const { config, log, clock, devices, outbox, courier, audit, outOfService } = context;
  if (desk === null) {
    return {
      name: 'maintenance',
      available: false,
      homeEntries: [],
      health: () => unavailable('no staff accounts file configured'),
      handlers: unavailableMethods(MAINTENANCE_METHODS, 'this terminal has no staff accounts file'),
      onRestart: (): void => undefined,
    } satisfies Capability<MaintenanceMethod> & Record<string, unknown>;
  }

  // Each device's last trouble since the kiosk started: its health tells the state now, staff want what went wrong.
  const lastErrors = new Map<string, { reason: string; at: string }>();
  devices.onHealth(({ device, state, reason }) => {
    if (state !== 'ready') lastErrors.set(device, { reason: reason ?? state, at: iso(clock.now()) });
  });
  const restartListeners = new Set<() => void>();

  /** The signed-in staff member; the action recorded before it is done (a log that cannot be written stops it). */
  const recorded = (entry: Omit<AuditEntry, 'actor'>): string => {
    const staffId = desk.require();
    audit.append({ ...entry, actor: staffActor(staffId) });
    log.info({ staffId, kind: entry.kind, subject: entry.subject }, 'maintenance action');
    return staffId;
  };
  const outboxState = (): OutboxState => {
    const counts = outbox.counts();
    const oldest = outbox.oldestWaitingSince();
    return {
      queued: counts.queued,
      sending: counts.sending,
      needsAttention: counts['needs-attention'],
      rejected: counts.rejected,
      accepted: counts.accepted,
      oldestWaiting: oldest === null ? null : iso(oldest),
    };
  };
  const deviceList = (): MaintenanceDevice[] =>
    devices.health().map(({ device, kind, state, reason, lastSeen }) => ({ device, kind, state, reason, lastSeen, lastError: lastErrors.get(device) ?? null }));

  const handlers: Capability<MaintenanceMethod>['handlers'] = {
    'maintenance.overview': () => {
      desk.require();
      return { devices: deviceList(), outbox: outboxState(), catalogue: catalogue()?.status() ?? null, outOfService: outOfService.on };
    },
    'maintenance.testPrint': async () => {
      desk.require();
      const printer = devices.receiptPrinter;
      if (printer === null) throw new ApiFailure('unavailable', 'this terminal has no receipt printer');
      const printerId = config.devices.find((device) => device.kind === 'receipt-printer')?.id ?? 'printer';
      recorded({ kind: 'maintenance-test-print', subject: `printer ${printerId}`, reason: 'test page' });
      return printTestPage(printer, await context.branding(), { terminalId: config.terminalId, printedAt: new Date(clock.now()), qr: config.terminalId });
    },
    'maintenance.reloadCatalogue': async () => {
      desk.require();
      const service = catalogue();
      if (service === null) throw new ApiFailure('unavailable', 'this terminal has no service catalogue');
      recorded({ kind: 'catalogue-reload', subject: `catalogue version ${service.status().version ?? 'none'}`, reason: 'sync with the platform now' });
      try {
        const outcome = await service.syncNow();
        log.info({ kind: outcome.kind, version: outcome.version }, 'catalogue synced (staff)');
        return { status: outcome.kind === 'up-to-date' ? ('up-to-date' as const) : ('updated' as const), catalogue: service.status() };
      } catch (error) {
        log.warn({ err: error }, 'catalogue sync asked for by staff failed; the catalogue held is kept');
        return { status: 'failed' as const, problem: (error as Error).message, catalogue: service.status() };
      }
    },
    'maintenance.retryOutbox': () => {
      const before = outboxState();
      recorded({ kind: 'outbox-retry', subject: `outbox: ${before.queued} queued, ${before.needsAttention} need attention`, reason: 'try every waiting entry now' });
      const due = outbox.dueNow(clock.now());
      courier.kick();
      log.info({ due }, 'outbox entries tried now (staff)');
      return outboxState();
    },
    'maintenance.restartKiosk': () => {
      const staffId = recorded({ kind: 'kiosk-restart', subject: `terminal ${config.terminalId}`, reason: 'restart asked for in maintenance mode' });
      desk.signOut('the kiosk restarts');
      log.warn({ staffId }, 'kiosk restart asked for by staff');
      // After the answer is on its way: the entry stops the host and exits for systemd to start it again.
      clock.setTimeout(() => {
        for (const listener of restartListeners) listener();
      }, 0);
      return { restarting: true as const };
    },
    'maintenance.setOutOfService': ({ outOfService: wanted }) => {
      if (wanted === outOfService.on) {
        desk.require();
        return { outOfService: wanted };
      }
      const staffId = recorded({
        kind: wanted ? 'out-of-service-entered' : 'out-of-service-left',
        subject: `terminal ${config.terminalId}`,
        reason: wanted ? 'taken out of service in maintenance mode' : 'back in service from maintenance mode',
      });
      outOfService.set(wanted, staffId);
      return { outOfService: wanted };
    },
  };

  return {
    name: 'maintenance',
    available: true,
    homeEntries: [],
    health: () => (outOfService.on ? { state: 'degraded' as const, reason: 'out of service (staff)' } : ready),
    handlers,
    /** Staff asked for a restart: the entry that runs the host stops it and exits (docs/maintenance.md). */
    onRestart: (listener: () => void): void => void restartListeners.add(listener),
    async start() {
      outOfService.announce();
    },
  } satisfies Capability<MaintenanceMethod> & Record<string, unknown>;
};
