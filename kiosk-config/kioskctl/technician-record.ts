import { existsSync } from 'node:fs';
import os from 'node:os';
import { AuditLog } from '../../main/audit/audit-log.ts';
import type { AuditEntry, AuditRecord } from '../../main/audit/audit-record.ts';
import { systemClock } from '../../main/common/clock.ts';
import { auditLocation } from './audit-location.ts';
import type { CommandInput } from './command.ts';

export type TechnicianRecording = { recorded: AuditRecord | null } | { problem: string };

/**
 * Records what a technician's command is about to do in the terminal's audit log (docs/audit-log.md), before it does
 * it. Nothing is recorded on a machine with no terminal config (a workbench), nor on a terminal whose kiosk has never
 * started (it creates the log); a log that is there but cannot be written is a problem, and the command does nothing.
 */
export const recordTechnicianAction = async (options: CommandInput['options'], entry: Omit<AuditEntry, 'actor'>): Promise<TechnicianRecording> => {
  const location = await auditLocation(options);
  if ('none' in location) return { recorded: null };
  if ('problem' in location) return { problem: `${location.problem}: nothing was done` };
  if (!existsSync(location.file)) return { recorded: null };
  let log: AuditLog;
  try {
    log = new AuditLog(location.file, systemClock);
  } catch (error) {
    return { problem: `${(error as Error).message}: nothing was done` };
  }
  try {
    return { recorded: log.append({ ...entry, actor: 'technician', reason: `${entry.reason} (OS user ${os.userInfo().username})` }) };
  } catch (error) {
    return { problem: (error as Error).message };
  } finally {
    log.close();
  }
};

/** The audit options a recording command takes: which terminal's log (by its config). */
export const TECHNICIAN_AUDIT_OPTIONS = { config: { type: 'string' } } as const;
/** The option's --help line, its text starting at `column` like the command's other lines. */
export const technicianAuditHelp = (column: number): string =>
  `${'--config <file>'.padEnd(column)}the terminal whose audit log records this (default: $KIOSK_CONFIG, else /etc/gov-service-kiosk/terminal.json; none: not recorded)`;
