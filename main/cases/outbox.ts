import type Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import { outboxStateCounts } from './outbox-summary.ts';
import type { PayloadSeal } from './sealed-payload.ts';

/**
 * The durable outbox (architecture.md, "the outbox commit is the point of no return"): what a citizen submitted
 * is committed here, sealed, before they are told anything, and stays until the platform has decided. SQLite in
 * WAL mode with full sync; payloads sealed with a key kept outside the database (sealed-payload.ts), bound to their
 * row; an applicant is findable only by a keyed tag of the ID number. Each entry keeps one Idempotency-Key for
 * all its attempts. Payloads are purged once the platform accepted them.
 *
 * States: queued → sending → accepted | rejected | needs-attention; sending → queued (no decision: try again).
 */
export type DeliveryKind = 'case' | 'rating' | LockerDeliveryKind;
/** Certificate-locker events (main/lockers): a deposit (answered with the pickup code), a collection, a drop-off. */
export type LockerDeliveryKind = 'locker-deposit' | 'locker-collection' | 'locker-drop-off';
export type DeliveryState = 'queued' | 'sending' | 'accepted' | 'rejected' | 'needs-attention';

/** What the terminal may show of an entry later (offline inquiry): no ID number, no form. */
export interface DeliverySummary {
  itemNames: string[];
  taskCodes: string[];
  bundleCode: string | null;
}

export interface OutboxEntry {
  id: number;
  kind: DeliveryKind;
  localReference: string;
  idempotencyKey: string;
  state: DeliveryState;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  lastError: string | null;
}

/** An entry with what is known of it: its summary and, once decided, the platform's answer. */
export interface OutboxRecord extends OutboxEntry {
  summary: DeliverySummary;
  /** The platform's acceptance or rejection, as it was given. */
  decision: unknown;
}

