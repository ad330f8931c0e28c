import { EventEmitter } from 'node:events';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import type { Transport } from '../transport/transport.ts';
import { realtimeStatusRequest } from './escpos-encoder.ts';
import { PrinterUnavailable, PrintInterrupted, type PrinterProblem } from './printer-errors.ts';
import { canPrint, decodeRealtimeStatus, isRealtimeStatusByte, type PrinterStatus } from './printer-status.ts';

export interface ReceiptPrinterOptions {
  transport: Transport;
  /** How long to wait for each DLE EOT reply; no reply means offline (escpos-printing.md §3). */
  statusTimeoutMs?: number;
  /** Status polling while idle: notices paper near end, and recovery for interrupted jobs. */
  pollIntervalMs?: number;
  /** Jobs kept for reprinting after recovery, at most; older ones are dropped (and said so). */
  maxPendingReprints?: number;
  clock?: DriverClock;
}

export type PrinterAlert =
  | { kind: 'paper-near-end' }
  | { kind: 'problem'; problem: PrinterProblem }
  | { kind: 'recovered' }
  | { kind: 'reprint-dropped' };

interface PendingReprint {
  job: Uint8Array;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** An abandoned request the printer has not answered after this long never will (it was off, or lost it). */
const ABANDONED_EXPIRY_MS = 5000;

const problemOf = (status: PrinterStatus | null): PrinterProblem | null => {
  if (status === null) return 'offline';
  if (status.coverOpen) return 'cover-open';
  if (status.paper === 'out') return 'paper-out';
  if (status.cutterError) return 'cutter-error';
  if (!status.online) return 'offline';
  return null;
};

/**
 * An ESC/POS receipt printer on any transport: one exchange at a time; the four real-time statuses asked
 * before and after every job; a job refused up front when the printer cannot print (so the screen can offer
 * another way), and a job interrupted mid-way printed again after recovery. Near-end and problems are
 * alerts for the fleet.
 */
/** How one print() ended, for whoever counts jobs (the terminal's metrics): printed, or the problem that stopped it. */
export type PrintJobOutcome = { printed: true } | { printed: false; problem: PrinterProblem };

export class ReceiptPrinter extends EventEmitter<{ status: [PrinterStatus | null]; alert: [PrinterAlert]; job: [PrintJobOutcome] }> {
  readonly #transport: Transport;
  readonly #statusTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #maxPendingReprints: number;
  readonly #clock: DriverClock;
  #lock: Promise<unknown> = Promise.resolve();
  /**
   * Requests sent and not yet answered, oldest first. Every DLE EOT request gets exactly one byte back, in order;
   * a request that timed out stays here (abandoned) so that its late answer is recognised and dropped instead of
   * being taken as the answer to the next request. Abandoned requests the printer never answers expire.
   */
  readonly #outstanding: Array<{ resolve: ((byte: number) => void) | null; sentAt: number }> = [];
  #status: PrinterStatus | null = null;
  #statusKnown = false;
  #pollTimer: unknown = null;
  #started = false;
  readonly #reprints: PendingReprint[] = [];

