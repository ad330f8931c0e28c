import type Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import type { KioskAlert, KioskAlertKind } from './alerts.ts';

/**
 * The alerts on their way to the operator (docs/fleet-mqtt.md): each is committed here before anything is sent, and
 * leaves only when the broker acknowledged it (PUBACK), so a broker outage or a restart loses none. Oldest first, in
 * the order raised; `seq` numbers them for good (AUTOINCREMENT never gives a number twice, even after the queue was
 * empty). Bounded: past the capacity the oldest are dropped, counted, and the count goes out with the next alert.
 */
export interface QueuedAlert {
  readonly seq: number;
  readonly kind: KioskAlertKind;
  readonly message: string;
  /** When it was raised, ms since the epoch. */
  readonly at: number;
  readonly cleared: boolean;
  readonly detail: Readonly<Record<string, unknown>> | null;
}

export const ALERT_QUEUE_FILE = 'fleet-alerts.sqlite';
export const ALERT_QUEUE_CAPACITY = 10_000;

const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE alerts (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     message TEXT NOT NULL,
     at INTEGER NOT NULL,
     cleared INTEGER NOT NULL CHECK (cleared IN (0, 1)),
     detail TEXT
   );
   CREATE TABLE dropped (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL);
   INSERT INTO dropped (id, count) VALUES (1, 0);`,
];

interface AlertRow {
  seq: number;
  kind: KioskAlertKind;
  message: string;
  at: number;
  cleared: number;
  detail: string | null;
}

const detailOf = (text: string | null): Readonly<Record<string, unknown>> | null => {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** What `add` did: the alert's number, and how many of the oldest made room for it (0 almost always). */
export interface Added {
  readonly seq: number;
  readonly dropped: number;
}

export class AlertQueue {
  readonly #db: Database.Database;
  readonly #capacity: number;

  private constructor(db: Database.Database, capacity: number) {
    this.#db = db;
    this.#capacity = capacity;
  }

  /** `<dataDir>/fleet-alerts.sqlite`, the kiosk's alone (0600). */
  static open(dataDir: string, capacity = ALERT_QUEUE_CAPACITY): AlertQueue {
    return new AlertQueue(openDatabase(path.join(dataDir, ALERT_QUEUE_FILE), MIGRATIONS), capacity);
  }

  add(alert: KioskAlert): Added {
    const at = Date.parse(alert.at);
    let detail: string | null = null;
    if (alert.detail !== undefined) {
      try {
        detail = JSON.stringify(alert.detail);
      } catch {
        detail = JSON.stringify({ unserialisable: true });
      }
    }
    return this.#db.transaction((): Added => {
      const { lastInsertRowid } = this.#db
        .prepare('INSERT INTO alerts (kind, message, at, cleared, detail) VALUES (?, ?, ?, ?, ?)')
        .run(alert.kind, alert.message, Number.isFinite(at) ? at : Date.now(), alert.cleared === true ? 1 : 0, detail);
      const over = this.size() - this.#capacity;
      if (over > 0) {
        this.#db.prepare('DELETE FROM alerts WHERE seq IN (SELECT seq FROM alerts ORDER BY seq LIMIT ?)').run(over);
        this.#db.prepare('UPDATE dropped SET count = count + ? WHERE id = 1').run(over);
      }
      return { seq: Number(lastInsertRowid), dropped: Math.max(0, over) };
    })();
  }

  oldest(): QueuedAlert | null {
    const row = this.#db.prepare('SELECT seq, kind, message, at, cleared, detail FROM alerts ORDER BY seq LIMIT 1').get() as AlertRow | undefined;
    if (row === undefined) return null;
    return { seq: row.seq, kind: row.kind, message: row.message, at: row.at, cleared: row.cleared === 1, detail: detailOf(row.detail) };
  }

  size(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  }

  /** Alerts dropped for room and not yet reported to the operator. */
  dropped(): number {
    return (this.#db.prepare('SELECT count FROM dropped WHERE id = 1').get() as { count: number }).count;
  }

  /** The broker took alert `seq`, which reported `droppedReported` dropped ones: both are done. */
  delivered(seq: number, droppedReported: number): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM alerts WHERE seq = ?').run(seq);
      if (droppedReported > 0) this.#db.prepare('UPDATE dropped SET count = max(0, count - ?) WHERE id = 1').run(droppedReported);
    })();
  }

  close(): void {
    this.#db.close();
  }
}
