import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { auditFileIn, AuditLog } from '../audit/audit-log.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import type { OverlayUse } from '../config/terminal-config-file.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';
import { OutboxCourier, type CourierResult } from '../cases/outbox-courier.ts';
import { Outbox, outboxFileIn, type DeliveryKind } from '../cases/outbox.ts';
import { terminalReceiptBranding } from '../cases/receipts/receipt-branding.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import { removeEnrolmentCode } from '../config/enrolment-code-removal.ts';
import { EnrolmentLoop } from '../platform/enrolment-loop.ts';
import { HttpPlatformAdapter, type PlatformRequest } from '../platform/http-platform-adapter.ts';
import { PlatformClock } from '../platform/platform-clock.ts';
import { TerminalRefused, type PlatformAdapter } from '../platform/platform-adapter.ts';
import { PlatformReachability } from '../platform/platform-reachability.ts';
import { TerminalEnrolment } from '../platform/terminal-enrolment.ts';
import { CitizenSession } from '../session/citizen-session.ts';
import type { DataKeyStore } from '../storage/data-key.ts';
import { DeviceManager } from '../../drivers/manager/device-manager.ts';
import { createAlerts, type Alerts } from '../fleet/alerts.ts';
import { createEventHub, type EventHub } from './event-hub.ts';
import { OutOfServiceSwitch } from './out-of-service-switch.ts';
import { loadTerminalKeys } from './terminal-keys.ts';

export interface KioskHostDependencies {
  log: Logger;
  clock?: Clock;
  platform?: PlatformAdapter;
  /** Where the key sealing citizens' data at rest is kept (default: a 0600 file in the data dir). */
  dataKeys?: DataKeyStore;
  /**
   * The file the config was read from: once the terminal is enrolled, its spent enrolment code is cut out of it.
   * Without one (the demo's tracked demo.json, tests) the code stays where it is.
   */
  configFile?: string;
  /**
   * How the config was read (readTerminalConfig): the file's own config without the fleet's overlay, what came of the
   * overlay, the profile it extends. Without it the running config is taken as the file's, with no overlay.
   */
  configReading?: { base?: TerminalConfig; overlay?: OverlayUse; profile?: string };
}

/** How long a code the platform refused waits before it is tried again: an operator has to issue a new one. */
const REFUSED_CODE_RETRY_MS = 3_600_000;

/** What every capability shares: built once per host, in the order the pieces need each other. */
export interface HostContext {
  readonly config: TerminalConfig;
  readonly log: Logger;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly session: CitizenSession;
  readonly devices: DeviceManager;
  readonly platform: PlatformAdapter;
  readonly reachability: PlatformReachability;
  readonly enrolment: EnrolmentLoop;
  /** The terminal's data key (the outbox's): services derive their own secrets from it. */
  readonly dataKey: Buffer;
  /** Submitted cases, ratings and locker reports, sealed, until the platform decides; delivered by the courier. */
  readonly outbox: Outbox;
  readonly courier: OutboxCourier;
  /** The hall's receipt header and footer (logo loaded once). */
  readonly branding: () => Promise<ReceiptBranding>;
  /** The terminal's append-only, hash-chained record of staff, door and config events (docs/audit-log.md). */
  readonly audit: AuditLog;
  /** What an operator must hear of at once (logged; the fleet sends them on). */
  readonly alerts: Alerts;
  /** Whether staff took the terminal out of service. */
  readonly outOfService: OutOfServiceSwitch;
  /** Every HTTP request to the platform, once answered or failed (the metrics' latency histogram). */
  onPlatformRequest(listener: (request: PlatformRequest) => void): void;
  /** Every outbox entry the platform decided on (the metrics' cases submitted and decided). */
  onDecided(listener: (kind: DeliveryKind, state: CourierResult['state']) => void): void;
}

