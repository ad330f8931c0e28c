import type { EarlierDelivery } from '../http/idempotent-delivery.ts';
import type Database from 'better-sqlite3';

/**
 * The reference platform's certificate-locker records (platform-database.ts, migration 5): what terminals
 * deposited and for whom, with the pickup code the platform minted and sent by SMS; each deposit's collection
 * (at most one); materials citizens dropped off; and the SMS "sent" (there is no SMS gateway: the demo and the
 * tests read them here, or over /_control/sms).
 */
export interface DepositRecord {
  depositNumber: string;
  terminalId: string;
  reference: string;
  caseNumber: string;
  recipientIdNumber: string;
  itemName: string;
  cabinet: string;
  door: number;
  pickupCode: string;
  pickupBy: string;
  depositedAt: string;
  collectedAt: string | null;
}

interface DepositRow {
  deposit_number: string;
  terminal_id: string;
  reference: string;
  case_number: string;
  recipient_id_number: string;
  item_name: string;
  cabinet: string;
  door: number;
  pickup_code: string;
  pickup_by: string;
  deposited_at: string;
  collected_at: string | null;
}

const depositOf = (row: DepositRow): DepositRecord => ({
  depositNumber: row.deposit_number,
  terminalId: row.terminal_id,
  reference: row.reference,
  caseNumber: row.case_number,
  recipientIdNumber: row.recipient_id_number,
  itemName: row.item_name,
  cabinet: row.cabinet,
  door: row.door,
  pickupCode: row.pickup_code,
  pickupBy: row.pickup_by,
  depositedAt: row.deposited_at,
  collectedAt: row.collected_at,
});

const DEPOSIT_COLUMNS = 'deposit_number, terminal_id, reference, case_number, recipient_id_number, item_name, cabinet, door, pickup_code, pickup_by, deposited_at, collected_at';

/** What an idempotency key was answered with, and a digest of the body it came with. */

export interface DropOffRecord {
  dropOffNumber: string;
  terminalId: string;
  caseNumber: string;
  materials: string[];
  cabinet: string;
  door: number;
  droppedAt: string;
}

export interface SmsMessage {
  caseNumber: string;
  text: string;
  sentAt: string;
}

type Table = 'locker_deposits' | 'locker_collections' | 'material_drop_offs';

