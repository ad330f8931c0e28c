import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Clock } from '../common/clock.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import { openDatabase } from '../storage/open-database.ts';
import { auditRecordHash, type AuditEntry, type AuditHead, type AuditRecord } from './audit-record.ts';
import { AUDIT_MIGRATIONS, lastRecordOf, latestRecords, storedHead } from './audit-table.ts';

/** Where a terminal keeps its audit log: in its data dir, beside its other databases. */
export const auditFileIn = (dataDir: string): string => path.join(dataDir, 'audit.sqlite');

/** The log could not take a record: what it was to record is not done (a door stays shut). */
export class AuditLogUnwritable extends ServiceRefused {
  constructor(file: string, cause: unknown) {
    super('unavailable', `the audit log ${file} cannot be written (${cause instanceof Error ? cause.message : String(cause)}): nothing was done`);
  }
}

/** The log's file cannot be opened (damaged, not an SQLite file, not the kiosk's to write): left as it is, for inspection. */
export class AuditLogUnopenable extends Error {
  constructor(file: string, cause: unknown) {
    super(`the audit log ${file} cannot be opened (${cause instanceof Error ? cause.message : String(cause)}); it is left as it is for inspection`);
    this.name = 'AuditLogUnopenable';
  }
}

/** Where the kiosk records what it did and who asked; the host keeps one per terminal, in its data dir. */
export interface AuditTrail {
  /** Appends a record and returns it once it is on disk; throws AuditLogUnwritable when it cannot be. */
  append(entry: AuditEntry): AuditRecord;
  head(): AuditHead;
}

/**
 * The audit log on disk (docs/audit-log.md): SQLite through openDatabase, so WAL with synchronous = FULL — a record
 * is fsynced before append returns, and the action it records comes after. Each append reads the last record and
 * writes the next inside one IMMEDIATE transaction, so the kiosk and a kioskctl command appending at the same moment
 * still make one chain.
 */
export class AuditLog implements AuditTrail {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #insert: Database.Statement;
  readonly #append: (entry: AuditEntry) => AuditRecord;

  constructor(file: string, clock: Pick<Clock, 'now'>) {
    this.file = file;
    try {
      this.#db = openDatabase(file, AUDIT_MIGRATIONS);
    } catch (error) {
      throw new AuditLogUnopenable(file, error);
    }
    this.#clock = clock;
    this.#insert = this.#db.prepare('INSERT INTO audit_records (seq, at, kind, actor, subject, reason, prev, hash) VALUES (@seq, @at, @kind, @actor, @subject, @reason, @prev, @hash)');
    const append = this.#db.transaction((entry: AuditEntry): AuditRecord => {
      const last = storedHead(this.#db);
      const content = { seq: last.seq + 1, at: new Date(this.#clock.now()).toISOString(), ...entry, prev: last.hash };
      const record: AuditRecord = { ...content, hash: auditRecordHash(content) };
      this.#insert.run(record);
      return record;
    });
    this.#append = (entry) => append.immediate(entry);
  }

  append(entry: AuditEntry): AuditRecord {
    try {
      return this.#append({ kind: entry.kind, actor: entry.actor, subject: entry.subject, reason: entry.reason });
    } catch (error) {
      throw new AuditLogUnwritable(this.file, error);
    }
  }

  head(): AuditHead {
    return storedHead(this.#db);
  }

  /** The last record of a kind (the config the kiosk last ran with, say), or null. */
  lastOf(kind: AuditEntry['kind']): AuditRecord | null {
    return lastRecordOf(this.#db, kind);
  }

  /** The last `limit` records, oldest first (all of them without a limit). */
  latest(limit: number | null = null): AuditRecord[] {
    return latestRecords(this.#db, limit);
  }

  close(): void {
    this.#db.close();
  }
}
