import { EventEmitter } from 'node:events';
import type { AuditTrail } from '../audit/audit-log.ts';
import type { Clock, TimerHandle } from '../common/clock.ts';
import type { OutboxCourier } from '../cases/outbox-courier.ts';
import type { Outbox } from '../cases/outbox.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import { AttemptLimiter, type LockoutRule } from './attempt-limiter.ts';
import { CabinetModel, type CabinetSettings } from './cabinet.ts';
import { CitizenPickup, type PickupLockouts } from './citizen-pickup.ts';
import type { LockerAlert } from './locker-alerts.ts';
import { alertDoor, LockerDoors, type CabinetBus } from './locker-doors.ts';
import { LockerInventory } from './locker-inventory.ts';
import { LockerKeys } from './locker-keys.ts';
import { LockerReports } from './locker-reports.ts';
import { LockerUpkeep } from './locker-upkeep.ts';
import { MaterialDropOff } from './material-drop-off.ts';
import type { StaffAccount } from './staff-accounts.ts';
import { StaffDeposit } from './staff-deposit.ts';
import { StaffDesk } from './staff-desk.ts';

/** How the lockers behave; the host fills it from the terminal config's `lockers` section. */
export interface LockerSettings {
  /** How long a certificate is kept for its recipient before staff are told to take it back (Taizhou: 7 days). */
  retentionDays: number;
  /** How long staff or a citizen wait for the platform's answer to a report before hearing it goes later. */
  decisionWaitMs: number;
  /** How often a door is read while waiting for it to close. */
  closePollMs: number;
  /** A staff session unused for this long has ended. */
  staffIdleMs: number;
  pickupLockouts: PickupLockouts;
  staffLockouts: { account: LockoutRule; terminal: LockoutRule };
  /** How often items are checked against their retention. */
  retentionSweepMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;
const FAILURES_KEPT_MS = 3 * 86_400_000;

export const DEFAULT_LOCKER_SETTINGS: LockerSettings = {
  retentionDays: 7,
  decisionWaitMs: 5000,
  closePollMs: 500,
  staffIdleMs: 5 * 60_000,
  pickupLockouts: {
    terminal: { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
    recipient: { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
  },
  staffLockouts: {
    account: { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
    terminal: { maxFailures: 20, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
  },
  retentionSweepMs: 60 * 60_000,
};

export interface LockerServiceOptions {
  cabinets: readonly CabinetSettings[];
  /** Each cabinet's bus (a started LockerBus), by cabinet (device) id. */
  buses: ReadonlyMap<string, CabinetBus>;
  /** The inventory's SQLite file (in the terminal's data dir). */
  inventoryFile: string;
  /** The terminal's data key (the outbox's): the locker secrets are derived from it. */
  dataKey: Buffer;
  outbox: Outbox;
  courier: OutboxCourier;
  platform: Pick<PlatformAdapter, 'checkPickupCode' | 'casesOfApplicant'>;
  session: CitizenSession;
  staffAccounts: readonly StaffAccount[];
  /** The terminal's staff desk, when the host keeps one for every maintenance task; else the lockers build their own. */
  staffDesk?: StaffDesk;
  printer: Pick<ReceiptPrinter, 'print'> | null;
  branding: () => Promise<ReceiptBranding>;
  trackingUrl: string;
  clock: Clock;
  /** The terminal's audit log: sign-ins and their failures, every door opening, staff's upkeep. */
  audit: AuditTrail;
  settings?: Partial<LockerSettings>;
}

/**
 * The certificate lockers (architecture.md, main/lockers): the cabinet model, the inventory, and the flows over the
 * cabinets' buses — staff deposit in maintenance mode, citizen pickup, material drop-off, upkeep — with every
 * event reported to the platform through the outbox. Staff hear of trouble through `alert` events.
 */
export class LockerService extends EventEmitter<{ alert: [LockerAlert] }> {
  readonly cabinets: CabinetModel;
  readonly inventory: LockerInventory;
  readonly staff: StaffDesk;
  readonly deposit: StaffDeposit;
  readonly pickup: CitizenPickup;
  readonly dropOff: MaterialDropOff;
  readonly upkeep: LockerUpkeep;
  readonly settings: LockerSettings;
  readonly #doors: LockerDoors;
  readonly #reports: LockerReports;
  readonly #clock: Clock;
  #sweepTimer: TimerHandle | null = null;
  #started = false;

  constructor(options: LockerServiceOptions) {
    super();
    const settings: LockerSettings = { ...DEFAULT_LOCKER_SETTINGS, ...options.settings };
    this.settings = settings;
    const { clock, audit } = options;
    this.#clock = clock;
    const alert = (alert: LockerAlert) => this.emit('alert', alert);
    this.cabinets = new CabinetModel(options.cabinets);
    const keys = new LockerKeys(options.dataKey);
    const inventory = new LockerInventory(options.inventoryFile);
    this.inventory = inventory;
    const limiter = new AttemptLimiter(inventory, () => clock.now());
    this.#doors = new LockerDoors({ cabinets: this.cabinets, buses: options.buses, inventory, clock, closePollMs: settings.closePollMs, alert, audit });
    this.#reports = new LockerReports({ inventory, keys, outbox: options.outbox, courier: options.courier, cabinets: this.cabinets, clock, alert });
    this.staff = options.staffDesk ?? new StaffDesk({
      accounts: options.staffAccounts,
      limiter,
      clock,
      idleMs: settings.staffIdleMs,
      accountLockout: settings.staffLockouts.account,
      terminalLockout: settings.staffLockouts.terminal,
      citizenPresent: () => options.session.state.phase !== 'attract',
      audit,
    });
    const shared = { doors: this.#doors, inventory, reports: this.#reports, keys, clock };
    this.deposit = new StaffDeposit({ ...shared, desk: this.staff, courier: options.courier, retentionMs: settings.retentionDays * 86_400_000, decisionWaitMs: settings.decisionWaitMs });
    const receipts = { printer: options.printer, branding: options.branding, trackingUrl: options.trackingUrl };
    this.pickup = new CitizenPickup({ ...shared, ...receipts, session: options.session, cabinets: this.cabinets, limiter, lockouts: settings.pickupLockouts, platform: options.platform });
    this.dropOff = new MaterialDropOff({ ...shared, ...receipts, session: options.session, courier: options.courier, platform: options.platform, decisionWaitMs: settings.decisionWaitMs });
    this.upkeep = new LockerUpkeep({ desk: this.staff, cabinets: this.cabinets, doors: this.#doors, inventory, clock, alert, audit });
  }

  /**
   * Listens to the doors; picks up what a stop left behind (reports not yet in the outbox, a pickup whose door was
   * open, a deposit or drop-off staff must check); starts the retention sweep.
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#doors.start();
    const now = this.#clock.now();
    for (const item of this.inventory.inTransition()) {
      if (item.state === 'collecting') {
        this.pickup.resume(item);
        continue;
      }
      this.inventory.setState(item.id, 'needs-check', now);
      const compartment = this.cabinets.at(item);
      this.emit('alert', {
        kind: 'needs-check',
        door: compartment === undefined ? { cabinet: item.cabinet, number: item.door } : alertDoor(compartment),
        reference: item.reference,
        why: `the kiosk stopped during a ${item.state === 'depositing' ? 'deposit' : 'drop-off'}: check what the door holds`,
      });
    }
    this.#reports.flush();
    this.#sweep();
  }

  /** Stops watching doors and timers and closes the inventory (items mid-way are taken up at the next start). */
  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#doors.stop();
    if (this.#sweepTimer !== null) this.#clock.clearTimeout(this.#sweepTimer);
    this.#sweepTimer = null;
  }

  close(): void {
    this.stop();
    this.inventory.close();
  }

  #sweep(): void {
    this.upkeep.sweepRetention();
    // Failed attempts older than any lockout looks back (the config allows a day's window and a day's lock).
    this.inventory.pruneFailures(this.#clock.now() - FAILURES_KEPT_MS);
    this.#sweepTimer = this.#clock.setTimeout(() => {
      if (this.#started) this.#sweep();
    }, this.settings.retentionSweepMs);
  }
}
