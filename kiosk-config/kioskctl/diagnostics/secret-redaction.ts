/** What stands where a secret was: the field is kept, so the vendor sees it was set. */
export const REDACTED = '[redacted]';

/**
 * Field names that hold a secret, wherever they sit in a config: the enrolment code, keys (the platform key is public,
 * but one rule for every key is one a reviewer can check), passwords and their hashes, tokens, credentials.
 */
const SECRET_FIELD = /enrolment.?code|key|password|passwd|passphrase|secret|token|hash|credential/i;

/** A copy of a JSON value with every secret field's value replaced (at any depth, in arrays too). */
export const withoutSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, SECRET_FIELD.test(field) ? REDACTED : withoutSecrets(inner)]));
};
