/**
 * Where a citizen's data could sit in what the host logs, as explicit pino redaction paths (pino matches a `*`
 * at one level only, so each depth is listed): objects that are personal as a whole (a card, a citizen, an
 * applicant, a form's values) and fields that are personal wherever they appear (an ID number, a phone, a pickup
 * code). A bare `name` is not personal (an error's, a device's), so it is censored only inside those objects.
 * Nothing here is the proof: the journey log test (tests/e2e/privacy.spec.ts) reads every line of full journeys.
 */
const PERSONAL_OBJECTS = ['card', 'citizen', 'identity', 'applicant', 'holder', 'recipient', 'form', 'values', 'signature'] as const;
const PERSONAL_FIELDS = [
  'idNumber',
  'applicantIdNumber',
  'englishName',
  'birthDate',
  'address',
  'phone',
  'mobile',
  'contact_mobile',
  'pickupCode',
  'queryPassword',
  'photo',
  'fingerprint',
  'passNumber',
] as const;
const DEPTHS = ['', '*.', '*.*.'] as const;

export const LOG_REDACTION_PATHS: readonly string[] = [...PERSONAL_OBJECTS, ...PERSONAL_FIELDS].flatMap((key) => DEPTHS.map((depth) => `${depth}${key}`));

export const LOG_CENSOR = '[personal data]';
