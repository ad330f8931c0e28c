import path from 'node:path';
import type { Logger } from 'pino';
import type { LockerDoor } from '../api/index.ts';
import type { Clock } from '../common/clock.ts';
import type { OutboxCourier } from '../cases/outbox-courier.ts';
import type { Outbox } from '../cases/outbox.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import type { DoorView } from '../lockers/locker-upkeep.ts';
import { LockerService } from '../lockers/locker-service.ts';
import { pickupCodeFromScan } from '../lockers/pickup-code.ts';
import { loadStaffAccounts } from '../lockers/staff-accounts.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import type { LockerBusDevice } from '../../drivers/manager/device-manager.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { Scanner } from '../../drivers/scanner/scanner.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';
import { ApiFailure } from './api-failure.ts';
import type { MethodHandlers } from './api-dispatcher.ts';
import type { EventHub } from './event-hub.ts';
import { serviceCall } from './service-call.ts';

type LockerMethod =
  | 'lockers.pickup.begin'
  | 'lockers.pickup.enterCode'
  | 'lockers.pickup.printSlip'
  | 'lockers.pickup.end'
  | 'lockers.dropOff.start'
  | 'lockers.dropOff.printReceipt'
  | 'staff.signIn'
  | 'staff.signOut'
  | 'lockers.deposit.begin'
  | 'lockers.deposit.cancel'
  | 'lockers.overview'
  | 'lockers.retrieve'
  | 'lockers.clearJam';

export interface LockerCapabilityOptions {
  config: TerminalConfig;
  log: Logger;
  clock: Clock;
  events: EventHub;
  session: CitizenSession;
  /** The cabinets' buses, by device id (from the device manager). */
  buses: ReadonlyMap<string, LockerBusDevice>;
  /** The terminal's data key (the outbox's): the lockers derive their secrets from it. */
  dataKey: Buffer;
  outbox: Outbox;
  courier: OutboxCourier;
  platform: PlatformAdapter;
  printer: ReceiptPrinter | null;
  branding: () => Promise<ReceiptBranding>;
  /** The terminal's QR scanners: while the pickup screen is open, what they read is offered to it. */
  scanners: readonly Scanner[];
  /** Whether "scan a receipt" is waiting for a code (then a scanned code is the receipt's, not the pickup's). */
  receiptScanWaiting: () => boolean;
}

