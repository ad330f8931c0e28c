import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AuditFile, AuditFileUnusable } from '../../../main/audit/audit-file.ts';
import { auditFileIn } from '../../../main/audit/audit-log.ts';
import { catalogueFileIn } from '../../../main/catalogue/catalogue-store.ts';
import { catalogueSummary } from '../../../main/catalogue/catalogue-summary.ts';
import { outboxSummary } from '../../../main/cases/outbox-summary.ts';
import { outboxFileIn } from '../../../main/cases/outbox.ts';
import type { TerminalConfig } from '../../../main/config/terminal-config.ts';
import { readDatabase } from '../../../main/storage/database-for-reading.ts';
import { checkDevices } from '../self-test/device-checks.ts';
import { lastSelfTest, lastSelfTestFileIn } from '../self-test/self-test-result.ts';
import type { BundleFile, LeftOut } from './diagnostics-bundle.ts';
import { HOST_UNIT, hostJournal } from './host-journal.ts';
import { withoutSecrets } from './secret-redaction.ts';
import { versions } from './versions.ts';

/** The bundle's parts, gathered so far: each part adds files, or says what it left out. */
interface Parts {
  files: BundleFile[];
  leftOut: LeftOut[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The config as written, every secret field's value replaced; staff accounts (password hashes) are never read. */
export const addConfig = async (parts: Parts, file: string, problem: string | null): Promise<void> => {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === undefined ? `it is not JSON (${(error as Error).message})` : `it cannot be read (${code})`;
    parts.leftOut.push({ what: `the terminal config ${file}`, why });
    return;
  }
  const about = `the terminal config ${file} as written, secrets replaced by [redacted] (enrolment code, keys, passwords, tokens)${problem === null ? '' : `; it is unusable: ${problem}`}`;
  parts.files.push({ name: 'config/terminal.json', about, content: json(withoutSecrets(value)) });
  parts.leftOut.push({ what: 'the staff accounts file', why: 'it holds password hashes' });
};

export const addVersions = async (parts: Parts): Promise<void> => {
  parts.files.push({ name: 'versions.json', about: 'app, Node, Chromium, kernel and OS versions', content: json(await versions()) });
};

/**
 * The host's log: on a terminal journald keeps it (the unit's stderr: JSON lines, personal fields redacted as the host
 * writes them, docs/security.md); and any log file the technician names.
 */
export const addLogs = async (parts: Parts, journalLines: number, logFiles: readonly string[]): Promise<void> => {
  const journal = await hostJournal(journalLines);
  if ('text' in journal) parts.files.push({ name: `logs/journal-${HOST_UNIT}.txt`, about: `journalctl -u ${HOST_UNIT} -n ${journalLines}: the host's last log lines`, content: journal.text });
  else parts.leftOut.push({ what: `the ${HOST_UNIT} journal`, why: journal.missing });
  for (const [index, file] of logFiles.entries()) {
    try {
      parts.files.push({ name: `logs/${index + 1}-${path.basename(file)}`, about: `the log file ${file}, as it is`, content: await readFile(file, 'utf8') });
    } catch (error) {
      parts.leftOut.push({ what: `the log file ${file}`, why: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    }
  }
};

/** Every device asked how it is now, as the self-test asks — only where the kiosk host does not hold the ports. */
export const addDevices = async (parts: Parts, config: TerminalConfig): Promise<void> => {
  const checked = await checkDevices(config.devices);
  if ('busy' in checked) {
    parts.leftOut.push({ what: 'the devices as they are now', why: `not asked: ${checked.busy}; the journal's "device health" lines say how they were` });
    return;
  }
  await checked.stop();
  parts.files.push({ name: 'devices.json', about: 'every configured device asked how it is now (as kioskctl self-test asks: nothing printed, unlocked or moved)', content: json(checked.checks) });
};

const addSummary = (parts: Parts, name: string, about: string, file: string, summarise: (file: string) => unknown): void => {
  if (!existsSync(file)) {
    parts.leftOut.push({ what: about, why: `there is no ${file}` });
    return;
  }
  try {
    parts.files.push({ name, about, content: json(summarise(file)) });
  } catch (error) {
    parts.leftOut.push({ what: about, why: `${file} cannot be read: ${(error as Error).message}` });
  }
};

/** Counts, states, the oldest waiting and the catalogue's version: never a payload, a reference or a form. */
export const addStoreSummaries = (parts: Parts, config: TerminalConfig): void => {
  addSummary(parts, 'outbox.json', 'the outbox: entries by state and kind, since when the oldest undecided one waits (no payload, reference or error text)', outboxFileIn(config.dataDir), (file) => readDatabase(file, outboxSummary));
  addSummary(parts, 'catalogue.json', 'the catalogue: its platform version, guides and bundles', catalogueFileIn(config.dataDir), (file) => readDatabase(file, catalogueSummary));
  const audit = auditFileIn(config.dataDir);
  addSummary(parts, 'audit.json', 'the audit log: its head (last record number and hash) and what kioskctl audit verify says', audit, (file) => {
    try {
      return AuditFile.read(file, (log) => ({ head: log.head(), verify: log.verify() }));
    } catch (error) {
      if (error instanceof AuditFileUnusable) return { problem: error.message };
      throw error;
    }
  });
};

export const addLastSelfTest = async (parts: Parts, config: TerminalConfig): Promise<void> => {
  const last = await lastSelfTest(config.dataDir);
  if (last === null) parts.leftOut.push({ what: 'the last self-test', why: `none was run here (no ${lastSelfTestFileIn(config.dataDir)}): run kioskctl self-test first` });
  else parts.files.push({ name: 'last-self-test.json', about: 'the last kioskctl self-test’s result, as it was kept', content: last });
};
