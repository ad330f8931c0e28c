import type Database from 'better-sqlite3';
import type { AuditRecords, StoredAuditRecord } from './audit-chain.ts';
import { GENESIS_HASH, type AuditHead, type AuditRecord } from './audit-record.ts';
import type { Migration } from '../storage/open-database.ts';

/**
 * The audit log's one table. `position` is the order records were written in (SQLite's rowid); `seq` is the
 * record's own number, inside its hash. They are kept apart so that a record moved, removed or slipped in shows as
 * a number out of place in the write order. Triggers refuse UPDATE and DELETE: the kiosk's own code can only
 * append. Someone who drops the triggers or edits the file's bytes is caught by the chain instead. No constraint
 * checks the columns: whatever raw tampering leaves is for the chain to judge.
 */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE audit_records (
     position INTEGER PRIMARY KEY,
     seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     kind TEXT NOT NULL,
     actor TEXT NOT NULL,
     subject TEXT NOT NULL,
     reason TEXT NOT NULL,
     prev TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_records_by_seq ON audit_records (seq);
   CREATE INDEX audit_records_by_kind ON audit_records (kind, position);
   CREATE TRIGGER audit_records_append_only_update BEFORE UPDATE ON audit_records
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records are never changed'); END;
   CREATE TRIGGER audit_records_append_only_delete BEFORE DELETE ON audit_records
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records are never removed'); END;`,
];

const COLUMNS = 'seq, at, kind, actor, subject, reason, prev, hash';

/** The last record written, as stored. */
export const storedHead = (db: Database.Database): AuditHead => {
  const row = db.prepare(`SELECT seq, hash FROM audit_records ORDER BY position DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;
  return row === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(row.seq), hash: String(row.hash) };
};

export const storedRecords = (db: Database.Database): AuditRecords => {
  const bySeq = db.prepare('SELECT 1 FROM audit_records WHERE seq = ? LIMIT 1').pluck();
  return {
    inWriteOrder: db.prepare(`SELECT ${COLUMNS} FROM audit_records ORDER BY position`).iterate() as IterableIterator<StoredAuditRecord>,
    hasSeq: (seq) => bySeq.get(seq) !== undefined,
  };
};

/** The last `limit` records in write order (all when no limit). */
export const latestRecords = (db: Database.Database, limit: number | null): AuditRecord[] =>
  (
    db.prepare(`SELECT ${COLUMNS} FROM (SELECT position, ${COLUMNS} FROM audit_records ORDER BY position DESC LIMIT ?) ORDER BY position`).all(limit ?? -1) as AuditRecord[]
  );

/** The last record of a kind, or null. */
export const lastRecordOf = (db: Database.Database, kind: string): AuditRecord | null =>
  (db.prepare(`SELECT ${COLUMNS} FROM audit_records WHERE kind = ? ORDER BY position DESC LIMIT 1`).get(kind) as AuditRecord | undefined) ?? null;
