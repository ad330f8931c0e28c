import type { CatalogueStatus, MaintenanceDevice, OutboxState } from '../api/index.ts';
import type { AuditActor, AuditEntry } from '../audit/audit-record.ts';
import { printTestPage, type TestPrintOutcome } from '../cases/test-print.ts';
import type { CatalogueService } from '../catalogue/catalogue-service.ts';
import { ApiFailure } from './api-failure.ts';
import type { HostContext } from './host-context.ts';

const iso = (time: number) => new Date(time).toISOString();

/** Who asks: the staff member signed in at the terminal (maintenance mode), or the fleet's operator (an RPC). */
export interface Operator {
  readonly actor: AuditActor;
  /** For the log and the out-of-service marker: `staff S001`, `the fleet operator`. */
  readonly who: string;
}

export const fleetOperator: Operator = { actor: 'operator', who: 'the fleet operator' };

export type CatalogueReload = { status: 'up-to-date' | 'updated'; catalogue: CatalogueStatus } | { status: 'failed'; problem: string; catalogue: CatalogueStatus };

/**
 * What staff in maintenance mode and the fleet's operator may both do to the terminal: read its devices and outbox,
 * print a test page, sync the catalogue, retry the outbox, restart the kiosk, take it out of service and back. Each
 * action is recorded in the audit log before it is done (a log that cannot be written stops it), with who asked.
 */
export const terminalOperations = (context: HostContext, catalogue: () => CatalogueService | null) => {
  const { config, log, clock, devices, outbox, courier, audit, outOfService } = context;
  // Each device's last trouble since the kiosk started: its health tells the state now, staff want what went wrong.
  const lastErrors = new Map<string, { reason: string; at: string }>();
  devices.onHealth(({ device, state, reason }) => {
    if (state !== 'ready') lastErrors.set(device, { reason: reason ?? state, at: iso(clock.now()) });
  });
  const restartListeners = new Set<() => void>();

  const recorded = (operator: Operator, entry: Omit<AuditEntry, 'actor'>): void => {
    audit.append({ ...entry, actor: operator.actor });
    log.info({ by: operator.who, kind: entry.kind, subject: entry.subject }, 'terminal operation');
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

  return {
    deviceList: (): MaintenanceDevice[] =>
      devices.health().map(({ device, kind, state, reason, lastSeen }) => ({ device, kind, state, reason, lastSeen, lastError: lastErrors.get(device) ?? null })),
    outboxState,
    catalogueStatus: (): CatalogueStatus | null => catalogue()?.status() ?? null,
    async testPrint(operator: Operator): Promise<TestPrintOutcome> {
      const printer = devices.receiptPrinter;
      if (printer === null) throw new ApiFailure('unavailable', 'this terminal has no receipt printer');
      const printerId = config.devices.find((device) => device.kind === 'receipt-printer')?.id ?? 'printer';
      recorded(operator, { kind: 'maintenance-test-print', subject: `printer ${printerId}`, reason: 'test page' });
      return printTestPage(printer, await context.branding(), { terminalId: config.terminalId, printedAt: new Date(clock.now()), qr: config.terminalId });
    },
    async reloadCatalogue(operator: Operator): Promise<CatalogueReload> {
      const service = catalogue();
      if (service === null) throw new ApiFailure('unavailable', 'this terminal has no service catalogue');
      recorded(operator, { kind: 'catalogue-reload', subject: `catalogue version ${service.status().version ?? 'none'}`, reason: 'sync with the platform now' });
      try {
        const outcome = await service.syncNow();
        log.info({ kind: outcome.kind, version: outcome.version, by: operator.who }, 'catalogue synced');
        return { status: outcome.kind === 'up-to-date' ? 'up-to-date' : 'updated', catalogue: service.status() };
      } catch (error) {
        log.warn({ err: error, by: operator.who }, 'catalogue sync asked for failed; the catalogue held is kept');
        return { status: 'failed', problem: (error as Error).message, catalogue: service.status() };
      }
    },
    retryOutbox(operator: Operator): OutboxState {
      const before = outboxState();
      recorded(operator, { kind: 'outbox-retry', subject: `outbox: ${before.queued} queued, ${before.needsAttention} need attention`, reason: 'try every waiting entry now' });
      const due = outbox.dueNow(clock.now());
      courier.kick();
      log.info({ due, by: operator.who }, 'outbox entries tried now');
      return outboxState();
    },
    /** Recorded now; the listeners (the entry that runs the host stops it and exits for systemd) run after the answer. */
    restart(operator: Operator, reason: string): { restarting: true } {
      recorded(operator, { kind: 'kiosk-restart', subject: `terminal ${config.terminalId}`, reason });
      log.warn({ by: operator.who }, 'kiosk restart asked for');
      clock.setTimeout(() => {
        for (const listener of restartListeners) listener();
      }, 0);
      return { restarting: true };
    },
    setOutOfService(operator: Operator, wanted: boolean, reason: string): { outOfService: boolean } {
      if (wanted === outOfService.on) return { outOfService: wanted };
      recorded(operator, { kind: wanted ? 'out-of-service-entered' : 'out-of-service-left', subject: `terminal ${config.terminalId}`, reason });
      outOfService.set(wanted, operator.who);
      return { outOfService: wanted };
    },
    /** A restart was asked for: the entry that runs the host stops it and exits (docs/maintenance.md). */
    onRestart: (listener: () => void): void => void restartListeners.add(listener),
  };
};

export type TerminalOperations = ReturnType<typeof terminalOperations>;
