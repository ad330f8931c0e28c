import { EventEmitter } from 'node:events';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import type { Transport } from '../transport/transport.ts';
import type { IdCard } from './id-card.ts';
import { IdCardDecodeError } from './id-card-error.ts';
import { decodeReadBody } from './read-response.ts';
import { IdCardReadError } from './reader-errors.ts';
import { SamDeframer, type SamFrame } from './sam-deframer.ts';
import { samCommands } from './sam-frame.ts';
import { RETRYABLE_READ_STATUSES, samStatusName } from './sam-status.ts';

/** Per-command answer timeouts (vendor SDKs use 300-500 ms for short commands and 2-3.5 s for reads, §9). */
export interface CommandTimeouts {
  status: number;
  find: number;
  select: number;
  read: number;
}

export interface IdCardReaderOptions {
  transport: Transport;
  /** 30 01 (text + photo) or 30 10 (+ fingerprint). */
  readCommand?: 'text' | 'text-fingerprint';
  /** How often find is sent while waiting for a card (300-500 ms, §9). */
  pollIntervalMs?: number;
  timeouts?: Partial<CommandTimeouts>;
  /** How often an idle reader's SAM is asked for its status, to notice a reader that stopped answering. */
  healthCheckIntervalMs?: number;
  clock?: DriverClock;
}

/** disconnected: the port is gone; not-responding: the port is there, the SAM silent; ready: answering. */
export type ReaderState = 'disconnected' | 'not-responding' | 'ready';

/** card-left: the card read last is still on the reader (§5.1: it is not found again until lifted and placed again). */
export type ReadProgress = 'waiting' | 'card-left' | 'reading' | 'reader-offline';

export interface ReadCardOptions {
  /** How long to wait for a card to be placed (the read itself may take its own time after that). */
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

const DEFAULT_TIMEOUTS: CommandTimeouts = { status: 500, find: 500, select: 500, read: 3500 };
/** Consecutive corrupt answers to one command before giving up on it. */
const MAX_CORRUPT_ANSWERS = 3;
/** Consecutive unanswered commands before a read gives up: a reader just plugged back in may miss one. */
const MAX_SILENT_COMMANDS = 3;
/** How soon a silent SAM is asked again (see #scheduleHealthCheck). */
const SILENT_RECHECK_MS = 1000;

/** What select + read gave: a card, a status to act on, or a port that vanished. */
type ReadOutcome = { card: IdCard } | { status: number } | 'gone';

type ExchangeOutcome = { kind: 'frame'; frame: SamFrame } | { kind: 'timeout' } | { kind: 'corrupt' } | { kind: 'gone' };

/**
 * A second-generation ID card reader (GA 467 SAM) on any transport: one command in flight at a time, each
 * with its own timeout; find polled while waiting for a card; select and read; the whole sequence retried once
 * on read and authentication failures; the same card never read twice in a row (§5.1); health checks while
 * idle so the kiosk knows when the reader is gone.
 */
export class IdCardReader extends EventEmitter<{ state: [ReaderState] }> {
  readonly #transport: Transport;
  readonly #deframer = new SamDeframer();
  readonly #timeouts: CommandTimeouts;
  readonly #pollIntervalMs: number;
  readonly #healthCheckIntervalMs: number;
  readonly #withFingerprint: boolean;
  readonly #clock: DriverClock;
  #state: ReaderState = 'disconnected';
  #lock: Promise<unknown> = Promise.resolve();
  #pending: ((frame: SamFrame | 'corrupt' | 'gone') => void) | null = null;
  #awaitingRemoval = false;
  /**
   * A card was read and select has not yet failed since: it may still lie on the reader, where find answers "no
   * card" (§5.1). While waiting, select tells the two apart: 90, the card is there; 81, the field is empty.
   */
  #lastCardMayBeOnReader = false;
  #healthTimer: unknown = null;
  #removalTimer: unknown = null;
  #reading = false;
  #started = false;

