import type Database from 'better-sqlite3';
import type { DeliverySummary, LockerDeliveryKind } from '../cases/outbox.ts';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import type { DoorAddress } from './cabinet.ts';
import { failedAttemptsIn } from './failed-attempts-table.ts';

/**
 * What the lockers hold, in SQLite (WAL, full sync, numbered migrations): which door holds what, for whom (the
 * recipient's keyed tag, never the ID number), since when and until when, the pickup code's keyed hash, and the
 * item's state; doors staff must look at (jammed); every door opening with who (a staff id or the citizen's masked
 * ID number) and why; the event reports waiting to be put into the outbox (sealed), and failed attempts for the
 * lockouts.
 *
 * A certificate goes depositing → held → collecting → collected (or back to held when the door closes with it
 * still inside); materials go dropping → dropped; staff end either by retrieving it; an opening that comes to
 * nothing is cancelled; an item whose door was left in the middle of a deposit or drop-off (the kiosk stopped)
 * needs-check.
 */
export type ItemKind = 'certificate' | 'materials';
export type ItemState = 'depositing' | 'held' | 'collecting' | 'collected' | 'dropping' | 'dropped' | 'retrieved' | 'cancelled' | 'needs-check';

/** The states in which an item is in its door (the door is not free). */
export const ITEM_IN_DOOR: readonly ItemState[] = ['depositing', 'held', 'collecting', 'dropping', 'dropped', 'needs-check'];

export interface LockerItem extends DoorAddress {
  id: number;
  /** The terminal's reference (a UUID): what the platform knows the item by. */
  reference: string;
  kind: ItemKind;
  caseNumber: string;
  /** What lies in the door (a certificate's name; for materials, what the citizen listed). */
  itemName: string;
  materials: string[];
  recipientTag: string;
  /** Whether the pickup code's hash is known (the platform's deposit answer has arrived). */
  codeKnown: boolean;
  depositNumber: string | null;
  state: ItemState;
  /** What staff must know: the platform refused its report, say. */
  problem: string | null;
  /** Who put it in: a staff id, or the citizen's masked ID number. */
  placedBy: string;
  placedAt: number;
  /** The end of the retention period (certificates). */
  keepUntil: number | null;
  /** When staff were told it outstayed its retention. */
  flaggedAt: number | null;
  endedAt: number | null;
}

/** operator: the fleet's operator, remotely (an RPC: docs/fleet.md), with no staff member at the terminal. */
export type OpeningActor = { kind: 'staff'; staffId: string } | { kind: 'citizen'; maskedIdNumber: string } | { kind: 'operator' } | { kind: 'unknown' };
/** remote: the fleet's operator opened it (openLockerDoor). */
export type OpeningReason = 'deposit' | 'pickup' | 'drop-off' | 'retrieve' | 'remote' | 'not-commanded';
/** seen-open: the kiosk did not open it; a poll saw it open (a staff key, force). */
export type OpeningResult = 'opened' | 'jammed' | 'no-response' | 'seen-open';

export interface DoorOpeningRecord extends DoorAddress {
  id: number;
  at: number;
  actor: OpeningActor;
  reason: OpeningReason;
  result: OpeningResult;
  itemId: number | null;
}

/** An event report the inventory holds until it is in the outbox. */
export interface PendingReport {
  id: number;
  itemId: number;
  kind: LockerDeliveryKind;
  idempotencyKey: string;
  /** The outbox's draft id: one entry per item and kind, however often it is put in. */
  draftId: string;
  /** The event body, sealed (LockerKeys.seal, context = the idempotency key). */
  sealedBody: Buffer;
  summary: DeliverySummary;
}

export type DoorCondition = 'ok' | 'jammed';

