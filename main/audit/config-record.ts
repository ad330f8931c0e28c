import { sm3 } from 'sm-crypto-v2';
import type { AuditLog } from './audit-log.ts';
import type { AuditRecord } from './audit-record.ts';

/** JSON with every object's keys in sorted order, so that the same config always gives the same text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map((each) => (each === undefined ? 'null' : canonicalJson(each))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, each]) => each !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/** The config as the audit log names it: `sm3:` and SM3 over its canonical JSON (no secret of it is kept). */
export const configFingerprint = (config: unknown): string => `sm3:${sm3(canonicalJson(config))}`;

/**
 * At the host's start: a `config-changed` record when the config differs from the one the last such record names
 * (or there is none yet). Who changed it the kiosk cannot know, so the actor is `unknown`.
 */
export const recordConfigIfChanged = (log: AuditLog, fingerprint: string): AuditRecord | null => {
  const last = log.lastOf('config-changed');
  if (last?.subject === fingerprint) return null;
  return log.append({
    kind: 'config-changed',
    actor: 'unknown',
    subject: fingerprint,
    reason: last === null ? 'the first config this audit log has seen' : `the kiosk last started with ${last.subject}`,
  });
};
