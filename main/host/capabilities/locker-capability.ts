import path from 'node:path';
import type { LockerDoor } from '../../api/index.ts';
import type { OpeningResult } from '../../lockers/locker-inventory.ts';
import type { DoorView } from '../../lockers/locker-upkeep.ts';
import { LockerService } from '../../lockers/locker-service.ts';
import { pickupCodeFromScan } from '../../lockers/pickup-code.ts';
import type { StaffDesk } from '../../lockers/staff-desk.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

export const LOCKER_METHODS = [
  'lockers.pickup.begin',
  'lockers.pickup.enterCode',
  'lockers.pickup.printSlip',
  'lockers.pickup.end',
  'lockers.dropOff.start',
  'lockers.dropOff.printReceipt',
  'lockers.deposit.begin',
  'lockers.deposit.cancel',
  'lockers.overview',
  'lockers.retrieve',
  'lockers.clearJam',
] as const;
type LockerMethod = (typeof LOCKER_METHODS)[number];

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
 * The certificate lockers of a terminal whose config has a `lockers` section: the cabinets' buses (from the device
 * manager), the service, and the contract's locker and staff methods. The service is built here, when the host is
 * composed — before the outbox's courier starts, since its constructor registers the receiver that takes the pickup
 * code out of a deposit's answer — and started after the devices.
 */
export const lockerCapability = (context: HostContext, receiptScanWaiting: () => boolean, staffDesk: StaffDesk | null) => {
  const { config, log, clock, events, session, devices: terminalDevices } = context;
  const settings = config.lockers;
  const absent = {
    name: 'lockers',
    available: false,
    homeEntries: [],
    health: () => unavailable('no lockers configured'),
    handlers: unavailableMethods(LOCKER_METHODS, 'this terminal has no lockers'),
    /** What the fleet reads and asks of the lockers; null: this terminal has none. */
    remote: null,
  } satisfies Capability<LockerMethod> & Record<string, unknown>;
  if (settings === undefined || staffDesk === null) return absent;
  const devices = [...terminalDevices.lockerBuses.values()].map((device) => device.config);
  const buses = new Map([...terminalDevices.lockerBuses].map(([id, device]) => [id, device.bus]));
  for (const [id, bus] of buses) {
    bus.on('board', ({ board, answering }) => log[answering ? 'info' : 'warn']({ device: id, board, answering }, 'lock board'));
    bus.on('reopened', ({ failures }) => log.warn({ device: id, failures }, 'locker bus reopened after failures'));
  }
  const service = new LockerService({
    cabinets: devices.map(({ id, label, boards }) => ({ id, label, boards })),
    buses,
    inventoryFile: path.join(config.dataDir, 'lockers.sqlite'),
    dataKey: context.dataKey,
    outbox: context.outbox,
    courier: context.courier,
    platform: context.platform,
    session,
    // The terminal's staff desk (the staff capability's) signs staff in for the lockers too.
    staffAccounts: [],
    staffDesk,
    printer: terminalDevices.receiptPrinter,
    branding: context.branding,
    trackingUrl: config.receipt.trackingUrl,
    clock,
    audit: context.audit,
    settings: {
      retentionDays: settings.retentionDays,
      decisionWaitMs: config.platform.decisionWaitSeconds * 1000,
      pickupLockouts: {
        recipient: rule(settings.pickupLockout.perRecipient, settings.pickupLockout.minutes),
        terminal: rule(settings.pickupLockout.perTerminal, settings.pickupLockout.minutes),
      },
    },
  });
  // Alerts carry cabinet, door, references and case numbers, never a name or an ID number. Doors that would not
  // open or were left open reach the operator (the fleet); the rest are for staff at the terminal.
  service.on('alert', (alert) => {
    log.warn({ alert }, 'locker alert');
    const where = `door ${alert.door.number} of cabinet ${alert.door.cabinet}`;
    const detail = { cabinet: alert.door.cabinet, door: alert.door.number };
    if (alert.kind === 'door-jammed') context.alerts.raise('door-jammed', `${where} is jammed (during ${alert.during})`, { ...detail, during: alert.during });
    if (alert.kind === 'board-not-answering') context.alerts.raise('door-jammed', `${where} did not open: its lock board did not answer (during ${alert.during})`, { ...detail, during: alert.during });
    if (alert.kind === 'door-left-open') context.alerts.raise('door-left-open', `${where} left open for ${Math.round(alert.openForMs / 1000)} s`, { ...detail, openForS: Math.round(alert.openForMs / 1000) });
  });

  // The session whose citizen has the pickup screen open: scanned codes are offered to it, and only to it.
  let pickupScreenOf: string | null = null;
  const sessionId = () => (session.state.phase === 'attract' ? null : session.state.sessionId);
  session.onEnd(() => (pickupScreenOf = null));
  for (const scanner of terminalDevices.scanners) {
    scanner.on('code', (code) => {
      if (pickupScreenOf === null || pickupScreenOf !== sessionId() || receiptScanWaiting()) return;
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

  const handlers: Capability<LockerMethod>['handlers'] = {
    'lockers.pickup.begin': () => {
      const waiting = service.pickup.waiting();
      pickupScreenOf = sessionId();
      return { waiting };
    },
    'lockers.pickup.enterCode': async ({ code }) => {
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
    },
    'lockers.pickup.printSlip': () => service.pickup.printSlip(),
    'lockers.pickup.end': () => {
      pickupScreenOf = null;
      return { ended: true as const };
    },
    'lockers.dropOff.start': async ({ caseNumber, materials, size }) => {
      const opening = await service.dropOff.start({ caseNumber, materials, size });
      if (opening.status !== 'open') return opening;
      whenSettled(service.dropOff.awaitOutcome(), (outcome) =>
        events.emit(
          'lockers.dropOff.outcome',
          outcome.status === 'received' ? { status: 'received', receivedAt: iso(outcome.receivedAt), platform: outcome.platform } : outcome,
        ),
      );
      return withoutReference(opening);
    },
    'lockers.dropOff.printReceipt': () => service.dropOff.printReceipt(),
    'lockers.deposit.begin': async (request) => {
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
    },
    'lockers.deposit.cancel': () => {
      service.deposit.cancel();
      return { cancelled: true as const };
    },
    'lockers.overview': () => ({ doors: service.upkeep.overview().map(doorOf) }),
    'lockers.retrieve': ({ reference }) => service.upkeep.retrieve(reference),
    'lockers.clearJam': ({ cabinet, door }) => {
      service.upkeep.clearJam(cabinet, door);
      return { doors: service.upkeep.overview().map(doorOf) };
    },
  };

  return {
    name: 'lockers',
    available: true,
    // Pickup and drop-off are for the citizen whose ID card is read.
    homeEntries: terminalDevices.idCardReader === null ? [] : (['locker-pickup', 'locker-drop-off'] as const),
    health: () => {
      const jammed = service.inventory.jammedDoors().length;
      return jammed === 0 ? ready : { state: 'degraded' as const, reason: `${jammed} locker doors jammed` };
    },
    handlers,
    remote: {
      jammedDoors: (): number => service.inventory.jammedDoors().length,
      onOpening: (listener: (result: OpeningResult) => void): void => service.inventory.onOpening(listener),
      openDoor: (cabinet: string, door: number) => service.upkeep.openRemotely(cabinet, door),
    },
    async start() {
      service.start();
      log.info({ cabinets: devices.map((device) => device.label ?? device.id), doors: service.cabinets.compartments.length }, 'lockers started');
    },
    async stop() {
      service.close();
    },
  } satisfies Capability<LockerMethod> & Record<string, unknown>;
};