  constructor(options: ReceiptPrinterOptions) {
    super();
    this.#transport = options.transport;
    this.#clock = options.clock ?? systemDriverClock;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.#maxPendingReprints = options.maxPendingReprints ?? 5;
    this.#transport.on('data', (chunk) => {
      for (const byte of chunk) {
        if (!isRealtimeStatusByte(byte)) continue;
        this.#outstanding.shift()?.resolve?.(byte);
      }
    });
    this.#transport.on('state', (state) => {
      if (state === 'open') return;
      this.#outstanding.length = 0; // a new connection starts with no answers owed
      this.#record(null);
    });
  }

  get description(): string {
    return this.#transport.description;
  }

  /** The last status read; null when the printer did not answer (or is not connected). */
  get status(): PrinterStatus | null {
    return this.#status;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#transport.open();
    await this.queryStatus();
    this.#schedulePoll();
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#pollTimer !== null) this.#clock.clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    for (const reprint of this.#reprints.splice(0)) reprint.reject(new Error(`${this.description} was stopped before the job could be reprinted`));
    await this.#transport.close();
  }

  /**
   * Drops the jobs waiting to be reprinted (each one's `reprinted` rejects with `reason`): a receipt belongs to the
   * session that printed it, and must never come out in the next citizen's hands. Returns how many were dropped.
   */
  dropPendingReprints(reason: string): number {
    const dropped = this.#reprints.splice(0);
    for (const reprint of dropped) reprint.reject(new Error(reason));
    return dropped.length;
  }

  /** Asks DLE EOT 1-4; null when the printer does not answer in time. */
  queryStatus(): Promise<PrinterStatus | null> {
    return this.#exclusive(() => this.#readStatus());
  }

  /**
   * Prints one job (ESC/POS bytes, from initialise to cut). Rejects with PrinterUnavailable when the printer
   * cannot print now (nothing was sent), or PrintInterrupted when it stopped mid-job (the job is reprinted).
   */
  print(job: Uint8Array): Promise<void> {
    return this.#exclusive(async () => {
      const before = await this.#readStatus();
      const refusal = canPrint(before ?? { online: false, paper: 'out', coverOpen: false, cutterError: false }) ? null : problemOf(before);
      if (refusal !== null) {
        this.emit('job', { printed: false, problem: refusal });
        throw new PrinterUnavailable(refusal, this.description);
      }
      const problem = await this.#send(job);
      this.emit('job', problem === null ? { printed: true } : { printed: false, problem });
      if (problem === null) return;
      const reprinted = new Promise<void>((resolve, reject) => {
        this.#reprints.push({ job, resolve, reject });
        while (this.#reprints.length > this.#maxPendingReprints) {
          this.#reprints.shift()?.reject(new Error('too many jobs waiting for the printer; this one was dropped'));
          this.emit('alert', { kind: 'reprint-dropped' });
        }
      });
      reprinted.catch(() => undefined);
      throw new PrintInterrupted(problem, this.description, reprinted);
    });
  }

  /** Writes a job and reads the status after it: the problem that stopped it, or null when it printed. */
  async #send(job: Uint8Array): Promise<PrinterProblem | null> {
    try {
      await this.#transport.write(job);
    } catch {
      this.#record(null);
      return 'offline';
    }
    const after = await this.#readStatus();
    return after !== null && canPrint(after) ? null : problemOf(after);
  }

  async #readStatus(): Promise<PrinterStatus | null> {
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const reply = await this.#ask(realtimeStatusRequest(n));
      // A request that could not even be sent (the port is going or coming back) says nothing of the printer: the
      // connection's own state tells that. Only a request sent and not answered is the printer not answering.
      if (reply === 'not-sent') return null;
      if (reply === 'no-answer') {
        this.#record(null);
        return null;
      }
      replies.push(reply);
    }
    const [printer = 0, offline = 0, error = 0, paper = 0] = replies;
    const status = decodeRealtimeStatus(printer, offline, error, paper);
    this.#record(status);
    return status;
  }

  #ask(request: Uint8Array): Promise<number | 'no-answer' | 'not-sent'> {
    const now = this.#clock.now();
    while (this.#outstanding.length > 0 && (this.#outstanding[0]?.resolve ?? null) === null && now - (this.#outstanding[0]?.sentAt ?? now) > ABANDONED_EXPIRY_MS) {
      this.#outstanding.shift();
    }
    return new Promise((resolve) => {
      const entry: { resolve: ((byte: number) => void) | null; sentAt: number } = { resolve: null, sentAt: now };
      const timer = this.#clock.setTimeout(() => {
        entry.resolve = null; // abandoned: its answer, if it ever comes, is dropped
        resolve('no-answer');
      }, this.#statusTimeoutMs);
      entry.resolve = (byte) => {
        this.#clock.clearTimeout(timer);
        resolve(byte);
      };
      this.#outstanding.push(entry);
      this.#transport.write(request).catch(() => {
        const at = this.#outstanding.indexOf(entry);
        if (at >= 0) this.#outstanding.splice(at, 1);
        this.#clock.clearTimeout(timer);
        resolve('not-sent');
      });
    });
  }

  #record(status: PrinterStatus | null): void {
    const previous = this.#status;
    const wasKnown = this.#statusKnown;
    const changed = !wasKnown || JSON.stringify(previous) !== JSON.stringify(status);
    this.#status = status;
    this.#statusKnown = true;
    if (!changed) return;
    this.emit('status', status);
    const problem = problemOf(status);
    const previousProblem = wasKnown ? problemOf(previous) : null;
    if (problem !== null && previousProblem !== problem) this.emit('alert', { kind: 'problem', problem });
    if (problem === null && previousProblem !== null) this.emit('alert', { kind: 'recovered' });
    if (status?.paper === 'near-end' && previous?.paper !== 'near-end') this.emit('alert', { kind: 'paper-near-end' });
  }

  /** Polls the status while idle, and reprints interrupted jobs once the printer can print again. */
  #schedulePoll(): void {
    if (!this.#started) return;
    this.#pollTimer = this.#clock.setTimeout(
      () => {
        void this.#exclusive(async () => {
          const status = await this.#readStatus();
          while (status !== null && canPrint(status) && this.#reprints.length > 0) {
            const next = this.#reprints[0];
            if (next === undefined) break;
            const problem = await this.#send(next.job);
            if (problem !== null) break;
            this.#reprints.shift();
            next.resolve();
          }
        }).finally(() => this.#schedulePoll());
      },
      this.#pollIntervalMs,
      { background: true },
    );
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#lock.then(work, work);
    this.#lock = result.catch(() => undefined);
    return result;
  }
}
