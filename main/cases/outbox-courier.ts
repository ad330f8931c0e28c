import type { Clock, TimerHandle } from '../common/clock.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { DeliveryOutcome } from '../platform/platform-deliveries.ts';
import { PayloadUnreadable } from './sealed-payload.ts';
import type { DeliveryKind, Outbox, OutboxEntry } from './outbox.ts';

/** The platform's decision on an entry, or none yet. */
export type CourierResult = { state: 'accepted'; answer: unknown } | { state: 'rejected'; code: string; message: string; detail: string[] } | { state: 'needs-attention'; reason: string };

/** The platform calls that deliver each kind of entry. */
export type DeliveringPlatform = Pick<PlatformAdapter, 'submitCase' | 'submitRating' | 'registerLockerDeposit' | 'reportLockerCollection' | 'reportMaterialDropOff'>;

/**
 * A service that handles the answers to its own kinds of entry (main/lockers: a deposit's answer carries the pickup
 * code, which the terminal keeps only hashed).
 */
export interface DeliveryReceiver {
  /**
   * An acceptance, before the outbox records it: the receiver keeps what it needs (durably, before returning) and
   * returns what the outbox may keep of the answer. If it throws, the entry counts as undecided and is sent again
   * later under its key, and the platform answers it the same way.
   */
  accepted?(entry: OutboxEntry, answer: unknown): unknown;
  /** Every decision on its kinds, once recorded. */
  decided?(entry: OutboxEntry, result: CourierResult): void;
}

export interface OutboxCourierOptions {
  outbox: Outbox;
  platform: DeliveringPlatform;
  clock: Clock;
  /** [0, 1): jitter for the backoff, injected for tests. */
  random?: () => number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** First retry after this, doubling per attempt up to maxBackoffMs (full jitter in its upper half). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  onDecided?: (entry: OutboxEntry, result: CourierResult) => void;
  /** An attempt that got no decision (for the log: the platform's or the network's reason). */
  onNoDecision?: (entry: OutboxEntry, error: unknown) => void;
}

/**
 * Delivers the outbox to the platform: every due entry, a few at a time, each attempt with the entry's own
 * Idempotency-Key; no decision (network, 5xx, garbage, a refused terminal) → tried again after a backoff with
 * jitter, for as long as it takes; a decision → recorded. Entries cut off mid-send by a crash are simply due
 * again at start (the platform takes each key once).
 */
export class OutboxCourier {
  readonly #options: Required<Omit<OutboxCourierOptions, 'onDecided' | 'onNoDecision'>> & Pick<OutboxCourierOptions, 'onDecided' | 'onNoDecision'>;
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #waiters = new Map<number, Array<(result: CourierResult | null) => void>>();
  readonly #attemptWaiters = new Map<number, Array<(result: CourierResult | null) => void>>();
  readonly #receivers = new Map<DeliveryKind, DeliveryReceiver>();
  #timer: TimerHandle | null = null;
  #running = false;

  constructor(options: OutboxCourierOptions) {
    this.#options = { random: Math.random, concurrency: 8, baseBackoffMs: 2000, maxBackoffMs: 300_000, ...options };
  }

  start(): void {
    this.#running = true;
    this.kick();
  }

  /** Hands the answers to these kinds of entry to their service (one receiver per kind). */
  receive(kinds: readonly DeliveryKind[], receiver: DeliveryReceiver): void {
    for (const kind of kinds) {
      if (this.#receivers.has(kind)) throw new Error(`the answers to ${kind} entries already have a receiver`);
      this.#receivers.set(kind, receiver);
    }
  }

  /** Looks for due entries now (after an enqueue, or when the platform is reachable again). */
  kick(): void {
    if (!this.#running) return;
    const now = this.#options.clock.now();
    const free = this.#options.concurrency - this.#inFlight.size;
    if (free > 0) {
      for (const entry of this.#options.outbox.due(now, free, new Set(this.#inFlight.keys()))) {
        const attempt = this.#attempt(entry).finally(() => {
          this.#inFlight.delete(entry.id);
          this.kick();
        });
        this.#inFlight.set(entry.id, attempt);
      }
    }
    this.#schedule();
  }

  /**
   * Waits for the platform's decision on an entry, at most `timeoutMs`: null when there was none by then (the
   * entry stays queued and is delivered later).
   */
  awaitDecision(id: number, timeoutMs: number): Promise<CourierResult | null> {
    return this.#wait(this.#waiters, id, timeoutMs);
  }

  /**
   * Waits for the entry's next attempt, at most `timeoutMs`: its decision, or null when the attempt ended without
   * one (the platform is away: no use keeping a citizen waiting) or did not end in time.
   */
  awaitAttempt(id: number, timeoutMs: number): Promise<CourierResult | null> {
    return this.#wait(this.#attemptWaiters, id, timeoutMs);
  }