export const createHostContext = (config: TerminalConfig, dependencies: KioskHostDependencies): HostContext => {
  const { log } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const events = createEventHub(log);
  const session = new CitizenSession({
    idleTimeoutMs: config.session.idleTimeoutSeconds * 1000,
    warningMs: config.session.warningSeconds * 1000,
    defaultLocale: config.defaultLocale,
    locales: config.locales,
    clock,
    newSessionId: randomUUID,
    onChange: (state) => {
      if (state.phase !== 'warning') log.info({ phase: state.phase, identified: 'citizen' in state && state.citizen !== null }, 'session state');
      events.emit('session.state', state);
    },
    onWipeError: (error) => log.error({ err: error }, 'session wipe failed'),
  });

  // The data directory holds the terminal's key, databases and nothing for anyone else.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if ((statSync(config.dataDir).mode & 0o077) !== 0) {
    chmodSync(config.dataDir, 0o700);
    log.warn({ dataDir: config.dataDir }, 'the data directory was open to other users: tightened to 0700');
  }
  const audit = new AuditLog(auditFileIn(config.dataDir), clock);
  const alerts = createAlerts(log, () => clock.now());
  const outOfService = new OutOfServiceSwitch({ file: path.join(config.dataDir, 'out-of-service.json'), alerts, terminalId: config.terminalId });
  outOfService.onChange((on) => events.emit('terminal.outOfService', { outOfService: on }));
  const { dataKey, seal, identity } = loadTerminalKeys(config.dataDir, config.terminalId, dependencies.dataKeys);
  const now = () => new Date(clock.now());
  const platformClock = new PlatformClock({
    localNow: now,
    onOffsetChange: ({ offsetSeconds, large }) =>
      large
        ? log.warn({ offsetSeconds }, "this terminal's clock is off from the platform's; requests are signed with the platform's time: fix the time source")
        : log.info({ offsetSeconds }, "this terminal's clock agrees with the platform's again"),
  });
  const platformRequestListeners = new Set<(request: PlatformRequest) => void>();
  const decidedListeners = new Set<(kind: DeliveryKind, state: CourierResult['state']) => void>();
  const platform =
    dependencies.platform ??
    new HttpPlatformAdapter({
      baseUrl: config.platform.baseUrl,
      timeoutMs: config.platform.timeoutMs,
      signer: identity,
      now,
      platformClock,
      onRequest: (request) => {
        for (const listener of platformRequestListeners) listener(request);
      },
      ...(config.catalogue === undefined ? {} : { downloadTimeoutMs: config.catalogue.downloadTimeoutSeconds * 1000 }),
    });
  const { configFile } = dependencies;
  const removeSpentCode = () => {
    if (configFile === undefined || config.platform.enrolmentCode === undefined) return;
    const removal = removeEnrolmentCode(configFile);
    if (removal.outcome === 'removed') log.info({ configFile }, 'the spent enrolment code was removed from the terminal config');
    if (removal.outcome === 'failed') log.warn({ configFile, reason: removal.reason }, 'the spent enrolment code could not be removed from the terminal config: remove platform.enrolmentCode by hand');
  };
  const terminalEnrolment = new TerminalEnrolment({ identity, dataDir: config.dataDir, enrolmentCode: config.platform.enrolmentCode, platform, now });
  const enrolment = new EnrolmentLoop({
    enrolment: terminalEnrolment,
    clock,
    retryMs: config.platform.healthIntervalSeconds * 1000,
    refusedRetryMs: REFUSED_CODE_RETRY_MS,
    onRegistered: () => {
      log.info({ terminalId: config.terminalId }, 'terminal registered with the platform');
      removeSpentCode();
    },
    onNoCode: () => log.warn('terminal not registered with the platform and no enrolment code in its config'),
    onFailed: (error) => log.warn({ err: error }, 'terminal enrolment failed; trying again'),
    onRefused: (error) =>
      log.error(
        { terminalId: config.terminalId, code: error.code, reason: error.message, retryInMinutes: REFUSED_CODE_RETRY_MS / 60_000 },
        "the platform refused this terminal's enrolment code: the operator must issue a new one for this terminal id (platform.enrolmentCode, then restart)",
      ),
  });
  // Enrolled before (a code an earlier version left in the file, or a removal that failed last time).
  if (terminalEnrolment.registered) removeSpentCode();
  const reachability = new PlatformReachability({
    adapter: platform,
    clock,
    intervalMs: config.platform.healthIntervalSeconds * 1000,
    onCheckFailed: (error) => log.debug({ err: error }, 'platform health check failed'),
  });

  const outbox = new Outbox({ file: outboxFileIn(config.dataDir), seal, referencePrefix: `${config.terminalId}-` });
  const courier = new OutboxCourier({
    outbox,
    platform,
    clock,
    onDecided: (entry, result) => {
      log.info({ localReference: entry.localReference, kind: entry.kind, state: result.state, attempts: entry.attempts + 1 }, 'delivery decided');
      // The terminal's own reference and the kind: what an operator needs to find it, nothing of the citizen.
      for (const listener of decidedListeners) listener(entry.kind, result.state);
      if (result.state === 'needs-attention') alerts.raise('outbox-needs-attention', `outbox entry ${entry.localReference} (${entry.kind}) needs attention: ${result.reason}`, { localReference: entry.localReference, kind: entry.kind });
    },
    onNoDecision: (entry, error) => {
      log.warn({ localReference: entry.localReference, kind: entry.kind, err: error }, 'delivery not decided; trying again later');
      if (error instanceof TerminalRefused && error.code === 'unknown-terminal') void enrolment.platformForgot();
    },
  });
  reachability.onChange((status) => {
    log.info({ reachable: status.reachable }, 'platform reachability changed');
    events.emit('platform.status', status);
    if (status.reachable) void enrolment.enrol().then(() => courier.kick());
  });

  const devices = new DeviceManager({ devices: config.devices, clock, wallClock: now });
  // A receipt interrupted mid-job is reprinted when the printer recovers — within its citizen's session only: when
  // that ends, the job is dropped, so citizen A's 受理回执 never comes out in citizen B's hands.
  session.onEnd(() => {
    const dropped = devices.receiptPrinter?.dropPendingReprints('the citizen session that printed it has ended') ?? 0;
    if (dropped > 0) log.warn({ dropped }, 'interrupted receipts not reprinted: their session ended');
  });
  devices.onHealth(({ device, kind, state, reason }) => log.info({ device, kind, state, reason }, 'device health'));
  const { hallName, receipt, timeZone } = config;
  const branding = terminalReceiptBranding({ hallName: hallName['zh-CN'], hotline: receipt.hotline, timeZone, paper: receipt.paper, logo: receipt.logo }, (error) =>
    log.error({ err: error, logo: receipt.logo }, 'receipt logo unusable; receipts print without it'),
  );
  return {
    config,
    log,
    clock,
    events,
    session,
    devices,
    platform,
    reachability,
    enrolment,
    dataKey,
    outbox,
    courier,
    branding,
    audit,
    alerts,
    outOfService,
    onPlatformRequest: (listener) => void platformRequestListeners.add(listener),
    onDecided: (listener) => void decidedListeners.add(listener),
  };
};
