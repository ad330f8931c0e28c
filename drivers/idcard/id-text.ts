import type { Gender, IdCard, ValidTo } from './id-card.ts';
import { IdCardDecodeError } from './id-card-error.ts';
import { GB3304_NATIONS } from './nations.ts';
import { decodeUcs2Field } from './ucs2-field.ts';

/** The 256-byte text block of every card type (idcard-sam-protocol.md §6, §7): UCS-2 LE, space padded. */
export const ID_TEXT_LENGTH = 256;
const LONG_TERM = '长期';

const field = (text: Uint8Array, offset: number, bytes: number): string => decodeUcs2Field(text.subarray(offset, offset + bytes));

/** Names the field and its length, never its value: the message reaches the host's log, the value is personal. */
const bad = (what: string, value: string) => new IdCardDecodeError('bad-text-block', `${what} is malformed (${value.length} characters)`);

const GENDERS: Readonly<Record<string, Gender>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
const gender = (code: string): Gender => {
  const value = GENDERS[code];
  if (value === undefined) throw bad('gender code', code);
  return value;
};

/** YYYYMMDD → YYYY-MM-DD, checking it is a real calendar date. */
const date = (what: string, value: string): string => {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw bad(what, value);
  const [, y, m, d] = match;
  const parsed = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (parsed.getUTCMonth() !== Number(m) - 1 || parsed.getUTCDate() !== Number(d)) throw bad(what, value);
  return `${y}-${m}-${d}`;
};

const validTo = (value: string): ValidTo => (value === LONG_TERM ? 'long-term' : date('valid-to date', value));

const required = (what: string, value: string): string => {
  if (value === '') throw bad(what, value);
  return value;
};

/** The type mark at byte 248 when byte 249 is 0 (§7): a capital letter for non-resident cards. */
const typeMark = (text: Uint8Array): string | null => {
  const letter = text[248] ?? 0;
  return text[249] === 0 && letter >= 0x41 && letter <= 0x5a ? String.fromCharCode(letter) : null;
};

/** A card without its photo and fingerprint, per card type. */
type TextFields = IdCard extends infer C ? (C extends IdCard ? Omit<C, 'photo' | 'fingerprint'> : never) : never;

/** Decodes a text block; throws IdCardDecodeError (and nothing else) when it is not a valid block. */
export const decodeIdText = (text: Uint8Array): TextFields => {
  if (text.length !== ID_TEXT_LENGTH) {
    throw new IdCardDecodeError('bad-text-block', `text block is ${text.length} bytes, not ${ID_TEXT_LENGTH}`);
  }
  const mark = typeMark(text);
  switch (mark) {
    case null: {
      // §6: resident card (居民身份证).
      const nationCode = field(text, 32, 4);
      if (!/^\d{2}$/.test(nationCode)) throw bad('nation code', nationCode);
      return {
        cardType: 'resident',
        name: required('name', field(text, 0, 30)),
        gender: gender(field(text, 30, 2)),
        nation: { code: nationCode, name: GB3304_NATIONS[nationCode] ?? nationCode },
        birthDate: date('birth date', field(text, 36, 16)),
        address: required('address', field(text, 52, 70)),
        idNumber: idNumber(field(text, 122, 36)),
        issuer: required('issuer', field(text, 158, 30)),
        validFrom: date('valid-from date', field(text, 188, 16)),
        validTo: validTo(field(text, 204, 16)),
      };
    }
    case 'J':
      // §7.1: 港澳台居民居住证.
      return {
        cardType: 'hk-mo-tw-residence',
        name: required('name', field(text, 0, 30)),
        gender: gender(field(text, 30, 2)),
        birthDate: date('birth date', field(text, 36, 16)),
        address: required('address', field(text, 52, 70)),
        idNumber: idNumber(field(text, 122, 36)),
        issuer: required('issuer', field(text, 158, 30)),
        validFrom: date('valid-from date', field(text, 188, 16)),
        validTo: validTo(field(text, 204, 16)),
        passNumber: required('pass number', field(text, 220, 18)),
        issueCount: required('issue count', field(text, 238, 4)),
      };
    case 'I': {
      // §7.2: 外国人永久居留身份证 (2017).
      const chineseName = field(text, 158, 30);
      const permit = field(text, 122, 30);
      if (!/^[A-Z]{3}\d{12}$/.test(permit)) throw bad('permit number', permit);
      return {
        cardType: 'foreign-permanent',
        englishName: required('English name', field(text, 0, 120)),
        ...(chineseName === '' ? {} : { name: chineseName }),
        gender: gender(field(text, 120, 2)),
        idNumber: permit,
        nationality: nationality(field(text, 152, 6)),
        validFrom: date('issue date', field(text, 188, 16)),
        validTo: validTo(field(text, 204, 16)),
        birthDate: date('birth date', field(text, 220, 16)),
      };
    }
    case 'Y': {
      // §7.3: 外国人永久居留身份证 (2023). UNCERTAIN layout: inferred sizes, mark 'Y' unconfirmed.
      const english = `${field(text, 52, 70)}${field(text, 220, 22)}`.trim();
      return {
        cardType: 'foreign-permanent-2023',
        name: required('name', field(text, 0, 30)),
        gender: gender(field(text, 30, 2)),
        birthDate: date('birth date', field(text, 36, 16)),
        englishName: required('English name', english),
        idNumber: idNumber(field(text, 122, 36)),
        validFrom: date('valid-from date', field(text, 188, 16)),
        validTo: validTo(field(text, 204, 16)),
        nationality: nationality(field(text, 242, 6)),
      };
    }
    default:
      throw new IdCardDecodeError('unknown-card-type', `card type mark "${mark}" is not known`);
  }
};

const idNumber = (value: string): string => {
  if (!/^\d{17}[\dX]$/.test(value)) throw bad('ID number', value);
  return value;
};

const nationality = (value: string): string => {
  if (!/^[A-Z]{3}$|^\d{3}$/.test(value)) throw bad('nationality code', value);
  return value;
};
