import { AuditFile, AuditFileUnusable } from '../../../main/audit/audit-file.ts';
import type { CommandInput, CommandIo, KioskctlCommand } from '../command.ts';
import { AUDIT_LOCATION_HELP, AUDIT_LOCATION_OPTIONS, auditLocation } from '../audit-location.ts';
import { wholeNumber } from '../option-values.ts';

/** Runs `read` on the audit log the options name; a missing, corrupt or unnamed log is one line on stderr, exit 1. */
const withAuditFile = async (input: CommandInput, command: string, read: (audit: AuditFile, file: string, io: CommandIo) => number): Promise<number> => {
  const { options, positionals, io } = input;
  if (positionals.length > 0) {
    io.stderr(`${command} takes no arguments (the log is named by --db or --config)`);
    return 2;
  }
  const location = await auditLocation(options);
  if (!('file' in location)) {
    io.stderr('none' in location ? location.none : location.problem);
    return 1;
  }
  try {
    return AuditFile.read(location.file, (audit) => read(audit, location.file, io));
  } catch (error) {
    if (!(error instanceof AuditFileUnusable)) throw error;
    io.stderr(error.message);
    return 1;
  }
};

/**
 * `audit verify [--db <path> | --config <file>] [--json]` → {ok, records, head: {seq, hash}, firstProblem?: {seq,
 * problem, detail}}, printed whatever the outcome; exit 0 only when the chain is intact. The head is what the fleet
 * compares with the one it was last told, which is how records cut off the end show.
 */
export const auditVerify: KioskctlCommand = {
  words: ['audit', 'verify'],
  summary: 'check the audit log’s hash chain: the first edited, removed, inserted or reordered record, and the head',
  arguments: [],
  options: { ...AUDIT_LOCATION_OPTIONS, json: { type: 'boolean' } },
  optionHelp: [...AUDIT_LOCATION_HELP, '--json           print {ok, records, head: {seq, hash}, firstProblem?: {seq, problem, detail}}'],
  run: (input) =>
    withAuditFile(input, 'audit verify', (audit, file, io) => {
      const verification = audit.verify();
      const { records, head, firstProblem } = verification;
      if (input.options['json'] === true) io.stdout(JSON.stringify(verification));
      if (firstProblem !== undefined) {
        io.stderr(`${file}: record ${firstProblem.seq} ${firstProblem.problem}: ${firstProblem.detail}`);
        return 1;
      }
      if (input.options['json'] !== true) io.stdout(`${file}: intact, ${records} records, head ${head.seq} ${head.hash}`);
      return 0;
    }),
};

/** `audit head [--json]` → {seq, hash} of the last record as stored (not checked: `audit verify` checks). */
export const auditHead: KioskctlCommand = {
  words: ['audit', 'head'],
  summary: 'print the audit log’s head: the last record’s number and hash',
  arguments: [],
  options: { ...AUDIT_LOCATION_OPTIONS, json: { type: 'boolean' } },
  optionHelp: [...AUDIT_LOCATION_HELP, '--json           print {seq, hash}'],
  run: (input) =>
    withAuditFile(input, 'audit head', (audit, _file, io) => {
      const head = audit.head();
      io.stdout(input.options['json'] === true ? JSON.stringify(head) : `${head.seq} ${head.hash}`);
      return 0;
    }),
};

/** `audit list [--limit <n>] [--json]`: the last records, oldest first; with --json one record per line. */
export const auditList: KioskctlCommand = {
  words: ['audit', 'list'],
  summary: 'print the audit log’s last records (not checked: `audit verify` checks)',
  arguments: [],
  options: { ...AUDIT_LOCATION_OPTIONS, limit: { type: 'string', default: '50' }, json: { type: 'boolean' } },
  optionHelp: [...AUDIT_LOCATION_HELP, '--limit <n>      the last n records (default 50)', '--json           one JSON record per line'],
  async run(input) {
    const limit = wholeNumber(input.options['limit']);
    if (limit === null || limit < 1) {
      input.io.stderr(`--limit must be a whole number ≥ 1, not "${String(input.options['limit'])}"`);
      return 2;
    }
    return withAuditFile(input, 'audit list', (audit, _file, io) => {
      for (const record of audit.latest(limit)) {
        io.stdout(input.options['json'] === true ? JSON.stringify(record) : `${record.seq}  ${record.at}  ${record.kind}  ${record.actor}  ${record.subject}  — ${record.reason}`);
      }
      return 0;
    });
  },
};
