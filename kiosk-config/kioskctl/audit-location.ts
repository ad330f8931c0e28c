import { existsSync } from 'node:fs';
import { auditFileIn } from '../../main/audit/audit-log.ts';
import { defaultConfigFile } from '../../main/config/default-config-file.ts';
import { describeConfigProblems, readTerminalConfig } from '../../main/config/terminal-config-file.ts';
import type { CommandInput } from './command.ts';

/**
 * Which audit log a command means: `--db <path>`; else the one in the data dir of the terminal config named by
 * `--config <file>`; else that of the terminal this runs on (`$KIOSK_CONFIG`, else /etc/gov-service-kiosk/terminal.json).
 * `none` when there is no terminal config here at all (a workbench); `problem` when the config named cannot be read.
 */
export type AuditLocation = { file: string } | { none: string } | { problem: string };

export const AUDIT_LOCATION_OPTIONS = { db: { type: 'string' }, config: { type: 'string' } } as const;
export const AUDIT_LOCATION_HELP = [
  '--db <path>      the audit log file',
  '--config <file>  the terminal config whose data dir holds it (default: $KIOSK_CONFIG, else /etc/gov-service-kiosk/terminal.json)',
];

export const auditLocation = async (options: CommandInput['options']): Promise<AuditLocation> => {
  const db = options['db'];
  if (typeof db === 'string' && db !== '') return { file: db };
  const named = options['config'];
  const config = typeof named === 'string' && named !== '' ? named : defaultConfigFile();
  if (named === undefined && !existsSync(config)) return { none: `no terminal config at ${config}: give --db <path> or --config <file>` };
  const reading = await readTerminalConfig(config);
  if (!reading.ok) return { problem: `the terminal config is unusable: ${describeConfigProblems(config, reading.problems)[0] ?? config}` };
  return { file: auditFileIn(reading.config.dataDir) };
};
