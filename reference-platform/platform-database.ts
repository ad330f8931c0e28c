import Database from 'better-sqlite3';

/**
 * The reference platform's own SQLite store (a file under its data dir, or in memory for a throwaway platform):
 * cases, the submissions that made them (idempotency), registered terminals, the enrolment codes issued for them
 * and the nonces they spent, ratings, certificate-locker deposits, collections and material drop-offs.
 * Numbered migrations: each runs once, in order, in a transaction (PRAGMA user_version is the number done).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE cases (
     case_number TEXT PRIMARY KEY,
     task_code TEXT NOT NULL,
     task_name TEXT NOT NULL,
     dept_name TEXT NOT NULL,
     applicant_id_number TEXT NOT NULL,
     applicant_name TEXT NOT NULL,
     stage TEXT NOT NULL,
     stage_note TEXT,
     submitted_at TEXT NOT NULL,
     accepted_at TEXT,
     promise_date TEXT,
     completed_at TEXT
   );
   CREATE INDEX cases_by_applicant ON cases (applicant_id_number, submitted_at);`,
  // 2: case submission from terminals: each idempotency key once, with the answer it got; the case's materials.
  `CREATE TABLE submissions (
     idempotency_key TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     local_reference TEXT NOT NULL,
     body_sm3 TEXT NOT NULL,
     case_number TEXT NOT NULL REFERENCES cases (case_number),
     answer TEXT NOT NULL,
     received_at TEXT NOT NULL
   );
   CREATE TABLE case_materials (
     case_number TEXT NOT NULL REFERENCES cases (case_number),
     position INTEGER NOT NULL,
     material_name TEXT NOT NULL,
     get_type TEXT NOT NULL,
     detail TEXT,
     PRIMARY KEY (case_number, position)
   );
   CREATE TABLE case_forms (case_number TEXT PRIMARY KEY REFERENCES cases (case_number), form TEXT NOT NULL, items TEXT NOT NULL);`,
  // 3: terminals (public keys registered at provisioning) and the nonces of their signed requests.
  `CREATE TABLE terminals (terminal_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, registered_at TEXT NOT NULL);
   CREATE TABLE nonces (terminal_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (terminal_id, nonce));
   CREATE INDEX nonces_by_age ON nonces (seen_at);`,
  // 4: 好差评 ratings, each idempotency key once.
  `CREATE TABLE ratings (
     assess_number TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     terminal_id TEXT NOT NULL,
     body_sm3 TEXT NOT NULL,
     case_number TEXT,
     level INTEGER NOT NULL,
     reasons TEXT NOT NULL,
     comment TEXT,
     assessed_at TEXT NOT NULL,
     received_at TEXT NOT NULL
   );`,
  // 5: certificate lockers: items deposited at terminals with their pickup codes, their collection (once per
  // deposit), materials dropped off, the SMS the platform sent, and the misses of pickup-code checks.
  `CREATE TABLE locker_deposits (
     deposit_number TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     body_sm3 TEXT NOT NULL,
     terminal_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     case_number TEXT NOT NULL REFERENCES cases (case_number),
     recipient_id_number TEXT NOT NULL,
     item_name TEXT NOT NULL,
     cabinet TEXT NOT NULL,
     door INTEGER NOT NULL,
     pickup_code TEXT NOT NULL,
     pickup_by TEXT NOT NULL,
     answer TEXT NOT NULL,
     deposited_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     collected_at TEXT,
     UNIQUE (terminal_id, reference)
   );
   CREATE INDEX locker_deposits_by_case ON locker_deposits (case_number);
   CREATE TABLE locker_collections (
     collection_number TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     body_sm3 TEXT NOT NULL,
     deposit_number TEXT NOT NULL UNIQUE REFERENCES locker_deposits (deposit_number),
     answer TEXT NOT NULL,
     collected_at TEXT NOT NULL,
     received_at TEXT NOT NULL
   );
   CREATE TABLE material_drop_offs (
     drop_off_number TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     body_sm3 TEXT NOT NULL,
     terminal_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     case_number TEXT NOT NULL REFERENCES cases (case_number),
     materials TEXT NOT NULL,
     cabinet TEXT NOT NULL,
     door INTEGER NOT NULL,
     answer TEXT NOT NULL,
     dropped_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     UNIQUE (terminal_id, reference)
   );
   CREATE TABLE sms_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, case_number TEXT NOT NULL, text TEXT NOT NULL, sent_at TEXT NOT NULL);
   CREATE TABLE pickup_check_misses (terminal_id TEXT NOT NULL, recipient_id_number TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX pickup_check_misses_by_recipient ON pickup_check_misses (terminal_id, recipient_id_number, at);`,
  // 6: each nonce is kept until its request's signed timestamp leaves the replay window (review finding 4), not for
  // a window after the platform saw it. Nonces already kept are given the longest that could be needed then: seen
  // plus twice the 5-minute window (a timestamp up to 5 min ahead, plus its window).
  `CREATE TABLE spent_nonces (terminal_id TEXT NOT NULL, nonce TEXT NOT NULL, kept_until INTEGER NOT NULL, PRIMARY KEY (terminal_id, nonce));
   INSERT INTO spent_nonces SELECT terminal_id, nonce, seen_at + 600000 FROM nonces;
   DROP TABLE nonces;
   CREATE INDEX spent_nonces_by_expiry ON spent_nonces (kept_until);`,
  // 7: enrolment codes, each issued for one terminal id until a time, and spent by the one key it registered (review
  // finding 5). Kept by their SM3, as a password would be: the table does not give the codes away.
  `CREATE TABLE enrolment_codes (
     code_sm3 TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     valid_until INTEGER NOT NULL,
     issued_at TEXT NOT NULL,
     used_at TEXT,
     used_by_key TEXT
   );`,
];

export const openPlatformDatabase = (file: string): Database.Database => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // The platform answers "accepted" only after its own commit is durable, as a real one must.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const done = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(done).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${done + i + 1}`);
    })();
  });
  return db;
};
