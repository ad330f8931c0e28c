import type { GuideRecord } from '../catalogue/guide-record.ts';

/**
 * The application form of a case: the fields of its guide (or, for a 一件事 bundle, the fields of all its items
 * merged into one form: a field asked by several items is asked once, and is required when any item requires
 * it), filled in from the ID card where the guide says so (免填), each value checked by its type.
 */
export type FieldType = 'text' | 'textarea' | 'phone' | 'id-number' | 'date' | 'number' | 'select';
export type Prefill = 'applicant-name' | 'applicant-id-number' | 'applicant-address';

export interface FormField {
  code: string;
  label: string;
  type: FieldType;
  required: boolean;
  maxLength: number;
  options: string[] | null;
  prefill: Prefill | null;
}

/** Why a value is not accepted; the screen says it in the citizen's language. */
export type FieldProblem = 'required' | 'too-long' | 'not-a-phone-number' | 'not-an-id-number' | 'not-a-date' | 'not-a-number' | 'not-an-option';

const DEFAULT_MAX: Record<FieldType, number> = { text: 100, textarea: 500, phone: 20, 'id-number': 18, date: 10, number: 20, select: 100 };

/** Every guide needs at least who applies and how to reach them, when its publisher gave no form. */
const FALLBACK_FORM: readonly NonNullable<GuideRecord['apply_form']>[number][] = [
  { field_code: 'applicant_name', field_name: '申请人姓名', field_type: 'text', is_required: '1', prefill: 'applicant-name' },
  { field_code: 'applicant_id_number', field_name: '身份证号码', field_type: 'id-number', is_required: '1', prefill: 'applicant-id-number' },
  { field_code: 'contact_mobile', field_name: '联系电话', field_type: 'phone', is_required: '1' },
];

export const mergeForms = (guides: readonly GuideRecord[]): FormField[] => {
  const fields = new Map<string, FormField>();
  for (const guide of guides) {
    for (const field of guide.apply_form ?? FALLBACK_FORM) {
      const known = fields.get(field.field_code);
      if (known !== undefined) {
        known.required ||= field.is_required === '1';
        continue;
      }
      fields.set(field.field_code, {
        code: field.field_code,
        label: field.field_name,
        type: field.field_type,
        required: field.is_required === '1',
        maxLength: Math.min(field.max_length ?? DEFAULT_MAX[field.field_type], field.field_type === 'textarea' ? 2000 : 500),
        options: field.options ?? null,
        prefill: field.prefill ?? null,
      });
    }
  }
  return [...fields.values()];
};

/** What the card fills in. The address only when the card has one (a foreign permanent residence card has none). */
export const prefilledValues = (fields: readonly FormField[], card: { name: string; idNumber: string; address: string | null }): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (field.prefill === 'applicant-name') values[field.code] = card.name;
    if (field.prefill === 'applicant-id-number') values[field.code] = card.idNumber;
    if (field.prefill === 'applicant-address' && card.address !== null) values[field.code] = card.address;
  }
  return values;
};

/** GB 11643 check character (ISO 7064 MOD 11-2) of an 18-character citizen identity number. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
export const isIdNumber = (value: string): boolean => {
  // A 2017 foreign permanent residence card: three letters (nationality) and twelve digits, no check character.
  if (/^[A-Z]{3}[0-9]{12}$/.test(value)) return true;
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
};

const isDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

/** A mobile number (1 and 10 digits) or a landline with its area code (0 …, a dash allowed). */
const isPhone = (value: string): boolean => /^1[3-9][0-9]{9}$/.test(value) || /^0[1-9][0-9]{1,2}-?[0-9]{7,8}$/.test(value);

export const checkField = (field: FormField, raw: string): FieldProblem | null => {
  const value = raw.trim();
  if (value === '') return field.required ? 'required' : null;
  if ([...value].length > field.maxLength) return 'too-long';
  switch (field.type) {
    case 'phone':
      return isPhone(value) ? null : 'not-a-phone-number';
    case 'id-number':
      return isIdNumber(value) ? null : 'not-an-id-number';
    case 'date':
      return isDate(value) ? null : 'not-a-date';
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? null : 'not-a-number';
    case 'select':
      return field.options?.includes(value) === true ? null : 'not-an-option';
    default:
      return null;
  }
};

export const checkForm = (fields: readonly FormField[], values: Readonly<Record<string, string>>): Record<string, FieldProblem> => {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = checkField(field, values[field.code] ?? '');
    if (problem !== null) problems[field.code] = problem;
  }
  return problems;
};
