import type Database from 'better-sqlite3';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import { guideRecordSchema, type GuideRecord } from './guide-record.ts';

const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE guides (
     task_code TEXT PRIMARY KEY,
     task_name TEXT NOT NULL,
     task_type TEXT NOT NULL,
     dept_name TEXT NOT NULL,
     server_type TEXT NOT NULL,
     is_service_terminals INTEGER NOT NULL,
     plan_effective_date TEXT,
     plan_cancel_date TEXT,
     popularity REAL NOT NULL DEFAULT 0,
     record TEXT NOT NULL
   );
   CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

/** A line of an import that could not be taken, and why. */
export interface RejectedLine {
  line: number;
  reason: string;
}

export interface ImportResult {
  imported: number;
  rejected: RejectedLine[];
}

/** What search and the guide screen need of a guide, kept in memory. */
export interface GuideEntry {
  taskCode: string;
  taskName: string;
  taskType: string;
  deptName: string;
  serverTypes: string[];
  kioskCapable: boolean;
  effectiveFrom: string | null;
  cancelledFrom: string | null;
  popularity: number;
}

const describe = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`).join('; ');

/**
 * The terminal's catalogue of service guides in SQLite (main/storage), keyed by 实施编码. A full import replaces the
 * whole catalogue in one transaction: an import that fails part-way leaves the previous catalogue as it was.
 */
export class CatalogueStore {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = openDatabase(file, MIGRATIONS);
  }

  /**
   * Imports JSON Lines (one guide per line). Malformed lines are reported with their number and reason and
   * skipped; the rest replace the catalogue.
   */
  importJsonLines(text: string): ImportResult {
    const rejected: RejectedLine[] = [];
    const guides: GuideRecord[] = [];
    const seen = new Set<string>();
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        rejected.push({ line, reason: `not JSON: ${(error as Error).message}` });
        return;
      }
      const parsed = guideRecordSchema.safeParse(value);
      if (!parsed.success) {
        rejected.push({ line, reason: describe(parsed.error) });
        return;
      }
      if (seen.has(parsed.data.task_code)) {
        rejected.push({ line, reason: `task_code ${parsed.data.task_code} appears twice` });
        return;
      }
      seen.add(parsed.data.task_code);
      guides.push(parsed.data);
    });
    const insert = this.#db.prepare(
      `INSERT INTO guides VALUES (@task_code, @task_name, @task_type, @dept_name, @server_type, @is_service_terminals,
         @plan_effective_date, @plan_cancel_date, @popularity, @record)`,
    );
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM guides').run();
      for (const guide of guides) {
        insert.run({
          task_code: guide.task_code,
          task_name: guide.task_name,
          task_type: guide.task_type,
          dept_name: guide.dept_name,
          server_type: guide.server_type,
          is_service_terminals: guide.is_service_terminals === '1' ? 1 : 0,
          plan_effective_date: guide.plan_effective_date ?? null,
          plan_cancel_date: guide.plan_cancel_date ?? null,
          popularity: guide.popularity ?? 0,
          record: JSON.stringify(guide),
        });
      }
    })();
    return { imported: guides.length, rejected };
  }

  get size(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM guides').get() as { n: number }).n;
  }

  /** Every guide, for the search index. */
  entries(): GuideEntry[] {
    const rows = this.#db
      .prepare('SELECT task_code, task_name, task_type, dept_name, server_type, is_service_terminals, plan_effective_date, plan_cancel_date, popularity FROM guides')
      .all() as Array<{
      task_code: string;
      task_name: string;
      task_type: string;
      dept_name: string;
      server_type: string;
      is_service_terminals: number;
      plan_effective_date: string | null;
      plan_cancel_date: string | null;
      popularity: number;
    }>;
    return rows.map((row) => ({
      taskCode: row.task_code,
      taskName: row.task_name,
      taskType: row.task_type,
      deptName: row.dept_name,
      serverTypes: row.server_type.split(',').map((s) => s.trim()).filter(Boolean),
      kioskCapable: row.is_service_terminals === 1,
      effectiveFrom: row.plan_effective_date,
      cancelledFrom: row.plan_cancel_date,
      popularity: row.popularity,
    }));
  }

  /** The whole guide, for the guide screen. */
  guide(taskCode: string): GuideRecord | null {
    const row = this.#db.prepare('SELECT record FROM guides WHERE task_code = ?').get(taskCode) as { record: string } | undefined;
    return row === undefined ? null : guideRecordSchema.parse(JSON.parse(row.record));
  }

  close(): void {
    this.#db.close();
  }
}
