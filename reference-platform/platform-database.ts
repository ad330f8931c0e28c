import Database from 'better-sqlite3';

/**
 * The reference platform's own SQLite store (a file under its data dir, or in memory for a throwaway platform):
 * cases, the submissions that made them (idempotency), registered terminals and the nonces they used, ratings.
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