export class LockerStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Runs several writes (a deposit and its case's stage) as one. */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /** The earlier delivery under this key (deposits, collections and drop-offs each keep their own keys). */
  earlier(table: Table, idempotencyKey: string): EarlierDelivery | null {
    const row = this.#db.prepare(`SELECT body_sm3, answer FROM ${table} WHERE idempotency_key = ?`).get(idempotencyKey) as { body_sm3: string; answer: string } | undefined;
    return row === undefined ? null : { bodySm3: row.body_sm3, answer: row.answer };
  }

  /** A number for a new record: a prefix, the day and a sequence (CG20261123 0001). */
  nextNumber(table: Table, prefix: string): string {
    const column = { locker_deposits: 'deposit_number', locker_collections: 'collection_number', material_drop_offs: 'drop_off_number' }[table];
    const row = this.#db
      .prepare(`SELECT max(CAST(substr(${column}, ?) AS INTEGER)) AS n FROM ${table} WHERE ${column} LIKE ? || '%'`)
      .get(prefix.length + 1, prefix) as { n: number | null };
    return `${prefix}${String((row.n ?? 0) + 1).padStart(4, '0')}`;
  }

  deposit(depositNumber: string): DepositRecord | null {
    const row = this.#db.prepare(`SELECT ${DEPOSIT_COLUMNS} FROM locker_deposits WHERE deposit_number = ?`).get(depositNumber) as DepositRow | undefined;
    return row === undefined ? null : depositOf(row);
  }

  depositByReference(terminalId: string, reference: string): DepositRecord | null {
    const row = this.#db.prepare(`SELECT ${DEPOSIT_COLUMNS} FROM locker_deposits WHERE terminal_id = ? AND reference = ?`).get(terminalId, reference) as DepositRow | undefined;
    return row === undefined ? null : depositOf(row);
  }

  /** Deposits of a case, oldest first. */
  depositsOf(caseNumber: string): DepositRecord[] {
    return (this.#db.prepare(`SELECT ${DEPOSIT_COLUMNS} FROM locker_deposits WHERE case_number = ? ORDER BY received_at, deposit_number`).all(caseNumber) as DepositRow[]).map(depositOf);
  }

  /** The items waiting at a terminal for a recipient (not yet collected). */
  waitingFor(terminalId: string, recipientIdNumber: string): DepositRecord[] {
    return (
      this.#db
        .prepare(`SELECT ${DEPOSIT_COLUMNS} FROM locker_deposits WHERE terminal_id = ? AND recipient_id_number = ? AND collected_at IS NULL`)
        .all(terminalId, recipientIdNumber) as DepositRow[]
    ).map(depositOf);
  }

  /** Whether a pickup code is held by an item still waiting at this terminal (codes are unique among those). */
  codeInUse(terminalId: string, pickupCode: string): boolean {
    return this.#db.prepare('SELECT 1 FROM locker_deposits WHERE terminal_id = ? AND pickup_code = ? AND collected_at IS NULL').get(terminalId, pickupCode) !== undefined;
  }

  insertDeposit(record: Omit<DepositRecord, 'collectedAt'>, delivery: { idempotencyKey: string; bodySm3: string; answer: string; receivedAt: string }, sms: SmsMessage): void {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO locker_deposits (deposit_number, idempotency_key, body_sm3, terminal_id, reference, case_number, recipient_id_number, item_name, cabinet, door,
             pickup_code, pickup_by, answer, deposited_at, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.depositNumber,
          delivery.idempotencyKey,
          delivery.bodySm3,
          record.terminalId,
          record.reference,
          record.caseNumber,
          record.recipientIdNumber,
          record.itemName,
          record.cabinet,
          record.door,
          record.pickupCode,
          record.pickupBy,
          delivery.answer,
          record.depositedAt,
          delivery.receivedAt,
        );
      this.#db.prepare('INSERT INTO sms_messages (case_number, text, sent_at) VALUES (?, ?, ?)').run(sms.caseNumber, sms.text, sms.sentAt);
    })();
  }

  /** Records a deposit's collection: false when it was collected already (a deposit is collected once). */
  insertCollection(collection: { collectionNumber: string; idempotencyKey: string; bodySm3: string; depositNumber: string; answer: string; collectedAt: string; receivedAt: string }): boolean {
    return this.#db.transaction(() => {
      const updated = this.#db.prepare('UPDATE locker_deposits SET collected_at = ? WHERE deposit_number = ? AND collected_at IS NULL').run(collection.collectedAt, collection.depositNumber);
      if (updated.changes === 0) return false;
      this.#db
        .prepare('INSERT INTO locker_collections VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(collection.collectionNumber, collection.idempotencyKey, collection.bodySm3, collection.depositNumber, collection.answer, collection.collectedAt, collection.receivedAt);
      return true;
    })();
  }

  /** How many collections were recorded for a case's deposits (a test asserts "exactly once" with this). */
  collectionCount(caseNumber: string): number {
    return (
      this.#db
        .prepare('SELECT count(*) AS n FROM locker_collections JOIN locker_deposits USING (deposit_number) WHERE locker_deposits.case_number = ?')
        .get(caseNumber) as { n: number }
    ).n;
  }

  dropOffExists(terminalId: string, reference: string): boolean {
    return this.#db.prepare('SELECT 1 FROM material_drop_offs WHERE terminal_id = ? AND reference = ?').get(terminalId, reference) !== undefined;
  }

  insertDropOff(record: DropOffRecord & { reference: string }, delivery: { idempotencyKey: string; bodySm3: string; answer: string; receivedAt: string }): void {
    this.#db
      .prepare('INSERT INTO material_drop_offs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        record.dropOffNumber,
        delivery.idempotencyKey,
        delivery.bodySm3,
        record.terminalId,
        record.reference,
        record.caseNumber,
        JSON.stringify(record.materials),
        record.cabinet,
        record.door,
        delivery.answer,
        record.droppedAt,
        delivery.receivedAt,
      );
  }

  dropOffsOf(caseNumber: string): DropOffRecord[] {
    return (
      this.#db
        .prepare('SELECT drop_off_number, terminal_id, case_number, materials, cabinet, door, dropped_at FROM material_drop_offs WHERE case_number = ? ORDER BY received_at')
        .all(caseNumber) as Array<{ drop_off_number: string; terminal_id: string; case_number: string; materials: string; cabinet: string; door: number; dropped_at: string }>
    ).map((row) => ({
      dropOffNumber: row.drop_off_number,
      terminalId: row.terminal_id,
      caseNumber: row.case_number,
      materials: JSON.parse(row.materials) as string[],
      cabinet: row.cabinet,
      door: row.door,
      droppedAt: row.dropped_at,
    }));
  }

  /** The SMS the platform sent, oldest first (all, or a case's). */
  smsMessages(caseNumber?: string): SmsMessage[] {
    const rows = (
      caseNumber === undefined
        ? this.#db.prepare('SELECT case_number, text, sent_at FROM sms_messages ORDER BY id').all()
        : this.#db.prepare('SELECT case_number, text, sent_at FROM sms_messages WHERE case_number = ? ORDER BY id').all(caseNumber)
    ) as Array<{ case_number: string; text: string; sent_at: string }>;
    return rows.map((row) => ({ caseNumber: row.case_number, text: row.text, sentAt: row.sent_at }));
  }

  /** The pickup code of a case's latest deposit still waiting (what the citizen's phone received), or null. */
  pickupCodeFor(caseNumber: string): string | null {
    const waiting = this.depositsOf(caseNumber).filter((deposit) => deposit.collectedAt === null);
    return waiting.at(-1)?.pickupCode ?? null;
  }

  recordCheckMiss(terminalId: string, recipientIdNumber: string, at: number): void {
    this.#db.prepare('INSERT INTO pickup_check_misses VALUES (?, ?, ?)').run(terminalId, recipientIdNumber, at);
  }

  checkMissesSince(terminalId: string, recipientIdNumber: string, since: number): number {
    return (
      this.#db.prepare('SELECT count(*) AS n FROM pickup_check_misses WHERE terminal_id = ? AND recipient_id_number = ? AND at >= ?').get(terminalId, recipientIdNumber, since) as {
        n: number;
      }
    ).n;
  }

  clearCheckMisses(terminalId: string, recipientIdNumber: string): void {
    this.#db.prepare('DELETE FROM pickup_check_misses WHERE terminal_id = ? AND recipient_id_number = ?').run(terminalId, recipientIdNumber);
  }
}
