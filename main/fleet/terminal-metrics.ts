import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PrinterProblem } from '../../drivers/printer/printer-errors.ts';
import type { CourierResult } from '../cases/outbox-courier.ts';
import type { DeliveryState } from '../cases/outbox.ts';
import type { OpeningResult } from '../lockers/locker-inventory.ts';
import type { PlatformRequest, PlatformRequestOutcome, PlatformRoute } from '../platform/http-platform-adapter.ts';
import type { Alerts, KioskAlertKind } from './alerts.ts';
import type { DeviceState, PrinterPaper, TerminalSnapshot } from './fleet-terminal.ts';

/**
 * The terminal's Prometheus metrics (docs/fleet-metrics.md), in a registry of its own: counters the host bumps at
 * events, and gauges read from the terminal at each scrape. Every label value comes from a small fixed set (device
 * ids of the config, states, outcomes, route names): nothing of a citizen, no URL, no case number.
 */

/** What the gauges read of the terminal at a scrape: the part of the fleet's snapshot they show. */
export type MetricsSnapshot = Pick<
  TerminalSnapshot,
  'appVersion' | 'platformReachable' | 'catalogueSyncedAt' | 'printerPaper' | 'devices' | 'lockerDoorsJammed' | 'outOfService'
>;

/** How a delivery the courier handed over ended (the courier's result state). */
export type CaseDecision = CourierResult['state'];
export type PrintOutcome = 'printed' | 'failed';

export interface TerminalMetricsOptions {
  /** The terminal now (the host's `FleetTerminal.snapshot` will do): read once per scrape, never between. */
  snapshot: () => MetricsSnapshot;
  /** The outbox's entries by state (`Outbox.counts()`), read at each scrape; a state left out counts 0. */
  outboxCounts: () => Readonly<Partial<Record<DeliveryState, number>>>;
  /** Milliseconds since the epoch, for the catalogue's age (default: the system clock). */
  now?: () => number;
}

/** A list that must name every member of the union T (the compiler says which one is missing). */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)): L =>
    list;

const DEVICE_STATES = everyOf<DeviceState>()(['ready', 'degraded', 'offline', 'error']);
const DEVICE_UP: ReadonlySet<DeviceState> = new Set(['ready', 'degraded']);
const DELIVERY_STATES = everyOf<DeliveryState>()(['queued', 'sending', 'needs-attention', 'rejected', 'accepted']);
const CASE_DECISIONS = everyOf<CaseDecision>()(['accepted', 'rejected', 'needs-attention']);
const PRINT_OUTCOMES = everyOf<PrintOutcome>()(['printed', 'failed']);
/** `unknown`: a failed print whose cause the driver did not name. */
const PRINT_PROBLEMS = [...everyOf<PrinterProblem>()(['offline', 'paper-out', 'cover-open', 'cutter-error']), 'unknown'] as const;
const OPENING_RESULTS = everyOf<OpeningResult>()(['opened', 'jammed', 'no-response', 'seen-open']);
const PRINTER_PAPER = everyOf<PrinterPaper>()(['ok', 'near-end', 'out', 'unknown']);
const ALERT_KINDS = everyOf<KioskAlertKind>()([
  'kiosk-crash-loop',
  'host-crash-loop',
  'terminal-out-of-service',
  'paper-out',
  'door-jammed',
  'door-left-open',
  'device-offline',
  'outbox-needs-attention',
  'help-requested',
]);