const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE items (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     reference TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL CHECK (kind IN ('certificate', 'materials')),
     cabinet TEXT NOT NULL,
     board INTEGER NOT NULL,
     door INTEGER NOT NULL,
     case_number TEXT NOT NULL,
     item_name TEXT NOT NULL,
     materials TEXT NOT NULL DEFAULT '[]',
     recipient_tag TEXT NOT NULL,
     code_salt BLOB,
     code_hash BLOB,
     deposit_number TEXT,
     state TEXT NOT NULL CHECK (state IN ('depositing', 'held', 'collecting', 'collected', 'dropping', 'dropped', 'retrieved', 'cancelled', 'needs-check')),
     problem TEXT,
     placed_by TEXT NOT NULL,
     placed_at INTEGER NOT NULL,
     keep_until INTEGER,
     flagged_at INTEGER,
     ended_at INTEGER,
     updated_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX items_in_door ON items (cabinet, board, door) WHERE state IN ('depositing', 'held', 'collecting', 'dropping', 'dropped', 'needs-check');
   CREATE INDEX items_by_recipient ON items (recipient_tag, state);
   CREATE TABLE door_conditions (
     cabinet TEXT NOT NULL,
     board INTEGER NOT NULL,
     door INTEGER NOT NULL,
     condition TEXT NOT NULL CHECK (condition IN ('jammed')),
     since INTEGER NOT NULL,
     PRIMARY KEY (cabinet, board, door)
   );
   CREATE TABLE openings (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     cabinet TEXT NOT NULL,
     board INTEGER NOT NULL,
     door INTEGER NOT NULL,
     actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'unknown')),
     actor TEXT NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('deposit', 'pickup', 'drop-off', 'retrieve', 'not-commanded')),
     result TEXT NOT NULL CHECK (result IN ('opened', 'jammed', 'no-response', 'seen-open')),
     item_id INTEGER REFERENCES items (id)
   );
   CREATE TABLE reports (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     item_id INTEGER NOT NULL REFERENCES items (id),
     kind TEXT NOT NULL CHECK (kind IN ('locker-deposit', 'locker-collection', 'locker-drop-off')),
     idempotency_key TEXT NOT NULL UNIQUE,
     body BLOB,
     summary TEXT NOT NULL,
     entry_id INTEGER,
     UNIQUE (item_id, kind)
   );
   CREATE TABLE failed_attempts (scope TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX failed_attempts_by_scope ON failed_attempts (scope, at);`,
  // The fleet's operator opens doors remotely (openLockerDoor): a new actor and reason, so the table is rebuilt.
  `CREATE TABLE openings_v2 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     cabinet TEXT NOT NULL,
     board INTEGER NOT NULL,
     door INTEGER NOT NULL,
     actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'operator', 'unknown')),
     actor TEXT NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('deposit', 'pickup', 'drop-off', 'retrieve', 'remote', 'not-commanded')),
     result TEXT NOT NULL CHECK (result IN ('opened', 'jammed', 'no-response', 'seen-open')),
     item_id INTEGER REFERENCES items (id)
   );
   INSERT INTO openings_v2 SELECT * FROM openings;
   DROP TABLE openings;
   ALTER TABLE openings_v2 RENAME TO openings;`,
];

interface ItemRow {
  id: number;
  reference: string;
  kind: ItemKind;
  cabinet: string;
  board: number;
  door: number;
  case_number: string;
  item_name: string;
  materials: string;
  recipient_tag: string;
  code_known: number;
  deposit_number: string | null;
  state: ItemState;
  problem: string | null;
  placed_by: string;
  placed_at: number;
  keep_until: number | null;
  flagged_at: number | null;
  ended_at: number | null;
}

const ITEM_COLUMNS = `id, reference, kind, cabinet, board, door, case_number, item_name, materials, recipient_tag, code_hash IS NOT NULL AS code_known,
  deposit_number, state, problem, placed_by, placed_at, keep_until, flagged_at, ended_at`;

const itemOf = (row: ItemRow): LockerItem => ({
  id: row.id,
  reference: row.reference,
  kind: row.kind,
  cabinet: row.cabinet,
  board: row.board,
  door: row.door,
  caseNumber: row.case_number,
  itemName: row.item_name,
  materials: JSON.parse(row.materials) as string[],
  recipientTag: row.recipient_tag,
  codeKnown: row.code_known === 1,
  depositNumber: row.deposit_number,
  state: row.state,
  problem: row.problem,
  placedBy: row.placed_by,
  placedAt: row.placed_at,
  keepUntil: row.keep_until,
  flaggedAt: row.flagged_at,
  endedAt: row.ended_at,
});

const IN_DOOR = ITEM_IN_DOOR.map((state) => `'${state}'`).join(', ');
const ENDED: readonly ItemState[] = ['collected', 'retrieved', 'cancelled'];

export interface NewItem extends DoorAddress {
  reference: string;
  kind: ItemKind;
  caseNumber: string;
  itemName: string;
  materials?: readonly string[];
  recipientTag: string;
  state: 'depositing' | 'dropping';
  placedBy: string;
  placedAt: number;
}

export class LockerInventory {
  readonly #db: Database.Database;
  readonly #openingListeners = new Set<(result: OpeningResult) => void>();
  readonly #failures: ReturnType<typeof failedAttemptsIn>;

  constructor(file: string) {
    this.#db = openDatabase(file, MIGRATIONS);
    this.#failures = failedAttemptsIn(this.#db);
  }

  /** Runs several changes as one commit (an item's new state and the report it owes the platform). */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  insertItem(item: NewItem): LockerItem {
    const result = this.#db
      .prepare(
        `INSERT INTO items (reference, kind, cabinet, board, door, case_number, item_name, materials, recipient_tag, state, placed_by, placed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(item.reference, item.kind, item.cabinet, item.board, item.door, item.caseNumber, item.itemName, JSON.stringify(item.materials ?? []), item.recipientTag, item.state, item.placedBy, item.placedAt, item.placedAt);
    return this.item(Number(result.lastInsertRowid)) as LockerItem;
  }

  item(id: number): LockerItem | null {
    const row = this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
    return row === undefined ? null : itemOf(row);
  }

  itemByReference(reference: string): LockerItem | null {
    const row = this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE reference = ?`).get(reference) as ItemRow | undefined;
    return row === undefined ? null : itemOf(row);
  }

  /** The item in a door now, if any. */
  itemIn(address: DoorAddress): LockerItem | null {
    const row = this.#db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE cabinet = ? AND board = ? AND door = ? AND state IN (${IN_DOOR})`)
      .get(address.cabinet, address.board, address.door) as ItemRow | undefined;
    return row === undefined ? null : itemOf(row);
  }

  /** Every item in a door now, oldest first. */
  itemsInDoors(): LockerItem[] {
    return (this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE state IN (${IN_DOOR}) ORDER BY placed_at, id`).all() as ItemRow[]).map(itemOf);
  }

  /** Certificates held for a recipient (by tag), oldest first. */
  heldFor(recipientTag: string): LockerItem[] {
    return (
      this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE recipient_tag = ? AND kind = 'certificate' AND state = 'held' ORDER BY placed_at, id`).all(recipientTag) as ItemRow[]
    ).map(itemOf);
  }

  /** An item's pickup-code salt and hash, or null while the platform's deposit answer has not arrived. */
  codeOf(id: number): { salt: Buffer; hash: Buffer } | null {
    const row = this.#db.prepare('SELECT code_salt, code_hash FROM items WHERE id = ?').get(id) as { code_salt: Buffer | null; code_hash: Buffer | null } | undefined;
    return row === undefined || row.code_salt === null || row.code_hash === null ? null : { salt: row.code_salt, hash: row.code_hash };
  }

  setPickupCode(id: number, code: { salt: Buffer; hash: Buffer }, depositNumber: string | null, now: number): void {
    this.#db.prepare('UPDATE items SET code_salt = ?, code_hash = ?, deposit_number = coalesce(?, deposit_number), updated_at = ? WHERE id = ?').run(code.salt, code.hash, depositNumber, now, id);
  }

  /** Moves an item on; `keepUntil` when it starts being held, the end time when it leaves its door for good. */
  setState(id: number, state: ItemState, now: number, keepUntil?: number): void {
    this.#db
      .prepare('UPDATE items SET state = ?, keep_until = coalesce(?, keep_until), ended_at = ?, updated_at = ? WHERE id = ?')
      .run(state, keepUntil ?? null, ENDED.includes(state) ? now : null, now, id);
  }

  setProblem(id: number, problem: string | null, now: number): void {
    this.#db.prepare('UPDATE items SET problem = ?, updated_at = ? WHERE id = ?').run(problem, now, id);
  }

  /** Held certificates whose retention ended by `now` and that staff have not been told about yet. */
  overdue(now: number): LockerItem[] {
    return (
      this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE state = 'held' AND keep_until <= ? AND flagged_at IS NULL ORDER BY keep_until, id`).all(now) as ItemRow[]
    ).map(itemOf);
  }

  flagOverdue(id: number, now: number): void {
    this.#db.prepare('UPDATE items SET flagged_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  /** Items left in the middle of something when the kiosk stopped. */
  inTransition(): LockerItem[] {
    return (this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE state IN ('depositing', 'collecting', 'dropping') ORDER BY id`).all() as ItemRow[]).map(itemOf);
  }

  doorCondition(address: DoorAddress): DoorCondition {
    const row = this.#db.prepare('SELECT condition FROM door_conditions WHERE cabinet = ? AND board = ? AND door = ?').get(address.cabinet, address.board, address.door) as
      | { condition: DoorCondition }
      | undefined;
    return row?.condition ?? 'ok';
  }

  setDoorCondition(address: DoorAddress, condition: DoorCondition, now: number): void {
    if (condition === 'ok') this.#db.prepare('DELETE FROM door_conditions WHERE cabinet = ? AND board = ? AND door = ?').run(address.cabinet, address.board, address.door);
    else this.#db.prepare('INSERT OR REPLACE INTO door_conditions VALUES (?, ?, ?, ?, ?)').run(address.cabinet, address.board, address.door, condition, now);
  }

  jammedDoors(): Array<DoorAddress & { since: number }> {
    return this.#db.prepare("SELECT cabinet, board, door, since FROM door_conditions WHERE condition = 'jammed' ORDER BY since").all() as Array<DoorAddress & { since: number }>;
  }

  /** Told of every door opening recorded (the terminal's metrics count them by result). */
  onOpening(listener: (result: OpeningResult) => void): void {
    this.#openingListeners.add(listener);
  }

  recordOpening(opening: Omit<DoorOpeningRecord, 'id'>): void {
    const actor = opening.actor.kind === 'staff' ? opening.actor.staffId : opening.actor.kind === 'citizen' ? opening.actor.maskedIdNumber : '';
    this.#db
      .prepare('INSERT INTO openings (at, cabinet, board, door, actor_kind, actor, reason, result, item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(opening.at, opening.cabinet, opening.board, opening.door, opening.actor.kind, actor, opening.reason, opening.result, opening.itemId);
    for (const listener of this.#openingListeners) listener(opening.result);
  }

  /** Door openings, newest first. */
  openings(limit = 100): DoorOpeningRecord[] {
    const rows = this.#db.prepare('SELECT * FROM openings ORDER BY id DESC LIMIT ?').all(limit) as Array<{
      id: number;
      at: number;
      cabinet: string;
      board: number;
      door: number;
      actor_kind: OpeningActor['kind'];
      actor: string;
      reason: OpeningReason;
      result: OpeningResult;
      item_id: number | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      cabinet: row.cabinet,
      board: row.board,
      door: row.door,
      actor: row.actor_kind === 'staff' ? { kind: 'staff', staffId: row.actor } : row.actor_kind === 'citizen' ? { kind: 'citizen', maskedIdNumber: row.actor } : { kind: row.actor_kind },
      reason: row.reason,
      result: row.result,
      itemId: row.item_id,
    }));
  }

  /** Records a report the item owes the platform; with the item's change, in one transaction. One per item and kind. */
  addReport(report: Omit<PendingReport, 'id' | 'draftId'>): void {
    this.#db
      .prepare('INSERT INTO reports (item_id, kind, idempotency_key, body, summary) VALUES (?, ?, ?, ?, ?)')
      .run(report.itemId, report.kind, report.idempotencyKey, report.sealedBody, JSON.stringify(report.summary));
  }

  /** Reports not yet in the outbox, oldest first. */
  pendingReports(): PendingReport[] {
    const rows = this.#db
      .prepare('SELECT reports.id, item_id, reports.kind, idempotency_key, body, summary, items.reference FROM reports JOIN items ON items.id = item_id WHERE entry_id IS NULL ORDER BY reports.id')
      .all() as Array<{ id: number; item_id: number; kind: LockerDeliveryKind; idempotency_key: string; body: Buffer; summary: string; reference: string }>;
    return rows.map((row) => ({
      id: row.id,
      itemId: row.item_id,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      draftId: `${row.kind}:${row.reference}`,
      sealedBody: row.body,
      summary: JSON.parse(row.summary) as DeliverySummary,
    }));
  }

  /** The report is in the outbox (entry `entryId`): the inventory's copy of its body goes. */
  reportQueued(reportId: number, entryId: number): void {
    this.#db.prepare('UPDATE reports SET entry_id = ?, body = NULL WHERE id = ?').run(entryId, reportId);
  }

  /** The report sent under an idempotency key: which item, which kind. */
  reportByKey(idempotencyKey: string): { itemId: number; kind: LockerDeliveryKind } | null {
    const row = this.#db.prepare('SELECT item_id, kind FROM reports WHERE idempotency_key = ?').get(idempotencyKey) as { item_id: number; kind: LockerDeliveryKind } | undefined;
    return row === undefined ? null : { itemId: row.item_id, kind: row.kind };
  }

  /** Failed attempts of a scope since a time (for the lockouts), oldest first. */
  failuresSince(scope: string, since: number): number[] {
    return this.#failures.failuresSince(scope, since);
  }

  addFailure(scope: string, at: number): void {
    this.#failures.addFailure(scope, at);
  }

  clearFailures(scope: string): void {
    this.#failures.clearFailures(scope);
  }

  /** Forgets failures older than any lockout looks back. */
  pruneFailures(before: number): void {
    this.#failures.pruneFailures(before);
  }

  close(): void {
    this.#db.close();
  }
}
