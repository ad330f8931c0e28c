import Database from 'better-sqlite3';
import type { CaseStage } from './case-stages.ts';

/** A case as the platform tells a terminal about it (national field names in comments, gov-service-data.md §2.1). */
export interface CaseRecord {
  caseNumber: string; // project_no 办件编号
  taskCode: string; // task_code 实施编码
  taskName: string; // task_name
  deptName: string; // org_name 受理部门
  applicantIdNumber: string; // applyer_page_code
  applicantName: string; // applyer_name
  stage: CaseStage;
  stageNote: string | null; // e.g. 补正材料清单, 不予受理原因
  submittedAt: string;
  acceptedAt: string | null; // accept_date
  promiseDate: string | null; // promise_date 承诺办结时间
  completedAt: string | null;
}

/** Numbered migrations: each runs once, in order, in a transaction (PRAGMA user_version is the number done). */
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
];

interface CaseRow {
  case_number: string;
  task_code: string;
  task_name: string;
  dept_name: string;
  applicant_id_number: string;
  applicant_name: string;
  stage: CaseStage;
  stage_note: string | null;
  submitted_at: string;
  accepted_at: string | null;
  promise_date: string | null;
  completed_at: string | null;
}

const toRecord = (row: CaseRow): CaseRecord => ({
  caseNumber: row.case_number,
  taskCode: row.task_code,
  taskName: row.task_name,
  deptName: row.dept_name,
  applicantIdNumber: row.applicant_id_number,
  applicantName: row.applicant_name,
  stage: row.stage,
  stageNote: row.stage_note,
  submittedAt: row.submitted_at,
  acceptedAt: row.accepted_at,
  promiseDate: row.promise_date,
  completedAt: row.completed_at,
});

/** The reference platform's cases, in its own SQLite file (or in memory for a throwaway platform). */
export class CaseStore {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    const done = this.#db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(done).forEach((sql, i) => {
      this.#db.transaction(() => {
        this.#db.exec(sql);
        this.#db.pragma(`user_version = ${done + i + 1}`);
      })();
    });
  }

  get size(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }

  insert(record: CaseRecord): void {
    this.#db
      .prepare(
        `INSERT INTO cases VALUES (@caseNumber, @taskCode, @taskName, @deptName, @applicantIdNumber, @applicantName,
           @stage, @stageNote, @submittedAt, @acceptedAt, @promiseDate, @completedAt)`,
      )
      .run(record);
  }

  byCaseNumber(caseNumber: string): CaseRecord | null {
    const row = this.#db.prepare('SELECT * FROM cases WHERE case_number = ?').get(caseNumber) as CaseRow | undefined;
    return row === undefined ? null : toRecord(row);
  }

  /** An applicant's cases, newest first. */
  byApplicant(idNumber: string, limit = 50): CaseRecord[] {
    return (this.#db.prepare('SELECT * FROM cases WHERE applicant_id_number = ? ORDER BY submitted_at DESC LIMIT ?').all(idNumber, limit) as CaseRow[]).map(toRecord);
  }

  close(): void {
    this.#db.close();
  }
}
