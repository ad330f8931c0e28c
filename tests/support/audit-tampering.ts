import Database from 'better-sqlite3';
import { auditRecordHash, type AuditRecord } from '../../main/audit/audit-record.ts';

/**
 * Someone with the audit file in hand, going around the kiosk: the append-only triggers dropped, rows changed with
 * plain SQL, forged records given hashes that match their content (SM3 needs no key). What verify must still catch.
 */
const withTriggersDropped = (file: string, tamper: (db: Database.Database) => void): void => {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_records_append_only_update; DROP TRIGGER IF EXISTS audit_records_append_only_delete;');
    db.transaction(() => tamper(db))();
  } finally {
    db.close();
  }
};

const positionOf = (db: Database.Database, seq: number): number => {
  const position = db.prepare('SELECT position FROM audit_records WHERE seq = ?').pluck().get(seq);
  if (typeof position !== 'number') throw new Error(`no record ${seq} to tamper with`);
  return position;
};

const recordAt = (db: Database.Database, position: number): AuditRecord =>
  db.prepare('SELECT seq, at, kind, actor, subject, reason, prev, hash FROM audit_records WHERE position = ?').get(position) as AuditRecord;

type Field = 'seq' | 'at' | 'kind' | 'actor' | 'subject' | 'reason' | 'prev' | 'hash';

/** One field of one record changed, its hash left as it was. */
export const editRecord = (file: string, seq: number, field: Field, value: string | number): void =>
  withTriggersDropped(file, (db) => db.prepare(`UPDATE audit_records SET ${field} = ? WHERE position = ?`).run(value, positionOf(db, seq)));

/** A record taken out of the middle (or the start). */
export const removeRecord = (file: string, seq: number): void =>
  withTriggersDropped(file, (db) => db.prepare('DELETE FROM audit_records WHERE position = ?').run(positionOf(db, seq)));

/** Every record from `seq` on cut off the end. */
export const truncateFrom = (file: string, seq: number): void =>
  withTriggersDropped(file, (db) => db.prepare('DELETE FROM audit_records WHERE position >= ?').run(positionOf(db, seq)));

/**
 * A forged record slipped in just before record `seq`, as that record: same number, chained to the record before,
 * a hash that matches its content. The later records move one place down the file.
 */
export const insertForgedBefore = (file: string, seq: number, forged: Pick<AuditRecord, 'kind' | 'actor' | 'subject' | 'reason'>): void =>
  withTriggersDropped(file, (db) => {
    const position = positionOf(db, seq);
    const original = recordAt(db, position);
    const later = db.prepare('SELECT position FROM audit_records WHERE position >= ? ORDER BY position DESC').pluck().all(position) as number[];
    for (const each of later) db.prepare('UPDATE audit_records SET position = position + 1 WHERE position = ?').run(each);
    const content = { seq, at: original.at, ...forged, prev: original.prev };
    db.prepare('INSERT INTO audit_records (position, seq, at, kind, actor, subject, reason, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      position,
      content.seq,
      content.at,
      content.kind,
      content.actor,
      content.subject,
      content.reason,
      content.prev,
      auditRecordHash(content),
    );
  });

/** Two whole records trade places in the file (each keeps its own number, content and hash). */
export const swapRecords = (file: string, a: number, b: number): void =>
  withTriggersDropped(file, (db) => {
    const [pa, pb] = [positionOf(db, a), positionOf(db, b)];
    const [ra, rb] = [recordAt(db, pa), recordAt(db, pb)];
    const put = db.prepare('UPDATE audit_records SET seq = @seq, at = @at, kind = @kind, actor = @actor, subject = @subject, reason = @reason, prev = @prev, hash = @hash WHERE position = @position');
    put.run({ ...rb, position: pa });
    put.run({ ...ra, position: pb });
  });
