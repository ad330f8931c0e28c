import type Database from 'better-sqlite3';
import path from 'node:path';
import { openExistingDatabase } from '../storage/existing-database.ts';
import { openDatabase, type Migration } from '../storage/open-database.ts';
import { bundleInScope, guideInScope, serverTypesOf, type CatalogueScope } from './catalogue-scope.ts';
import { parseExchangeLines, type ExchangeRecord, type FieldWarnings, type RejectedLine } from './exchange-format.ts';
import { guideRecordSchema, type BundleRecord, type GuideRecord, type MaterialRecord } from './guide-record.ts';
import { guideCount, heldCatalogueVersion } from './catalogue-summary.ts';

export type { FieldWarnings, RejectedLine } from './exchange-format.ts';

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
  // 2: materials as child rows (moved out of the stored record), themes for browsing, 一件事 bundles.
  `ALTER TABLE guides ADD COLUMN user_topic_type TEXT;
   ALTER TABLE guides ADD COLUMN corp_topic_type TEXT;
   UPDATE guides SET user_topic_type = json_extract(record, '$.user_topic_type'), corp_topic_type = json_extract(record, '$.corp_topic_type');
   CREATE TABLE materials (
     task_code TEXT NOT NULL REFERENCES guides (task_code) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     material_name TEXT NOT NULL,
     order_num INTEGER,
     is_need TEXT NOT NULL,
     is_promise INTEGER NOT NULL,
     material_form TEXT,
     page_num INTEGER,
     source_type TEXT,
     form_guid TEXT,
     example_guid TEXT,
     PRIMARY KEY (task_code, position)
   );
   INSERT INTO materials
     SELECT g.task_code, m.key, json_extract(m.value, '$.material_name'), json_extract(m.value, '$.order_num'),
            json_extract(m.value, '$.is_need'), coalesce(json_extract(m.value, '$.is_promise'), '0') = '1',
            json_extract(m.value, '$.material_form'), json_extract(m.value, '$.page_num'), json_extract(m.value, '$.source_type'),
            json_extract(m.value, '$.form_guid'), json_extract(m.value, '$.example_guid')
     FROM guides g, json_each(g.record, '$.materials') m;
   UPDATE guides SET record = json_remove(record, '$.materials');
   CREATE TABLE bundles (
     bundle_code TEXT PRIMARY KEY,
     bundle_name TEXT NOT NULL,
     server_type TEXT NOT NULL,
     popularity REAL NOT NULL DEFAULT 0,
     record TEXT NOT NULL
   );
   CREATE TABLE bundle_items (
     bundle_code TEXT NOT NULL REFERENCES bundles (bundle_code) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     task_code TEXT NOT NULL,
     PRIMARY KEY (bundle_code, position)
   );`,
  // 3: which 电子证照 stands for a material, and which material is the application form itself. The held version
  // is forgotten, so the next sync brings a whole snapshot with these fields filled in.
  `ALTER TABLE materials ADD COLUMN license_code TEXT;
   ALTER TABLE materials ADD COLUMN is_form INTEGER NOT NULL DEFAULT 0;
   DELETE FROM catalogue_meta WHERE key = 'version';`,
];

/** What an import or a sync did. */
export interface ApplyResult {
  /** Guides and bundles written (new or changed). */
  guides: number;
  bundles: number;
  /** Guides and bundles taken away (removed by a delta, or no longer in this terminal's scope). */
  removed: number;
  /** Records left out because they are not for this terminal (another region, audience, or not in use). */
  outOfScope: number;
}

export interface ImportResult extends ApplyResult {
  /** Lines skipped, with why. */
  rejected: RejectedLine[];
  /** Values dropped from guides that were kept, by field. */
  warnings: FieldWarnings;
}

/** What search, browse and the guide screen need of a guide, kept in memory. */
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
  /** 面向自然人 / 法人 主题分类, for browsing by theme. */
  userTopics: string[];
  corpTopics: string[];
}

/** A 一件事 bundle with its members in order. */
export interface BundleEntry {
  bundleCode: string;
  bundleName: string;
  description: string | null;
  serverTypes: string[];
  taskCodes: string[];
  popularity: number;
}

