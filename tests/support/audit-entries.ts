import type { AuditEntry } from '../../main/audit/audit-record.ts';

/** A short day at a locker terminal, as audit entries: a config, a failed and a good staff sign-in, a deposit, a pickup. */
export const SAMPLE_AUDIT_ENTRIES: readonly AuditEntry[] = [
  { kind: 'config-changed', actor: 'unknown', subject: 'sm3:ab', reason: 'the first config this audit log has seen' },
  { kind: 'staff-sign-in-failed', actor: 'staff:S001', subject: 'account S001', reason: 'wrong password' },
  { kind: 'staff-signed-in', actor: 'staff:S001', subject: 'account S001', reason: 'maintenance mode' },
  { kind: 'door-opening', actor: 'staff:S001', subject: 'door lockers/1/3 (A柜 3)', reason: 'deposit' },
  { kind: 'door-opening', actor: 'citizen', subject: 'door lockers/1/3 (A柜 3)', reason: 'pickup' },
];
