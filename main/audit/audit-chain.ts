import { auditRecordHash, GENESIS_HASH, type AuditHead, type AuditRecord } from './audit-record.ts';

/**
 * Checking a log's chain: each record, in the order it was written, must hash to its own `hash`, carry the next
 * number and carry the hash of the record before it as its `prev`. The first record that does not is named with
 * what is wrong with it (docs/audit-log.md, "What verify tells apart"):
 *
 * - edited: its hash does not match its content (a field was changed, its number included);
 * - removed: numbers are missing (a record in the middle, or the first, was taken out);
 * - inserted: a second record with a number already taken, or a record that does not follow the one before it
 *   (its `prev` is not that record's hash);
 * - reordered: a record comes before a lower-numbered one.
 *
 * Records cut off the end leave a shorter log that is intact: only a head recorded elsewhere (the fleet's) shows it.
 */
export type AuditProblem = 'edited' | 'removed' | 'inserted' | 'reordered';

export interface AuditFinding {
  /** The number of the first bad record (for `removed`: the first missing number). */
  seq: number;
  problem: AuditProblem;
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  /** How many records the log holds. */
  records: number;
  /** The last record as stored (intact or not): what the kiosk would chain its next record to. */
  head: AuditHead;
  firstProblem?: AuditFinding;
}

/** A record's fields as stored; tampering with the raw file may leave any type in any column. */
export type StoredAuditRecord = { [K in keyof AuditRecord]: unknown };

/** The log as the check needs it: its records in write order, and whether a number appears anywhere in it. */
export interface AuditRecords {
  inWriteOrder: Iterable<StoredAuditRecord>;
  hasSeq(seq: number): boolean;
}

const isRecord = (stored: StoredAuditRecord): stored is AuditRecord =>
  Number.isSafeInteger(stored.seq) &&
  (['at', 'kind', 'actor', 'subject', 'reason', 'prev', 'hash'] as const).every((field) => typeof stored[field] === 'string');

const headOf = (stored: StoredAuditRecord): AuditHead => ({ seq: Number(stored.seq), hash: String(stored.hash) });

/** The first problem of one record, given the last good record before it; null when it follows that one. */
const problemOf = (stored: StoredAuditRecord, last: AuditHead, seen: ReadonlySet<number>, log: AuditRecords): AuditFinding | null => {
  if (!isRecord(stored)) return { seq: Number(stored.seq), problem: 'edited', detail: 'its fields are not those of an audit record (a number where text belongs, or text for its number)' };
  const { hash, ...content } = stored;
  if (auditRecordHash(content) !== hash) return { seq: stored.seq, problem: 'edited', detail: 'its hash does not match its content: a field was changed after it was written' };
  const expected = last.seq + 1;
  if (stored.seq === expected) {
    if (stored.prev === last.hash) return null;
    return { seq: stored.seq, problem: 'inserted', detail: `it does not follow record ${last.seq}: its prev is not that record's hash (a record put in its place)` };
  }
  if (stored.seq < expected) {
    return seen.has(stored.seq)
      ? { seq: stored.seq, problem: 'inserted', detail: `a second record ${stored.seq}: one of the two was inserted` }
      : { seq: stored.seq, problem: 'reordered', detail: `it is stored after record ${last.seq}` };
  }
  if (log.hasSeq(expected)) return { seq: expected, problem: 'reordered', detail: `it is stored after record ${stored.seq}` };
  const missing = expected === stored.seq - 1 ? `record ${expected} is missing` : `records ${expected}–${stored.seq - 1} are missing`;
  return { seq: expected, problem: 'removed', detail: `${missing}: record ${stored.seq} follows ${last.seq === 0 ? 'the start of the log' : `record ${last.seq}`}` };
};

export const verifyAuditChain = (log: AuditRecords): AuditVerification => {
  let last: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let head: AuditHead = last;
  let records = 0;
  let firstProblem: AuditFinding | undefined;
  const seen = new Set<number>();
  for (const stored of log.inWriteOrder) {
    records += 1;
    head = headOf(stored);
    if (firstProblem !== undefined) continue;
    const problem = problemOf(stored, last, seen, log);
    if (problem === null) {
      last = head;
      seen.add(head.seq);
    } else firstProblem = problem;
  }
  return firstProblem === undefined ? { ok: true, records, head } : { ok: false, records, head, firstProblem };
};