/** A delta was made against another version than the one this terminal holds. */
export class CatalogueVersionMismatch extends Error {
  constructor(held: number | null, base: number) {
    super(`the delta is based on version ${base}, this catalogue holds ${held === null ? 'no version' : `version ${held}`}`);
    this.name = 'CatalogueVersionMismatch';
  }
}

const topics = (value: string | null): string[] =>
  value === null
    ? []
    : value
        .split(/[,，、]/)
        .map((topic) => topic.trim())
        .filter(Boolean);

interface GuideRow {
  task_code: string;
  task_name: string;
  task_type: string;
  dept_name: string;
  server_type: string;
  is_service_terminals: number;
  plan_effective_date: string | null;
  plan_cancel_date: string | null;
  popularity: number;
  user_topic_type: string | null;
  corp_topic_type: string | null;
}

interface MaterialRow {
  material_name: string;
  order_num: number | null;
  is_need: string;
  is_promise: number;
  material_form: string | null;
  page_num: number | null;
  source_type: string | null;
  form_guid: string | null;
  example_guid: string | null;
  license_code: string | null;
  is_form: number;
}

/**
 * The terminal's catalogue of service guides in SQLite (main/storage), keyed by 实施编码, with materials as child
 * rows and 一件事 bundles. Every change — a full replacement or a delta — is one transaction, and the version it
 * brings is written in the same transaction: whatever stops the process, the catalogue on disk is one version,
 * whole.
 */
/** The catalogue's file in a terminal's data dir. */
export const catalogueFileIn = (dataDir: string): string => path.join(dataDir, 'catalogue.sqlite');

export class CatalogueStore {
  readonly #db: Database.Database;
  readonly #statements: ReturnType<typeof prepare>;

  /**
   * `create`: the terminal's own catalogue, made when missing and migrated; `read-existing`: a catalogue that must
   * already be there with this build's schema, opened read-only (kioskctl's search: reading never creates one).
   */
  constructor(file: string, opening: 'create' | 'read-existing' = 'create') {
    this.#db = opening === 'create' ? openDatabase(file, MIGRATIONS) : openExistingDatabase(file, MIGRATIONS);
    this.#statements = prepare(this.#db);
  }

