import { chmodSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { hashStaffPassword, loadStaffAccounts, MIN_PASSWORD_LENGTH, STAFF_ID, type StaffAccount, StaffAccountsUnusable, staffIdKey } from '../../../main/lockers/staff-accounts.ts';
import type { KioskctlCommand } from '../command.ts';
import { recordTechnicianAction, technicianAuditHelp, TECHNICIAN_AUDIT_OPTIONS } from '../technician-record.ts';

/**
 * `staff add <file> <staff-id>`: adds a staff account to the lockers' staff accounts file, or gives an account a
 * new password (and enables it again). The password is the first line of standard input, never an argument (shells
 * keep those in their history): `read -rs p && printf '%s\n' "$p" | kioskctl staff add staff.json S001`. The file
 * keeps only a salted scrypt hash; it is written whole (a crash leaves the old one) and readable by its owner only.
 * On a terminal the change is recorded in its audit log first; when that cannot be written the file is not changed.
 */
export const staffAdd: KioskctlCommand = {
  words: ['staff', 'add'],
  summary: 'add a locker staff account, or set a new password (read from stdin)',
  arguments: ['<file>', '<staff-id>'],
  options: TECHNICIAN_AUDIT_OPTIONS,
  optionHelp: [technicianAuditHelp(17)],
  async run({ positionals, options, io }) {
    const [file, staffId, ...extra] = positionals;
    if (file === undefined || staffId === undefined || extra.length > 0) {
      io.stderr('staff add takes a file and a staff id');
      return 2;
    }
    if (!STAFF_ID.test(staffId)) {
      io.stderr(`staff id "${staffId}": 1 to 32 letters, digits, dots, dashes or underscores`);
      return 2;
    }
    const password = ((await io.stdin?.()) ?? '').split(/\r?\n/)[0] ?? '';
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      io.stderr(`the password (first line of stdin) needs at least ${MIN_PASSWORD_LENGTH} characters`);
      return 1;
    }
    let accounts: StaffAccount[];
    try {
      accounts = existsSync(file) ? loadStaffAccounts(file) : [];
    } catch (error) {
      io.stderr(error instanceof StaffAccountsUnusable ? error.message : String(error));
      return 1;
    }
    let passwordHash: string;
    try {
      passwordHash = await hashStaffPassword(password);
    } catch (error) {
      io.stderr(`the password (first line of stdin): ${(error as Error).message}`);
      return 1;
    }
    const account: StaffAccount = { staffId, passwordHash, disabled: false };
    const known = accounts.some((existing) => staffIdKey(existing.staffId) === staffIdKey(staffId));
    const recording = await recordTechnicianAction(options, { kind: 'staff-account-set', subject: `account ${staffId} in ${file}`, reason: known ? 'kioskctl staff add: a new password' : 'kioskctl staff add: a new account' });
    if ('problem' in recording) {
      io.stderr(recording.problem);
      return 1;
    }
    const next = known ? accounts.map((existing) => (staffIdKey(existing.staffId) === staffIdKey(staffId) ? account : existing)) : [...accounts, account];
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ accounts: next }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
    io.stdout(`${file}: ${known ? `new password for staff ${staffId}` : `staff ${staffId} added`}`);
    return 0;
  },
};
