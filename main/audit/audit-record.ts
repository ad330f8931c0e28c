import { sm3 } from 'sm-crypto-v2';

/**
 * One record of the audit log (docs/audit-log.md): what happened, who did it, to what, and why, numbered and chained
 * to the record before it. Nothing in a record names a citizen: a citizen is `citizen`, a door is its cabinet and
 * number, an item the terminal's own random reference.
 */
export type AuditKind =
  | 'staff-signed-in'
  | 'staff-sign-in-failed'
  | 'staff-locked-out'
  | 'staff-signed-out'
  | 'staff-account-set'
  | 'door-opening'
  | 'door-not-opened'
  | 'door-opened-unexpectedly'
  | 'door-back-in-service'
  | 'config-changed'
  | 'remote-command'
  | 'maintenance-test-print'
  | 'catalogue-reload'
  | 'outbox-retry'
  | 'kiosk-restart'
  | 'out-of-service-entered'
  | 'out-of-service-left';

/**
 * Who acted: `staff:<staff id>`, `citizen` (never which one), `platform`, `technician` (kioskctl on the terminal),
 * `operator` (the fleet's operator, remotely: an RPC or a shared attribute, docs/fleet.md), or `unknown` (a door seen
 * open that the kiosk did not open, a config edited while the kiosk was stopped).
 */
export type AuditActor = `staff:${string}` | 'citizen' | 'platform' | 'technician' | 'operator' | 'unknown';

export const staffActor = (staffId: string): AuditActor => `staff:${staffId}`;

/** What the caller says happened; the log adds the number, the time and the chain. */
export interface AuditEntry {
  kind: AuditKind;
  actor: AuditActor;
  /** What it was done to: a door, an account, the config's fingerprint. */
  subject: string;
  reason: string;
}

export interface AuditRecord {
  /** 1 for the first record, one more for each after it. */
  seq: number;
  /** When it was appended, ISO 8601 in UTC with milliseconds. */
  at: string;
  kind: string;
  actor: string;
  subject: string;
  reason: string;
  /** The hash of the record before it (GENESIS_HASH for the first). */
  prev: string;
  /** SM3 over the record's canonical encoding (every field above), lowercase hex. */
  hash: string;
}

/** The last record's number and hash: all a witness elsewhere (the fleet) needs to hold the log to its length. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The `prev` of record 1, and the head of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the encoding inside what is hashed, so that a later encoding can never be taken for this one. */
const ENCODING = 'gov-kiosk-audit/1';

/**
 * The bytes a record's hash is taken over: the UTF-8 of the JSON array
 * `["gov-kiosk-audit/1", seq, at, kind, actor, subject, reason, prev]`. An array, not an object, so that no key order
 * is involved; JSON.stringify of numbers and strings is the same on every engine.
 */
export const canonicalAuditRecord = (record: Omit<AuditRecord, 'hash'>): string =>
  JSON.stringify([ENCODING, record.seq, record.at, record.kind, record.actor, record.subject, record.reason, record.prev]);

/** SM3 through sm-crypto-v2: Electron's BoringSSL has no SM3 (docs/security.md). */
export const auditRecordHash = (record: Omit<AuditRecord, 'hash'>): string => sm3(canonicalAuditRecord(record));
