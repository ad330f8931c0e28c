import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CatalogueStore, type ImportResult } from '../../../main/catalogue/catalogue-store.ts';
import { GuideSearch } from '../../../main/catalogue/guide-search.ts';
import { ExistingDatabaseUnusable } from '../../../main/storage/existing-database.ts';
import type { CommandIo, KioskctlCommand } from '../command.ts';

/** The catalogue to import into, made when missing; or why it cannot be (one line, exit 1). */
const storeToWrite = (db: string, io: CommandIo): CatalogueStore | null => {
  try {
    return new CatalogueStore(db);
  } catch (error) {
    const directory = path.dirname(db);
    io.stderr(`cannot create the catalogue database ${db}: ${existsSync(directory) ? (error as Error).message : `the directory ${directory} does not exist`}`);
    return null;
  }
};

/** An existing catalogue, opened read-only; or why it cannot be read (one line, exit 1). Never creates one. */
const storeToRead = (db: string, io: CommandIo): CatalogueStore | null => {
  try {
    return new CatalogueStore(db, 'read-existing');
  } catch (error) {
    if (!(error instanceof ExistingDatabaseUnusable)) throw error;
    io.stderr(
      error.problem === 'missing'
        ? `no catalogue database at ${db} (${error.message}; kioskctl catalogue import <file.jsonl> --db ${db} makes one)`
        : error.problem === 'older-schema'
          ? `${db} is an older catalogue (${error.message}): import into it once with kioskctl catalogue import`
          : error.problem === 'newer-schema'
            ? `${db}: ${error.message}`
            : `${db} is not a catalogue database: ${error.message}`,
    );
    return null;
  }
};

const needDb = (options: Record<string, string | boolean | undefined>) => (typeof options['db'] === 'string' && options['db'] !== '' ? options['db'] : null);

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** The last lines of an import: what it took, what it skipped, and the values it dropped, by field (most first). */
const importSummary = (result: ImportResult): string => {
  const head = `imported ${result.guides} guides and ${result.bundles} bundles, skipped ${plural(result.rejected.length, 'line')}`;
  const fields = Object.entries(result.warnings).sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
  if (fields.length === 0) return head;
  const dropped = fields.reduce((sum, [, warning]) => sum + warning.count, 0);
  const nameWidth = Math.max(...fields.map(([field]) => field.length));
  const countWidth = Math.max(...fields.map(([, warning]) => String(warning.count).length));
  return [
    `${head}, dropped ${plural(dropped, 'value')} not understood:`,
    ...fields.map(([field, { count, firstLine, example }]) => `  ${field.padEnd(nameWidth)}  ${String(count).padStart(countWidth)}  (first at line ${firstLine}: ${example})`),
  ].join('\n');
};

/**
 * `catalogue import <file.jsonl> --db <path>`: lines that cannot be used reported with their number and skipped;
 * values not understood in optional fields dropped from the guides kept, and counted by field.
 */
export const catalogueImport: KioskctlCommand = {
  words: ['catalogue', 'import'],
  summary: 'import service guides (JSON Lines, national field names) into a catalogue database',
  arguments: ['<file.jsonl>'],
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: ['--db <path>   the catalogue database (created when missing)', '--json        print {imported, bundles, skipped, rejected, warnings}'],
  async run({ positionals, options, io }) {
    const [file, ...extra] = positionals;
    const db = needDb(options);
    if (file === undefined || extra.length > 0 || db === null) {
      io.stderr('catalogue import takes one file and --db <path>');
      return 2;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.stderr(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return 1;
    }
    const store = storeToWrite(db, io);
    if (store === null) return 1;
    try {
      const result = store.importJsonLines(text);
      for (const { line, reason } of result.rejected) io.stderr(`${file}:${line}: ${reason}`);
      const summary = { imported: result.guides, bundles: result.bundles, skipped: result.rejected.length, rejected: result.rejected, warnings: result.warnings };
      io.stdout(options['json'] === true ? JSON.stringify(summary) : importSummary(result));
      return result.guides + result.bundles > 0 || result.rejected.length === 0 ? 0 : 1;
    } finally {
      store.close();
    }
  },
};

/** `catalogue search <query> --db <path> [--limit <n>] --json`: best first. */
export const catalogueSearch: KioskctlCommand = {
  words: ['catalogue', 'search'],
  summary: 'search a catalogue database as the kiosk does (Chinese, pinyin, initials, short forms)',
  arguments: ['<query>'],
  options: { db: { type: 'string' }, limit: { type: 'string', default: '10' }, json: { type: 'boolean' } },
  optionHelp: ['--db <path>   the catalogue database', '--limit <n>   at most n guides (default 10)', '--json        print an array of guides'],
  async run({ positionals, options, io }) {
    const [query, ...extra] = positionals;
    const db = needDb(options);
    const limit = Number(options['limit']);
    if (query === undefined || extra.length > 0 || db === null) {
      io.stderr('catalogue search takes one query and --db <path>');
      return 2;
    }
    if (!Number.isInteger(limit) || limit < 1) {
      io.stderr(`--limit must be a whole number ≥ 1, not "${String(options['limit'])}"`);
      return 2;
    }
    const store = storeToRead(db, io);
    if (store === null) return 1;
    try {
      const hits = new GuideSearch(store.entries()).search(query, { limit }).map(({ guide, match }) => ({
        task_code: guide.taskCode,
        task_name: guide.taskName,
        dept_name: guide.deptName,
        task_type: guide.taskType,
        is_service_terminals: guide.kioskCapable ? '1' : '0',
        match,
      }));
      if (options['json'] === true) io.stdout(JSON.stringify(hits));
      else for (const hit of hits) io.stdout(`${hit.task_name}  ${hit.dept_name}  ${hit.task_code}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