  constructor(options: IdCardReaderOptions) {
    super();
    this.#transport = options.transport;
    this.#clock = options.clock ?? systemDriverClock;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#pollIntervalMs = options.pollIntervalMs ?? 400;
    this.#healthCheckIntervalMs = options.healthCheckIntervalMs ?? 10_000;
    this.#withFingerprint = options.readCommand === 'text-fingerprint';
    this.#transport.on('data', (chunk) => this.#receive(chunk));
    this.#transport.on('state', (state) => {
      if (state === 'open') void this.checkHealth();
      else {
        this.#pending?.('gone');
        this.#setState('disconnected');
      }
    });
  }

  get state(): ReaderState {
    return this.#state;
  }

  get description(): string {
    return this.#transport.description;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#transport.open();
    if (this.#transport.state === 'open') await this.checkHealth();
    this.#scheduleHealthCheck();
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#healthTimer !== null) this.#clock.clearTimeout(this.#healthTimer);
    if (this.#removalTimer !== null) this.#clock.clearTimeout(this.#removalTimer);
    this.#healthTimer = null;
    this.#removalTimer = null;
    await this.#transport.close();
  }

  /** Asks the SAM for its status (11 FF) and updates the reader state from the answer. */
  async checkHealth(): Promise<ReaderState> {
    if (this.#transport.state !== 'open') {
      this.#setState('disconnected');
      return this.#state;
    }
    const outcome = await this.#exchange(samCommands.samStatus(), this.#timeouts.status);
    if (outcome.kind === 'gone') this.#setState('disconnected');
    else if (outcome.kind === 'frame') this.#setState('ready');
    else this.#setState('not-responding');
    return this.#state;
  }

  /**
   * Waits for a card and reads it. Resolves with the card; rejects with IdCardReadError and nothing else.
   * The same card is not returned twice: after a read, a card counts as new only after find said "no card".
   */
  async readCard(options: ReadCardOptions): Promise<IdCard> {
    if (this.#reading) throw new IdCardReadError('reader-fault', 'a read is already in progress on this reader');
    this.#reading = true;
    try {
      return await this.#readCard(options);
    } finally {
      this.#reading = false;
    }
  }

  async #readCard({ timeoutMs, signal, onProgress }: ReadCardOptions): Promise<IdCard> {
    const deadline = this.#clock.now() + timeoutMs;
    let retriesLeft = 1;
    let progress: ReadProgress | null = null;
    const report = (next: ReadProgress) => {
      if (next !== progress) onProgress?.(next);
      progress = next;
    };
    const remaining = () => deadline - this.#clock.now();
    let silentCommands = 0;
    const checkCancelled = () => {
      if (signal?.aborted) throw new IdCardReadError('cancelled', 'the read was cancelled');
    };

    for (;;) {
      checkCancelled();
      if (this.#transport.state !== 'open') {
        report('reader-offline');
        if (remaining() <= 0) throw new IdCardReadError('reader-disconnected', `${this.description} is not connected`);
        await this.#sleep(Math.min(this.#pollIntervalMs, remaining()), signal);
        continue;
      }
      if ((progress !== 'reading' && progress !== 'card-left') || silentCommands > 0) report('waiting');
      let found: SamFrame | 'gone';
      let read: ReadOutcome | null = null;
      let lying: boolean | 'gone' = false;
      try {
        found = await this.#command(samCommands.findCard(), this.#timeouts.find);
        if (found !== 'gone' && found.body[2] === 0x9f && !this.#awaitingRemoval) {
          report('reading');
          read = await this.#selectAndRead();
        } else if (found !== 'gone' && found.body[2] === 0x80 && this.#lastCardMayBeOnReader) {
          lying = await this.#cardStillLying();
          if (lying !== 'gone') report(lying ? 'card-left' : 'waiting');
        }
        silentCommands = 0;
      } catch (error) {
        const silent = error instanceof IdCardReadError && error.code === 'reader-not-responding';
        if (!silent || ++silentCommands >= MAX_SILENT_COMMANDS || remaining() <= 0) throw error;
        report('reader-offline');
        continue;
      }
      if (found === 'gone' || read === 'gone' || lying === 'gone') {
        if (remaining() <= 0) throw new IdCardReadError('reader-disconnected', `${this.description} went away`);
        await this.#sleep(Math.min(this.#pollIntervalMs, remaining()), signal);
        continue;
      }
      const status = found.body[2] ?? 0;
      if (read !== null) {
        if ('card' in read) {
          this.#awaitingRemoval = true;
          this.#lastCardMayBeOnReader = true;
          this.#setState('ready');
          this.#watchForRemoval();
          return read.card;
        }
        if (RETRYABLE_READ_STATUSES.has(read.status) && retriesLeft > 0) {
          retriesLeft--;
          continue;
        }
        this.#throwForStatus(read.status);
      }
      if (status === 0x80) this.#awaitingRemoval = false;
      else if (status !== 0x9f) this.#throwForStatus(status);
      if (remaining() <= 0) {
        if (lying === true) throw new IdCardReadError('card-left', `the card read last stayed on the reader for ${timeoutMs} ms without being placed again`);
        throw new IdCardReadError('no-card', `no ID card was placed within ${timeoutMs} ms`);
      }
      await this.#sleep(Math.min(this.#pollIntervalMs, remaining()), signal);
    }
  }

  /** Whether the card read last still lies on the reader: select answers 90 with a card in the field, 81 without. */
  async #cardStillLying(): Promise<boolean | 'gone'> {
    const selected = await this.#command(samCommands.selectCard(), this.#timeouts.select);
    if (selected === 'gone') return 'gone';
    const lying = selected.body[2] === 0x90;
    if (!lying) this.#lastCardMayBeOnReader = false;
    return lying;
  }

  async #selectAndRead(): Promise<ReadOutcome> {
    const selected = await this.#command(samCommands.selectCard(), this.#timeouts.select);
    if (selected === 'gone') return 'gone';
    const selectStatus = selected.body[2] ?? 0;
    // 81 (select failed) means the card left between find and select: back to polling, as for "no card".
    if (selectStatus === 0x81) return { status: 0x80 };
    if (selectStatus !== 0x90) return { status: selectStatus };
    const command = this.#withFingerprint ? samCommands.readTextWithFingerprint() : samCommands.readText();
    const read = await this.#command(command, this.#timeouts.read);
    if (read === 'gone') return 'gone';
    const readStatus = read.body[2] ?? 0;
    if (readStatus !== 0x90) return { status: readStatus };
    try {
      return { card: decodeReadBody(read.body, this.#withFingerprint) };
    } catch (error) {
      if (error instanceof IdCardDecodeError) throw new IdCardReadError('bad-card-data', error.message, { cause: error });
      throw error;
    }
  }

  #throwForStatus(status: number): never {
    const name = samStatusName(status);
    if (status === 0x40) throw new IdCardReadError('not-an-id-card', 'the card on the reader is not an ID card');
    if (RETRYABLE_READ_STATUSES.has(status)) throw new IdCardReadError('read-failed', `the card could not be read (${name})`);
    throw new IdCardReadError('reader-fault', `the reader answered SW3 ${status.toString(16)} (${name})`);
  }

  /** One command with its answer; corrupt answers are asked for again, a silent SAM is an error. */
  async #command(frame: Uint8Array, timeoutMs: number): Promise<SamFrame | 'gone'> {
    for (let corrupt = 0; ; corrupt++) {
      const outcome = await this.#exchange(frame, timeoutMs);
      if (outcome.kind === 'frame') {
        this.#setState('ready');
        return outcome.frame;
      }
      if (outcome.kind === 'gone') return 'gone';
      if (outcome.kind === 'timeout') {
        this.#setState('not-responding');
        throw new IdCardReadError('reader-not-responding', `${this.description} did not answer within ${timeoutMs} ms`);
      }
      if (corrupt + 1 >= MAX_CORRUPT_ANSWERS) {
        throw new IdCardReadError('frame-errors', `${this.description} sent ${MAX_CORRUPT_ANSWERS} corrupt answers in a row`);
      }
    }
  }

  /** Sends one frame and waits for one answer, one exchange at a time (§2.3 rule 6: flush before each). */
  #exchange(frame: Uint8Array, timeoutMs: number): Promise<ExchangeOutcome> {
    const run = async (): Promise<ExchangeOutcome> => {
      this.#deframer.reset();
      const answer = new Promise<ExchangeOutcome>((resolve) => {
        const timer = this.#clock.setTimeout(() => {
          this.#pending = null;
          resolve({ kind: 'timeout' });
        }, timeoutMs);
        this.#pending = (result) => {
          this.#clock.clearTimeout(timer);
          this.#pending = null;
          resolve(result === 'corrupt' ? { kind: 'corrupt' } : result === 'gone' ? { kind: 'gone' } : { kind: 'frame', frame: result });
        };
      });
      // Not awaited: a write on a port that is going away may never call back; the answer's timeout bounds it.
      this.#transport.write(frame).catch(() => this.#pending?.('gone'));
      return answer;
    };
    const result = this.#lock.then(run, run);
    this.#lock = result.catch(() => undefined);
    return result;
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#deframer.push(chunk)) {
      if (event.type === 'frame') this.#pending?.(event.frame);
      else if (event.type === 'checksum-error') this.#pending?.('corrupt');
    }
  }

  /**
   * After a read, keeps asking find until it answers "no card" (§5.1), so that a card lifted while nobody is
   * reading is noticed, and the next card placed is read. A read in progress does its own polling.
   */
  #watchForRemoval(): void {
    if (this.#removalTimer !== null) return;
    const poll = async () => {
      this.#removalTimer = null;
      if (!this.#started || !this.#awaitingRemoval) return;
      if (!this.#reading && this.#transport.state === 'open') {
        const outcome = await this.#exchange(samCommands.findCard(), this.#timeouts.find);
        if (outcome.kind === 'frame' && outcome.frame.body[2] === 0x80) this.#awaitingRemoval = false;
      }
      if (this.#awaitingRemoval) this.#removalTimer = this.#clock.setTimeout(() => void poll(), this.#pollIntervalMs);
    };
    this.#removalTimer = this.#clock.setTimeout(() => void poll(), this.#pollIntervalMs);
  }

  /**
   * Checks the SAM every health interval; while it is silent, every second (up to the interval), so a SAM that was
   * not yet powered when its port came back is found again at once rather than one whole interval later.
   */
  #scheduleHealthCheck(): void {
    if (this.#healthTimer !== null) this.#clock.clearTimeout(this.#healthTimer);
    this.#healthTimer = null;
    if (!this.#started) return;
    const interval = this.#state === 'not-responding' ? Math.min(SILENT_RECHECK_MS, this.#healthCheckIntervalMs) : this.#healthCheckIntervalMs;
    this.#healthTimer = this.#clock.setTimeout(
      () => {
        const check = this.#reading ? Promise.resolve() : this.checkHealth();
        void check.finally(() => this.#scheduleHealthCheck());
      },
      interval,
      { background: true },
    );
  }

  #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const clock = this.#clock;
      const timer = clock.setTimeout(done, Math.max(0, ms));
      function done() {
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #setState(state: ReaderState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
    // A SAM gone silent is asked again soon, not at the end of an interval that was set while it answered.
    if (state === 'not-responding') this.#scheduleHealthCheck();
  }
}