  /** The platform's catalogue version this terminal holds; null when it has none (never synced, or imported by hand). */
  get version(): number | null {
    return heldCatalogueVersion(this.#db);
  }

  /**
   * Reads JSON Lines and replaces the catalogue with the valid records; malformed lines are reported and left out,
   * values not understood in optional fields dropped and counted.
   */
  importJsonLines(text: string, options: { scope?: CatalogueScope; version?: number } = {}): ImportResult {
    const { records, rejected, warnings } = parseExchangeLines(text, { deletionsAllowed: false });
    return { ...this.replaceAll(records, options), rejected, warnings };
  }

  /** Replaces the whole catalogue (a snapshot), in one transaction. */
  replaceAll(records: readonly ExchangeRecord[], options: { scope?: CatalogueScope; version?: number } = {}): ApplyResult {
    const result: ApplyResult = { guides: 0, bundles: 0, removed: 0, outOfScope: 0 };
    this.#db.transaction(() => {
      const held = this.#heldKeys();
      this.#db.exec('DELETE FROM bundle_items; DELETE FROM bundles; DELETE FROM materials; DELETE FROM guides;');
      for (const record of records) this.#apply(record, options.scope, result, false);
      const kept = this.#heldKeys();
      result.removed = [...held].filter((key) => !kept.has(key)).length;
      this.#setVersion(options.version ?? null);
    })();
    return result;
  }

  /** Applies a delta made against `fromVersion`, in one transaction; throws CatalogueVersionMismatch otherwise. */
  applyChanges(records: readonly ExchangeRecord[], options: { scope?: CatalogueScope; fromVersion: number; toVersion: number }): ApplyResult {
    const result: ApplyResult = { guides: 0, bundles: 0, removed: 0, outOfScope: 0 };
    this.#db.transaction(() => {
      const held = this.version;
      if (held !== options.fromVersion) throw new CatalogueVersionMismatch(held, options.fromVersion);
      for (const record of records) this.#apply(record, options.scope, result, true);
      this.#setVersion(options.toVersion);
    })();
    return result;
  }

  #heldKeys(): Set<string> {
    const rows = this.#db.prepare("SELECT 'g' || task_code AS key FROM guides UNION ALL SELECT 'b' || bundle_code FROM bundles").pluck().all() as string[];
    return new Set(rows);
  }

  #apply(record: ExchangeRecord, scope: CatalogueScope | undefined, result: ApplyResult, replacing: boolean): void {
    const s = this.#statements;
    switch (record.type) {
      case 'guide': {
        const { guide } = record;
        const existed = replacing && s.deleteGuide.run(guide.task_code).changes > 0;
        if (scope !== undefined && !guideInScope(guide, scope)) {
          result.outOfScope += 1;
          if (existed) result.removed += 1;
          return;
        }
        writeGuide(s, guide);
        result.guides += 1;
        return;
      }
      case 'bundle': {
        const { bundle } = record;
        const existed = replacing && s.deleteBundle.run(bundle.bundle_code).changes > 0;
        if (scope !== undefined && !bundleInScope(bundle, scope)) {
          result.outOfScope += 1;
          if (existed) result.removed += 1;
          return;
        }
        writeBundle(s, bundle);
        result.bundles += 1;
        return;
      }
      case 'remove-guide':
        result.removed += s.deleteGuide.run(record.taskCode).changes;
        return;
      case 'remove-bundle':
        result.removed += s.deleteBundle.run(record.bundleCode).changes;
        return;
    }
  }

  /** When the terminal last heard from the platform that this catalogue is current (ms since the epoch); null: never. */
  get syncedAt(): number | null {
    const row = this.#db.prepare("SELECT value FROM catalogue_meta WHERE key = 'synced_at'").get() as { value: string } | undefined;
    return row === undefined ? null : Number(row.value);
  }

  /** A sync ended well (new data or up to date): the catalogue's age counts from now. */
  markSynced(at: number): void {
    this.#db.prepare("INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES ('synced_at', ?)").run(String(at));
  }

  #setVersion(version: number | null): void {
    if (version === null) this.#db.prepare("DELETE FROM catalogue_meta WHERE key = 'version'").run();
    else this.#db.prepare("INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES ('version', ?)").run(String(version));
  }

  get size(): number {
    return guideCount(this.#db);
  }

  /** Every guide, for the search index and browsing. */
  entries(): GuideEntry[] {
    const rows = this.#db
      .prepare(
        `SELECT task_code, task_name, task_type, dept_name, server_type, is_service_terminals, plan_effective_date, plan_cancel_date,
                popularity, user_topic_type, corp_topic_type FROM guides`,
      )
      .all() as GuideRow[];
    return rows.map((row) => ({
      taskCode: row.task_code,
      taskName: row.task_name,
      taskType: row.task_type,
      deptName: row.dept_name,
      serverTypes: serverTypesOf(row.server_type),
      kioskCapable: row.is_service_terminals === 1,
      effectiveFrom: row.plan_effective_date,
      cancelledFrom: row.plan_cancel_date,
      popularity: row.popularity,
      userTopics: topics(row.user_topic_type),
      corpTopics: topics(row.corp_topic_type),
    }));
  }

  /** Every bundle with its members in order. */
  bundles(): BundleEntry[] {
    const rows = this.#db.prepare('SELECT bundle_code, record FROM bundles').all() as Array<{ bundle_code: string; record: string }>;
    return rows.map((row) => {
      const record = JSON.parse(row.record) as BundleRecord;
      return {
        bundleCode: record.bundle_code,
        bundleName: record.bundle_name,
        description: record.bundle_desc ?? null,
        serverTypes: serverTypesOf(record.server_type),
        taskCodes: record.task_codes,
        popularity: record.popularity ?? 0,
      };
    });
  }

  /** The whole guide, materials in order, for the guide screen. */
  guide(taskCode: string): GuideRecord | null {
    const row = this.#statements.guideRecord.get(taskCode) as { record: string } | undefined;
    if (row === undefined) return null;
    const materials = (this.#statements.materialsOf.all(taskCode) as MaterialRow[]).map(materialOfRow);
    return guideRecordSchema.parse({ ...(JSON.parse(row.record) as object), materials });
  }

  close(): void {
    this.#db.close();
  }
}

const prepare = (db: Database.Database) => ({
  insertGuide: db.prepare(
    `INSERT INTO guides (task_code, task_name, task_type, dept_name, server_type, is_service_terminals, plan_effective_date, plan_cancel_date,
                         popularity, record, user_topic_type, corp_topic_type)
     VALUES (@task_code, @task_name, @task_type, @dept_name, @server_type, @is_service_terminals, @plan_effective_date, @plan_cancel_date,
             @popularity, @record, @user_topic_type, @corp_topic_type)`,
  ),
  insertMaterial: db.prepare(
    `INSERT INTO materials (task_code, position, material_name, order_num, is_need, is_promise, material_form, page_num, source_type, form_guid,
                            example_guid, license_code, is_form)
     VALUES (@task_code, @position, @material_name, @order_num, @is_need, @is_promise, @material_form, @page_num, @source_type, @form_guid,
             @example_guid, @license_code, @is_form)`,
  ),
  deleteGuide: db.prepare('DELETE FROM guides WHERE task_code = ?'),
  insertBundle: db.prepare('INSERT INTO bundles VALUES (@bundle_code, @bundle_name, @server_type, @popularity, @record)'),
  insertBundleItem: db.prepare('INSERT INTO bundle_items VALUES (?, ?, ?)'),
  deleteBundle: db.prepare('DELETE FROM bundles WHERE bundle_code = ?'),
  guideRecord: db.prepare('SELECT record FROM guides WHERE task_code = ?'),
  materialsOf: db.prepare('SELECT * FROM materials WHERE task_code = ? ORDER BY position'),
});

const writeGuide = (s: ReturnType<typeof prepare>, guide: GuideRecord) => {
  const { materials, ...rest } = guide;
  s.insertGuide.run({
    task_code: guide.task_code,
    task_name: guide.task_name,
    task_type: guide.task_type,
    dept_name: guide.dept_name,
    server_type: guide.server_type,
    is_service_terminals: guide.is_service_terminals === '1' ? 1 : 0,
    plan_effective_date: guide.plan_effective_date ?? null,
    plan_cancel_date: guide.plan_cancel_date ?? null,
    popularity: guide.popularity ?? 0,
    record: JSON.stringify(rest),
    user_topic_type: guide.user_topic_type ?? null,
    corp_topic_type: guide.corp_topic_type ?? null,
  });
  materials.forEach((material, position) => {
    s.insertMaterial.run({
      task_code: guide.task_code,
      position,
      material_name: material.material_name,
      order_num: material.order_num ?? null,
      is_need: material.is_need,
      is_promise: material.is_promise === '1' ? 1 : 0,
      material_form: material.material_form ?? null,
      page_num: material.page_num ?? null,
      source_type: material.source_type ?? null,
      form_guid: material.form_guid ?? null,
      example_guid: material.example_guid ?? null,
      license_code: material.license_code ?? null,
      is_form: material.is_form === '1' ? 1 : 0,
    });
  });
};

const writeBundle = (s: ReturnType<typeof prepare>, bundle: BundleRecord) => {
  s.insertBundle.run({
    bundle_code: bundle.bundle_code,
    bundle_name: bundle.bundle_name,
    server_type: bundle.server_type,
    popularity: bundle.popularity ?? 0,
    record: JSON.stringify(bundle),
  });
  bundle.task_codes.forEach((taskCode, position) => s.insertBundleItem.run(bundle.bundle_code, position, taskCode));
};

const materialOfRow = (row: MaterialRow): MaterialRecord => {
  const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as Record<K, V>));
  return {
    material_name: row.material_name,
    is_need: row.is_need as MaterialRecord['is_need'],
    ...optional('order_num', row.order_num),
    ...optional('material_form', row.material_form as MaterialRecord['material_form'] | null),
    ...optional('page_num', row.page_num),
    ...optional('source_type', row.source_type as MaterialRecord['source_type'] | null),
    ...optional('form_guid', row.form_guid),
    ...optional('example_guid', row.example_guid),
    ...optional('license_code', row.license_code),
    ...(row.is_promise === 1 ? { is_promise: '1' as const } : {}),
    ...(row.is_form === 1 ? { is_form: '1' as const } : {}),
  };
};
