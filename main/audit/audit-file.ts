import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openDatabaseForReading } from '../storage/database-for-reading.ts';
import { verifyAuditChain, type AuditVerification } from './audit-chain.ts';
import type { AuditHead, AuditRecord } from './audit-record.ts';
import { latestRecords, storedHead, storedRecords } from './audit-table.ts';

/** An audit file that cannot be read as one: the one line a technician is told (nothing was changed). */
export class AuditFileUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditFileUnusable';
  }
}

/**
 * An audit log read as it is, for checking: opened read-only and only if the file exists, so that reading never
 * creates a database nor changes one (a corrupt or missing file is reported, never repaired or replaced); while the
 * kiosk appends, what it appended is read too (main/storage/database-for-reading.ts).
 */
export class AuditFile {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Opens `file` for reading; throws AuditFileUnusable saying why it cannot be read as an audit log. */
  static open(file: string): AuditFile {
    if (!existsSync(file)) throw new AuditFileUnusable(`no audit log at ${file}: the file does not exist`);
    let db: Database.Database;
    try {
      db = openDatabaseForReading(file);
    } catch (error) {
      throw new AuditFileUnusable(`cannot open the audit log ${file}: ${(error as Error).message}`);
    }
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_records'").get();
      if (table === undefined) throw new AuditFileUnusable(`${file} is an SQLite database but not an audit log (it has no audit_records table)`);
    } catch (error) {
      db.close();
      if (error instanceof AuditFileUnusable) throw error;
      throw new AuditFileUnusable(`${file} is not a readable audit log: ${(error as Error).message}`);
    }
    return new AuditFile(db);
  }

  /** Reads `file`, hands it to `read`, and closes it again. */
  static read<T>(file: string, read: (audit: AuditFile) => T): T {
    const audit = AuditFile.open(file);
    try {
      return audit.#guarded(file, () => read(audit));
    } finally {
      audit.close();
    }
  }

  verify(): AuditVerification {
    return verifyAuditChain(storedRecords(this.#db));
  }

  head(): AuditHead {
    return storedHead(this.#db);
  }

  latest(limit: number | null): AuditRecord[] {
    return latestRecords(this.#db, limit);
  }

  close(): void {
    this.#db.close();
  }

  /** A file damaged past its header fails only when its pages are read: said as one line too. */
  #guarded<T>(file: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof AuditFileUnusable || !(error instanceof Database.SqliteError)) throw error;
      throw new AuditFileUnusable(`${file} is damaged and cannot be read to the end (${error.message})`);
    }
  }
}