/** The lockers as the host runs them: their buses, the service, and the contract's locker and staff methods. */
export interface LockerCapability {
  readonly handlers: Pick<MethodHandlers, LockerMethod>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The locker and staff methods on a terminal without lockers. */
const noLockers = () => {
  throw new ApiFailure('unavailable', 'this terminal has no lockers');
};
export const lockerMethodsUnavailable: Pick<MethodHandlers, LockerMethod> = {
  'lockers.pickup.begin': noLockers,
  'lockers.pickup.enterCode': noLockers,
  'lockers.pickup.printSlip': noLockers,
  'lockers.pickup.end': noLockers,
  'lockers.dropOff.start': noLockers,
  'lockers.dropOff.printReceipt': noLockers,
  'staff.signIn': noLockers,
  'staff.signOut': noLockers,
  'lockers.deposit.begin': noLockers,
  'lockers.deposit.cancel': noLockers,
  'lockers.overview': noLockers,
  'lockers.retrieve': noLockers,
  'lockers.clearJam': noLockers,
};

/** What the page is told of an item: everything but the terminal's own reference of it. */
const withoutReference = <T extends { reference: string }>(value: T): Omit<T, 'reference'> => {
  const copy: Partial<T> = { ...value };
  delete copy.reference;
  return copy as Omit<T, 'reference'>;
};

const iso = (time: number) => new Date(time).toISOString();

const doorOf = (view: DoorView): LockerDoor => ({
  cabinet: view.cabinet,
  door: view.number,
  size: view.size,
  jammed: view.jammed,
  item: view.item === null ? null : { ...view.item, placedAt: iso(view.item.placedAt), keepUntil: view.item.keepUntil === null ? null : iso(view.item.keepUntil) },
});

const minutes = (count: number) => count * 60_000;

/** A lockout of the config: so many failures within the period lock for the same period. */
const rule = (maxFailures: number, period: number) => ({ maxFailures, windowMs: minutes(period), lockMs: minutes(period) });

/**
 * Builds the lockers of a terminal whose config has a `lockers` section (null otherwise). The service is built
 * here, when the host is composed — before the outbox's courier starts, since its constructor registers the
 * receiver that takes the pickup code out of a deposit's answer — and started with the buses in `start()`.
 */
export const createLockerCapability = (options: LockerCapabilityOptions): LockerCapability | null => {
  const { config, log, clock, events, session } = options;
  const settings = config.lockers;
  if (settings === undefined) return null;
  const devices = [...options.buses.values()].map((device) => device.config);
  const buses = new Map([...options.buses].map(([id, device]) => [id, device.bus]));
  for (const [id, bus] of buses) {
    bus.on('board', ({ board, answering }) => log[answering ? 'info' : 'warn']({ device: id, board, answering }, 'lock board'));
    bus.on('reopened', ({ failures }) => log.warn({ device: id, failures }, 'locker bus reopened after failures'));
  }
  const service = new LockerService({
    cabinets: devices.map(({ id, label, boards }) => ({ id, label, boards })),
    buses,
    inventoryFile: path.join(config.dataDir, 'lockers.sqlite'),
    dataKey: options.dataKey,
    outbox: options.outbox,
    courier: options.courier,
    platform: options.platform,
    session,
    staffAccounts: loadStaffAccounts(settings.staffAccounts),
    printer: options.printer,
    branding: options.branding,
    trackingUrl: config.receipt.trackingUrl,
    clock,
    settings: {
      retentionDays: settings.retentionDays,
      decisionWaitMs: config.platform.decisionWaitSeconds * 1000,
      staffIdleMs: minutes(settings.staffIdleMinutes),
      pickupLockouts: {
        recipient: rule(settings.pickupLockout.perRecipient, settings.pickupLockout.minutes),
        terminal: rule(settings.pickupLockout.perTerminal, settings.pickupLockout.minutes),
      },
      staffLockouts: {
        account: rule(settings.staffLockout.perAccount, settings.staffLockout.minutes),
        terminal: rule(settings.staffLockout.perTerminal, settings.staffLockout.minutes),
      },
    },
  });
  // Alerts carry cabinet, door, references and case numbers, never a name or an ID number.
  service.on('alert', (alert) => log.warn({ alert }, 'locker alert'));

  // The session whose citizen has the pickup screen open: scanned codes are offered to it, and only to it.
  let pickupScreenOf: string | null = null;
  const sessionId = () => (session.state.phase === 'attract' ? null : session.state.sessionId);
  session.onEnd(() => (pickupScreenOf = null));
  for (const scanner of options.scanners) {
    scanner.on('code', (code) => {
      if (pickupScreenOf === null || pickupScreenOf !== sessionId() || options.receiptScanWaiting()) return;
      events.emit('lockers.pickup.codeScanned', { code: code.text });
    });
  }
  /** Reports a door's outcome to the page, if it comes while the same citizen is still there. */
  const whenSettled = <T extends { status: string }>(outcome: Promise<T>, report: (settled: Exclude<T, { status: 'stopped' }>) => void) => {
    const forSession = sessionId();
    outcome.then(
      (settled) => {
        if (settled.status !== 'stopped' && sessionId() === forSession) report(settled as Exclude<T, { status: 'stopped' }>);
      },
      (error: unknown) => log.error({ err: error }, 'locker door outcome failed'),
    );
  };

  const handlers: LockerCapability['handlers'] = {
    'lockers.pickup.begin': () =>
      serviceCall(() => {
        const waiting = service.pickup.waiting();
        pickupScreenOf = sessionId();
        return { waiting };
      }),
    'lockers.pickup.enterCode': ({ code }) =>
      serviceCall(async () => {
        const pickupCode = pickupCodeFromScan(code);
        if (pickupCode === null) return { status: 'not-a-code' as const };
        const answer = await service.pickup.enterCode(pickupCode);
        switch (answer.status) {
          case 'opened': {
            whenSettled(service.pickup.awaitOutcome(), (outcome) =>
              events.emit('lockers.pickup.outcome', outcome.status === 'collected' ? { status: 'collected', collectedAt: iso(outcome.collectedAt) } : outcome),
            );
            return withoutReference(answer);
          }
          case 'locked':
            return { status: 'locked' as const, until: iso(answer.until) };
          default:
            return answer;
        }
      }),
    'lockers.pickup.printSlip': () => serviceCall(() => service.pickup.printSlip()),
    'lockers.pickup.end': () => {
      pickupScreenOf = null;
      return { ended: true as const };
    },
    'lockers.dropOff.start': ({ caseNumber, materials, size }) =>
      serviceCall(async () => {
        const opening = await service.dropOff.start({ caseNumber, materials, size });
        if (opening.status !== 'open') return opening;
        whenSettled(service.dropOff.awaitOutcome(), (outcome) =>
          events.emit(
            'lockers.dropOff.outcome',
            outcome.status === 'received' ? { status: 'received', receivedAt: iso(outcome.receivedAt), platform: outcome.platform } : outcome,
          ),
        );
        return withoutReference(opening);
      }),
    'lockers.dropOff.printReceipt': () => serviceCall(() => service.dropOff.printReceipt()),
    'staff.signIn': ({ staffId, password }) =>
      serviceCall(async () => {
        // Maintenance mode is never entered from within a citizen's session.
        if (session.state.phase !== 'attract') throw new ApiFailure('invalid-state', 'staff sign in between citizens, not within a session');
        const signIn = await service.staff.signIn(staffId, password);
        if (signIn.status === 'locked') return { status: 'locked' as const, until: iso(signIn.until) };
        if (signIn.status === 'refused') return signIn;
        log.info({ staffId }, 'staff signed in (maintenance mode)');
        return { ...signIn, idleSeconds: settings.staffIdleMinutes * 60 };
      }),
    'staff.signOut': () => {
      const staffId = service.staff.staffId;
      service.staff.signOut();
      if (staffId !== null) log.info({ staffId }, 'staff signed out');
      return { signedOut: true as const };
    },
    'lockers.deposit.begin': (request) =>
      serviceCall(async () => {
        const opening = await service.deposit.begin(request);
        if (opening.status !== 'open') return opening;
        const outcome = service.deposit.awaitOutcome();
        outcome.then(
          (settled) => {
            if (settled.status === 'stopped') return;
            if (settled.status !== 'registered') events.emit('lockers.deposit.outcome', settled);
            else {
              events.emit('lockers.deposit.outcome', { ...withoutReference(settled), keepUntil: iso(settled.keepUntil) });
            }
          },
          (error: unknown) => log.error({ err: error }, 'locker deposit outcome failed'),
        );
        return withoutReference(opening);
      }),
    'lockers.deposit.cancel': () =>
      serviceCall(() => {
        service.deposit.cancel();
        return { cancelled: true as const };
      }),
    'lockers.overview': () => serviceCall(() => ({ doors: service.upkeep.overview().map(doorOf) })),
    'lockers.retrieve': ({ reference }) => serviceCall(() => service.upkeep.retrieve(reference)),
    'lockers.clearJam': ({ cabinet, door }) =>
      serviceCall(() => {
        service.upkeep.clearJam(cabinet, door);
        return { doors: service.upkeep.overview().map(doorOf) };
      }),
  };

  return {
    handlers,
    async start() {
      for (const [id, bus] of buses) {
        await bus.start().catch((error: unknown) => log.error({ err: error, device: id }, 'locker bus could not start'));
      }
      service.start();
      log.info({ cabinets: devices.map((device) => device.label ?? device.id), doors: service.cabinets.compartments.length }, 'lockers started');
    },
    async stop() {
      service.close();
      for (const bus of buses.values()) await bus.stop();
    },
  };
};