/** Exported for the migration test, which builds a file of an earlier schema. */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL CHECK (kind IN ('case', 'rating')),
     draft_id TEXT NOT NULL UNIQUE,
     local_reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'rejected', 'needs-attention')),
     payload BLOB,
     summary BLOB NOT NULL,
     decision BLOB,
     applicant_tag TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT
   );
   CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
   CREATE INDEX deliveries_by_applicant ON deliveries (applicant_tag);`,
  // 2: the locker events join cases and ratings. SQLite cannot change a CHECK in place, so the table is rebuilt:
  // rows keep their ids (sealed payloads are bound to them), and the id sequence carries over, so a local
  // reference is never given twice.
  `CREATE TABLE deliveries_v2 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL CHECK (kind IN ('case', 'rating', 'locker-deposit', 'locker-collection', 'locker-drop-off')),
     draft_id TEXT NOT NULL UNIQUE,
     local_reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'rejected', 'needs-attention')),
     payload BLOB,
     summary BLOB NOT NULL,
     decision BLOB,
     applicant_tag TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT
   );
   INSERT INTO deliveries_v2 SELECT id, kind, draft_id, local_reference, idempotency_key, state, payload, summary, decision, applicant_tag,
     attempts, created_at, updated_at, next_attempt_at, last_error FROM deliveries;
   DELETE FROM sqlite_sequence WHERE name = 'deliveries_v2';
   INSERT INTO sqlite_sequence (name, seq) SELECT 'deliveries_v2', seq FROM sqlite_sequence WHERE name = 'deliveries';
   DROP TABLE deliveries;
   ALTER TABLE deliveries_v2 RENAME TO deliveries;
   CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
   CREATE INDEX deliveries_by_applicant ON deliveries (applicant_tag);`,
];

interface DeliveryRow {
  id: number;
  kind: DeliveryKind;
  local_reference: string;
  idempotency_key: string;
  state: DeliveryState;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  last_error: string | null;
  summary: Buffer;
  decision: Buffer | null;
}

const ENTRY_COLUMNS = 'id, kind, local_reference, idempotency_key, state, attempts, created_at, next_attempt_at, last_error';

const entryOf = (row: DeliveryRow): OutboxEntry => ({
  id: row.id,
  kind: row.kind,
  localReference: row.local_reference,
  idempotencyKey: row.idempotency_key,
  state: row.state,
  attempts: row.attempts,
  createdAt: row.created_at,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
});

export interface EnqueueRequest {
  kind: DeliveryKind;
  /** The draft this comes from: enqueueing the same draft again gives the entry already there, never a second one. */
  draftId: string;
  idempotencyKey: string;
  /** The exact JSON text to deliver. */
  body: string;
  summary: DeliverySummary;
  /** The applicant's ID number, kept only as a keyed tag (to find their entries when the platform is away). */
  applicantIdNumber?: string;
}

/** The outbox's file in a terminal's data dir. */
export const outboxFileIn = (dataDir: string): string => path.join(dataDir, 'outbox.sqlite');

export class Outbox {
  readonly #db: Database.Database;
  readonly #seal: PayloadSeal;
  readonly #referencePrefix: string;

  /** `referencePrefix` starts local reference numbers (the terminal's, e.g. "DEMO-310115-0001-"). */
  readonly #enqueuedListeners = new Set<(kind: DeliveryKind) => void>();

  constructor(options: { file: string; seal: PayloadSeal; referencePrefix: string }) {
    this.#db = openDatabase(options.file, OUTBOX_MIGRATIONS);
    this.#seal = options.seal;
    this.#referencePrefix = options.referencePrefix;
  }

  /** Commits an entry (durably, before returning); the same draft again returns the entry it made. */
  /** Told of each new entry once it is committed (not of a draft put in again): the terminal's metrics count them. */
  onEnqueued(listener: (kind: DeliveryKind) => void): void {
    this.#enqueuedListeners.add(listener);
  }

  enqueue(request: EnqueueRequest, now: number): OutboxEntry {
    let added = false;
    const entry = this.#db.transaction(() => {
      const existing = this.#db.prepare(`SELECT ${ENTRY_COLUMNS} FROM deliveries WHERE draft_id = ?`).get(request.draftId) as DeliveryRow | undefined;
      if (existing !== undefined) return entryOf(existing);
      added = true;
      const next = ((this.#db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'").get() as { seq: number } | undefined)?.seq ?? 0) + 1;
      const localReference = `${this.#referencePrefix}${String(next).padStart(6, '0')}`;
      // The row's identity is sealed into its payload: a payload copied into another row does not open.
      const context = `${next}:${request.idempotencyKey}`;
      this.#db
        .prepare(
          `INSERT INTO deliveries (id, kind, draft_id, local_reference, idempotency_key, state, payload, summary, applicant_tag, created_at, updated_at, next_attempt_at)
           VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          next,
          request.kind,
          request.draftId,
          localReference,
          request.idempotencyKey,
          this.#seal.seal(request.body, context),
          this.#seal.seal(JSON.stringify(request.summary), `${context}:summary`),
          request.applicantIdNumber === undefined ? null : this.#seal.tag(request.applicantIdNumber),
          now,
          now,
          now,
        );
      return entryOf(this.#db.prepare(`SELECT ${ENTRY_COLUMNS} FROM deliveries WHERE id = ?`).get(next) as DeliveryRow);
    })();
    if (added) for (const listener of this.#enqueuedListeners) listener(request.kind);
    return entry;
  }

  /** Entries waiting for delivery whose time has come, oldest first. `sending` ones were cut off by a stop or crash. */
  due(now: number, limit: number, skip: ReadonlySet<number> = new Set()): OutboxEntry[] {
    const rows = this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM deliveries WHERE state IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`)
      .all(now, limit + skip.size) as DeliveryRow[];
    return rows.filter((row) => !skip.has(row.id)).slice(0, limit).map(entryOf);
  }

  /** When the next waiting entry is due (ms), or null when nothing waits. */
  nextDueAt(): number | null {
    const row = this.#db.prepare("SELECT min(next_attempt_at) AS at FROM deliveries WHERE state IN ('queued', 'sending')").get() as { at: number | null };
    return row.at;
  }

  /** When the oldest entry still waiting for the platform (queued or sending) was committed (ms), or null. */
  oldestWaitingSince(): number | null {
    const row = this.#db.prepare("SELECT min(created_at) AS at FROM deliveries WHERE state IN ('queued', 'sending')").get() as { at: number | null };
    return row.at;
  }

  /** Staff asked for a retry now: every queued entry waiting for a later attempt is due at `now`. Returns how many. */
  dueNow(now: number): number {
    return this.#db.prepare("UPDATE deliveries SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?").run(now, now).changes;
  }

  /**
   * Marks an attempt as begun and gives the payload to send. Like every write after the enqueue, it is committed
   * without waiting for the disk (see #relaxed): losing it in a power cut only means the entry is sent again under
   * its key, which the platform answers with its first decision.
   */
  beginAttempt(id: number, now: number): string {
    const row = this.#db.prepare('SELECT idempotency_key, payload FROM deliveries WHERE id = ?').get(id) as { idempotency_key: string; payload: Buffer | null } | undefined;
    if (row === undefined || row.payload === null) throw new Error(`outbox entry ${id} has nothing to send`);
    this.#relaxed(() => this.#db.prepare("UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(now, id));
    return this.#seal.open(row.payload, `${id}:${row.idempotency_key}`);
  }

  /** The platform accepted it: keep its answer (or what its service let it keep of it), purge the payload. */
  accepted(id: number, answer: unknown, now: number): void {
    this.#decide(id, 'accepted', answer, now, true);
  }

  /** The platform decided against it: keep the payload for staff to follow up with the citizen. */
  rejected(id: number, rejection: unknown, now: number): void {
    this.#decide(id, 'rejected', rejection, now, false);
  }

  /** Something staff must look at (the payload cannot be opened, the key was used for another body …). */
  needsAttention(id: number, reason: string, now: number): void {
    this.#relaxed(() => this.#db.prepare("UPDATE deliveries SET state = 'needs-attention', last_error = ?, updated_at = ? WHERE id = ?").run(reason, now, id));
  }

  /** No decision this time: waits until `nextAttemptAt`. */
  retryLater(id: number, nextAttemptAt: number, error: string, now: number): void {
    this.#relaxed(() =>
      this.#db.prepare("UPDATE deliveries SET state = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?").run(nextAttemptAt, error, now, id),
    );
  }

  record(id: number): OutboxRecord | null {
    const row = this.#db.prepare(`SELECT ${ENTRY_COLUMNS}, summary, decision FROM deliveries WHERE id = ?`).get(id) as DeliveryRow | undefined;
    return row === undefined ? null : this.#recordOf(row);
  }

  /** The entries of an applicant (cases), newest first: what this terminal knows when the platform is away. */
  recordsOfApplicant(idNumber: string, limit = 20): OutboxRecord[] {
    const rows = this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS}, summary, decision FROM deliveries WHERE applicant_tag = ? AND kind = 'case' ORDER BY id DESC LIMIT ?`)
      .all(this.#seal.tag(idNumber), limit) as DeliveryRow[];
    return rows.map((row) => this.#recordOf(row));
  }

  counts(): Record<DeliveryState, number> {
    return outboxStateCounts(this.#db);
  }

  close(): void {
    this.#db.close();
  }

  #decide(id: number, state: 'accepted' | 'rejected', decision: unknown, now: number, purge: boolean): void {
    const key = (this.#db.prepare('SELECT idempotency_key FROM deliveries WHERE id = ?').get(id) as { idempotency_key: string }).idempotency_key;
    const sealed = this.#seal.seal(JSON.stringify(decision), `${id}:${key}:decision`);
    this.#relaxed(() =>
      this.#db
        .prepare(`UPDATE deliveries SET state = ?, decision = ?, last_error = NULL, updated_at = ?${purge ? ', payload = NULL' : ''} WHERE id = ?`)
        .run(state, sealed, now, id),
    );
  }

  /**
   * A write committed without its own fsync (WAL, synchronous NORMAL): it reaches the disk with the next
   * full-sync commit or checkpoint. Only for writes whose loss is harmless — never for an enqueue, which is the
   * citizen's point of no return and is always committed with full sync.
   */
  #relaxed(write: () => unknown): void {
    this.#db.pragma('synchronous = NORMAL');
    try {
      write();
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
  }

  #recordOf(row: DeliveryRow): OutboxRecord {
    const context = `${row.id}:${row.idempotency_key}`;
    return {
      ...entryOf(row),
      summary: JSON.parse(this.#seal.open(row.summary, `${context}:summary`)) as DeliverySummary,
      decision: row.decision === null ? null : (JSON.parse(this.#seal.open(row.decision, `${context}:decision`)) as unknown),
    };
  }
}