/** From 5 ms (a loopback answer) to 10 s (past the usual request timeout); catalogue downloads land in +Inf. */
const PLATFORM_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class TerminalMetrics {
  /** Its own registry, never prom-client's global one: `process_*` and `nodejs_*` plus the `kiosk_*` below. */
  readonly registry = new Registry();
  readonly #snapshot: () => MetricsSnapshot;
  readonly #now: () => number;
  #current: MetricsSnapshot | null = null;

  readonly #sessions: Counter;
  readonly #sessionsIdentified: Counter;
  readonly #casesSubmitted: Counter;
  readonly #casesDecided: Counter<'outcome'>;
  readonly #printJobs: Counter<'outcome'>;
  readonly #printFailures: Counter<'problem'>;
  readonly #lockerOpenings: Counter<'outcome'>;
  readonly #platformRequests: Histogram<'route' | 'outcome'>;
  readonly #alerts: Counter<'kind'>;

  constructor(options: TerminalMetricsOptions) {
    this.#snapshot = options.snapshot;
    this.#now = options.now ?? Date.now;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });

    // Read at each scrape.
    const terminal = () => this.#terminalNow();
    new Gauge({
      name: 'kiosk_info',
      help: 'Always 1; its label is the version of the kiosk software running.',
      labelNames: ['version'],
      registers,
      collect() {
        this.reset();
        this.set({ version: terminal().appVersion }, 1);
      },
    });
    new Gauge({
      name: 'kiosk_device_up',
      help: 'Whether a configured device works: 1 when ready or degraded, 0 when offline or in error.',
      labelNames: ['device', 'kind'],
      registers,
      collect() {
        this.reset();
        for (const device of terminal().devices) this.set({ device: device.id, kind: device.kind }, DEVICE_UP.has(device.state) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kiosk_device_state',
      help: 'A configured device’s health: 1 for the state it is in now, 0 for the others.',
      labelNames: ['device', 'kind', 'state'],
      registers,
      collect() {
        this.reset();
        for (const device of terminal().devices) {
          for (const state of DEVICE_STATES) this.set({ device: device.id, kind: device.kind, state }, device.state === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'kiosk_outbox_entries',
      help: 'Submitted cases, ratings and locker reports in the outbox, by delivery state.',
      labelNames: ['state'],
      registers,
      collect() {
        const counts = options.outboxCounts();
        for (const state of DELIVERY_STATES) this.set({ state }, counts[state] ?? 0);
      },
    });
    const now = this.#now;
    new Gauge({
      name: 'kiosk_catalogue_age_seconds',
      help: 'Seconds since the service catalogue was last synced with the platform; NaN when it never was.',
      registers,
      collect() {
        const syncedAt = terminal().catalogueSyncedAt;
        this.set(syncedAt === null ? Number.NaN : Math.max(0, (now() - syncedAt) / 1000));
      },
    });
    new Gauge({
      name: 'kiosk_platform_reachable',
      help: 'Whether the government service platform answered its last health check: 1 yes, 0 no.',
      registers,
      collect() {
        this.set(terminal().platformReachable ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kiosk_printer_paper',
      help: 'The receipt printer’s paper: 1 for how it is now (ok, near-end, out, or unknown when there is no printer or it never answered).',
      labelNames: ['state'],
      registers,
      collect() {
        const paper = terminal().printerPaper;
        for (const state of PRINTER_PAPER) this.set({ state }, paper === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kiosk_locker_doors_jammed',
      help: 'Locker doors marked jammed, waiting for a technician.',
      registers,
      collect() {
        this.set(terminal().lockerDoorsJammed);
      },
    });
    new Gauge({
      name: 'kiosk_out_of_service',
      help: 'Whether staff took the terminal out of service: 1 yes, 0 no.',
      registers,
      collect() {
        this.set(terminal().outOfService ? 1 : 0);
      },
    });

    // Bumped by the host at events; every known label value starts at 0, so rate() and increase() see the first one.
    this.#sessions = new Counter({ name: 'kiosk_sessions_total', help: 'Citizen sessions begun (the attract screen touched).', registers });
    this.#sessionsIdentified = new Counter({ name: 'kiosk_sessions_identified_total', help: 'Citizen sessions in which the citizen identified with an ID card.', registers });
    this.#casesSubmitted = new Counter({ name: 'kiosk_cases_submitted_total', help: 'Cases submitted into the outbox for delivery to the platform.', registers });
    this.#casesDecided = new Counter({
      name: 'kiosk_cases_decided_total',
      help: 'Deliveries the platform decided on (accepted or rejected) or that need a person to look at them.',
      labelNames: ['outcome'],
      registers,
    });
    this.#printJobs = new Counter({ name: 'kiosk_print_jobs_total', help: 'Receipts and slips sent to the printer, by whether they printed.', labelNames: ['outcome'], registers });
    this.#printFailures = new Counter({ name: 'kiosk_print_failures_total', help: 'Print jobs that failed, by the printer’s problem.', labelNames: ['problem'], registers });
    this.#lockerOpenings = new Counter({
      name: 'kiosk_locker_openings_total',
      help: 'Locker doors asked to open, by what happened: opened, jammed, no answer from the board, or found open already.',
      labelNames: ['outcome'],
      registers,
    });
    this.#platformRequests = new Histogram({
      name: 'kiosk_platform_request_duration_seconds',
      help: 'Time to the platform’s answer (its status and headers) for each HTTP request, by route and outcome.',
      labelNames: ['route', 'outcome'],
      buckets: PLATFORM_BUCKETS,
      registers,
    });
    this.#alerts = new Counter({ name: 'kiosk_alerts_total', help: 'Alerts raised for the operator, by kind (clearings not counted).', labelNames: ['kind'], registers });

    for (const outcome of CASE_DECISIONS) this.#casesDecided.inc({ outcome }, 0);
    for (const outcome of PRINT_OUTCOMES) this.#printJobs.inc({ outcome }, 0);
    for (const problem of PRINT_PROBLEMS) this.#printFailures.inc({ problem }, 0);
    for (const outcome of OPENING_RESULTS) this.#lockerOpenings.inc({ outcome }, 0);
    for (const kind of ALERT_KINDS) this.#alerts.inc({ kind }, 0);
  }

  /** The Content-Type of `metrics()` (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The scrape: every metric in the text format. Rejects when the terminal's callbacks throw. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** A citizen touched the attract screen. */
  sessionStarted(): void {
    this.#sessions.inc();
  }

  /** The session's citizen identified with an ID card (once per session). */
  sessionIdentified(): void {
    this.#sessionsIdentified.inc();
  }

  /** A case went into the outbox. */
  caseSubmitted(): void {
    this.#casesSubmitted.inc();
  }

  /** The courier settled a delivery (`CourierResult['state']`). */
  caseDecided(outcome: CaseDecision): void {
    this.#casesDecided.inc({ outcome });
  }

  /** A print job ended; a failed one with the printer's problem when the driver named it. */
  printJob(outcome: PrintOutcome, problem?: PrinterProblem): void {
    this.#printJobs.inc({ outcome });
    if (outcome === 'failed') this.#printFailures.inc({ problem: problem ?? 'unknown' });
  }

  /** A locker door was asked to open (the inventory's `OpeningResult`). */
  lockerOpening(outcome: OpeningResult): void {
    this.#lockerOpenings.inc({ outcome });
  }

  /** One HTTP request to the platform; a duration that is not a finite, non-negative number is dropped. */
  platformRequest(route: PlatformRoute, seconds: number, outcome: PlatformRequestOutcome): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    this.#platformRequests.observe({ route, outcome }, seconds);
  }

  /** The `HttpPlatformAdapter`'s `onRequest`, as it is: `onRequest: metrics.observePlatformRequest`. */
  readonly observePlatformRequest = (request: PlatformRequest): void => this.platformRequest(request.route, request.seconds, request.outcome);

  /** An alert was raised. */
  alert(kind: KioskAlertKind): void {
    this.#alerts.inc({ kind });
  }

  /** Counts every alert raised on `alerts` from now on (not their clearings); returns the unsubscribe. */
  countAlertsOf(alerts: Alerts): () => void {
    return alerts.subscribe((alert) => {
      if (alert.cleared !== true) this.alert(alert.kind);
    });
  }

  /**
   * One read of the terminal per scrape, so that the gauges of a scrape agree: prom-client runs every metric's
   * `collect` in one synchronous stretch of `registry.metrics()`, and the read is forgotten right after it.
   */
  #terminalNow(): MetricsSnapshot {
    if (this.#current === null) {
      this.#current = this.#snapshot();
      queueMicrotask(() => {
        this.#current = null;
      });
    }
    return this.#current;
  }
}