  #wait(registry: Map<number, Array<(result: CourierResult | null) => void>>, id: number, timeoutMs: number): Promise<CourierResult | null> {
    const known = this.#decided(id);
    if (known !== null) return Promise.resolve(known);
    return new Promise((resolve) => {
      const waiters = registry.get(id) ?? [];
      let settled = false;
      const finish = (result: CourierResult | null) => {
        if (settled) return;
        settled = true;
        this.#options.clock.clearTimeout(timer);
        resolve(result);
      };
      const timer = this.#options.clock.setTimeout(() => finish(null), timeoutMs);
      waiters.push(finish);
      registry.set(id, waiters);
    });
  }

  /** Stops taking new entries and waits for those in flight to finish their attempt. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    await Promise.all(this.#inFlight.values());
  }

  #decided(id: number): CourierResult | null {
    const record = this.#options.outbox.record(id);
    if (record === null) return null;
    if (record.state === 'accepted') return { state: 'accepted', answer: record.decision };
    if (record.state === 'rejected') return { state: 'rejected', ...(record.decision as { code: string; message: string; detail: string[] }) };
    if (record.state === 'needs-attention') return { state: 'needs-attention', reason: record.lastError ?? 'needs attention' };
    return null;
  }

  async #attempt(entry: OutboxEntry): Promise<void> {
    const { outbox, clock } = this.#options;
    let body: string;
    try {
      body = outbox.beginAttempt(entry.id, clock.now());
    } catch (error) {
      const reason = error instanceof PayloadUnreadable ? error.message : `cannot read the entry: ${(error as Error).message}`;
      outbox.needsAttention(entry.id, reason, clock.now());
      this.#settle(entry, { state: 'needs-attention', reason });
      return;
    }
    let outcome: DeliveryOutcome<unknown>;
    try {
      outcome = await this.#send(entry, body);
    } catch (error) {
      this.#noDecision(entry, error);
      return;
    }
    if (outcome.outcome === 'accepted') {
      let kept = outcome.answer;
      const receiver = this.#receivers.get(entry.kind);
      if (receiver?.accepted !== undefined) {
        try {
          kept = receiver.accepted(entry, outcome.answer);
        } catch (error) {
          this.#noDecision(entry, error);
          return;
        }
      }
      outbox.accepted(entry.id, kept, clock.now());
      this.#settle(entry, { state: 'accepted', answer: kept });
    } else if (outcome.code === 'idempotency-conflict') {
      const reason = `the platform holds another body under this entry's key: ${outcome.message}`;
      outbox.needsAttention(entry.id, reason, clock.now());
      this.#settle(entry, { state: 'needs-attention', reason });
    } else {
      const rejection = { code: outcome.code, message: outcome.message, detail: outcome.detail };
      outbox.rejected(entry.id, rejection, clock.now());
      this.#settle(entry, { state: 'rejected', ...rejection });
    }
  }

  #send(entry: OutboxEntry, body: string): Promise<DeliveryOutcome<unknown>> {
    const { platform } = this.#options;
    switch (entry.kind) {
      case 'case':
        return platform.submitCase(body, entry.idempotencyKey);
      case 'rating':
        return platform.submitRating(body, entry.idempotencyKey);
      case 'locker-deposit':
        return platform.registerLockerDeposit(body, entry.idempotencyKey);
      case 'locker-collection':
        return platform.reportLockerCollection(body, entry.idempotencyKey);
      case 'locker-drop-off':
        return platform.reportMaterialDropOff(body, entry.idempotencyKey);
    }
  }

  /** No decision this time (network, 5xx, garbage, a refused terminal, a receiver that could not keep the answer). */
  #noDecision(entry: OutboxEntry, error: unknown): void {
    const { outbox, clock } = this.#options;
    const attempts = entry.attempts + 1;
    const ceiling = Math.min(this.#options.maxBackoffMs, this.#options.baseBackoffMs * 2 ** Math.min(attempts - 1, 30));
    const delay = Math.round(ceiling / 2 + (this.#options.random() * ceiling) / 2);
    outbox.retryLater(entry.id, clock.now() + delay, error instanceof Error ? error.message : String(error), clock.now());
    this.#options.onNoDecision?.(entry, error);
    for (const waiter of this.#attemptWaiters.get(entry.id) ?? []) waiter(null);
    this.#attemptWaiters.delete(entry.id);
  }

  #settle(entry: OutboxEntry, result: CourierResult): void {
    this.#options.onDecided?.(entry, result);
    this.#receivers.get(entry.kind)?.decided?.(entry, result);
    for (const registry of [this.#waiters, this.#attemptWaiters]) {
      for (const waiter of registry.get(entry.id) ?? []) waiter(result);
      registry.delete(entry.id);
    }
  }

  /** Wakes up when the next waiting entry is due. */
  #schedule(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#running || this.#inFlight.size >= this.#options.concurrency) return;
    const next = this.#options.outbox.nextDueAt();
    if (next === null) return;
    const inFlightOnly = this.#options.outbox.due(this.#options.clock.now(), 1, new Set(this.#inFlight.keys())).length === 0;
    // Entries due now but all in flight: their finishing kicks again; otherwise wake at the next due time.
    const wait = Math.max(inFlightOnly ? 1000 : 0, next - this.#options.clock.now());
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null;
      this.kick();
    }, wait);
  }
}
