import path from 'node:path';
import { checkProfileFile } from '../../../main/config/profile-check.ts';
import { loadStaffAccounts } from '../../../main/lockers/staff-accounts.ts';
import { readTerminalConfig, type ConfigReading } from '../../../main/config/terminal-config-file.ts';
import { staffSettingsOf } from '../../../main/config/staff-config.ts';
import type { KioskctlCommand } from '../command.ts';

/** `config validate <file>`: one line per problem (JSON path and why), exit 1; or a short confirmation, exit 0. */
export const configValidate: KioskctlCommand = {
  words: ['config', 'validate'],
  summary: 'check a terminal config file (with the profile it extends), or a profile, against the schema',
  arguments: ['<file>'],
  options: { json: { type: 'boolean' } },
  optionHelp: ['--json  print {valid, terminalId} or {valid, problems} as one JSON value'],
  async run({ positionals, options, io }) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      io.stderr('config validate takes exactly one file');
      return 2;
    }
    // A file in a profiles/ directory is a profile (kiosk-config/profiles): checked for what it sets.
    if (path.basename(path.dirname(path.resolve(file))) === 'profiles') {
      const checked = await checkProfileFile(file);
      if (options['json'] === true) io.stdout(JSON.stringify(checked.ok ? { valid: true, profile: true } : { valid: false, profile: true, problems: checked.problems }));
      for (const problem of checked.problems) io.stderr(`${problem.path}: ${problem.message}`);
      if (checked.ok && options['json'] !== true) io.stdout(`${file}: valid (a profile)`);
      return checked.ok ? 0 : 1;
    }
    const reading = withStaffAccounts(await readTerminalConfig(file));
    if (options['json'] === true) {
      io.stdout(JSON.stringify(reading.ok ? { valid: true, terminalId: reading.config.terminalId } : { valid: false, problems: reading.problems }));
    }
    if (!reading.ok) {
      for (const problem of reading.problems) io.stderr(`${problem.path}: ${problem.message}`);
      return 1;
    }
    if (options['json'] !== true) io.stdout(`${file}: valid (terminal ${reading.config.terminalId})`);
    return 0;
  },
};

/** A valid config whose staff accounts file is missing or broken is not valid: nobody could sign in. */
const withStaffAccounts = (reading: ConfigReading): ConfigReading => {
  if (!reading.ok) return reading;
  const staff = staffSettingsOf(reading.config);
  if (staff === null) return reading;
  try {
    loadStaffAccounts(staff.accounts);
    return reading;
  } catch (error) {
    const where = reading.config.staff === undefined ? '$.lockers.staffAccounts' : '$.staff.accounts';
    return { ok: false, problems: [{ path: where, message: (error as Error).message }] };
  }
};
