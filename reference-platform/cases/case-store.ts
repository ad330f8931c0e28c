import type Database from 'better-sqlite3';
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

/** A submission already taken: what its idempotency key was answered with, and a digest of the body it came with. */
export interface StoredSubmission {
  bodySm3: string;
  caseNumber: string;
  answer: string;
}

/** A material as the case records it (up_pro_material: material_name, get_type 收取方式). */
export interface CaseMaterialRecord {
  materialName: string;
  getType: string;
  detail: string | null;
}

/** The reference platform's cases (platform-database.ts). */
export class CaseStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
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

  submission(idempotencyKey: string): StoredSubmission | null {
    const row = this.#db.prepare('SELECT body_sm3, case_number, answer FROM submissions WHERE idempotency_key = ?').get(idempotencyKey) as
      | { body_sm3: string; case_number: string; answer: string }
      | undefined;
    return row === undefined ? null : { bodySm3: row.body_sm3, caseNumber: row.case_number, answer: row.answer };
  }

  /** The next free sequence number after a case-number prefix (SH310115 20261123 → 1, 2, …). */
  nextSequence(prefix: string): number {
    const row = this.#db
      .prepare(`SELECT max(CAST(substr(case_number, ?) AS INTEGER)) AS n FROM cases WHERE case_number LIKE ? || '%' AND length(case_number) > ?`)
      .get(prefix.length + 1, prefix, prefix.length) as { n: number | null };
    return (row.n ?? 0) + 1;
  }

  /** A submitted case, its form, materials and the answer to its idempotency key: all or nothing. */
  insertSubmitted(
    record: CaseRecord,
    submission: { idempotencyKey: string; terminalId: string; localReference: string; bodySm3: string; answer: string; receivedAt: string },
    form: { fields: Record<string, string>; taskCodes: readonly string[] },
    materials: readonly CaseMaterialRecord[],
  ): void {
    this.#db.transaction(() => {
      this.insert(record);
      this.#db
        .prepare('INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(submission.idempotencyKey, submission.terminalId, submission.localReference, submission.bodySm3, record.caseNumber, submission.answer, submission.receivedAt);
      this.#db.prepare('INSERT INTO case_forms VALUES (?, ?, ?)').run(record.caseNumber, JSON.stringify(form.fields), JSON.stringify(form.taskCodes));
      const material = this.#db.prepare('INSERT INTO case_materials VALUES (?, ?, ?, ?, ?)');
      materials.forEach((item, position) => material.run(record.caseNumber, position, item.materialName, item.getType, item.detail));
    })();
  }

  /** Moves a case to another stage (出证 → 待领取 → 已领取), with the note a terminal shows beside it. */
  recordStage(caseNumber: string, stage: CaseStage, note: string | null): void {
    this.#db.prepare('UPDATE cases SET stage = ?, stage_note = ? WHERE case_number = ?').run(stage, note, caseNumber);
  }

  /** The materials recorded with a case, in order. */
  materialsOf(caseNumber: string): CaseMaterialRecord[] {
    return (
      this.#db.prepare('SELECT material_name, get_type, detail FROM case_materials WHERE case_number = ? ORDER BY position').all(caseNumber) as Array<{
        material_name: string;
        get_type: string;
        detail: string | null;
      }>
    ).map((row) => ({ materialName: row.material_name, getType: row.get_type, detail: row.detail }));
  }

  /** How many cases terminals submitted (each idempotency key counts once). */
  get submittedCount(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
  }
}
