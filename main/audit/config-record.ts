import { sm3 } from 'sm-crypto-v2';
import type { AuditLog } from './audit-log.ts';
import type { AuditRecord } from './audit-record.ts';
import { canonicalJson } from '../common/canonical-json.ts';

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
