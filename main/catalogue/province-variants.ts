/**
 * The spellings provinces use for the national codes (gov-service-data.md §1.4: "numeric codes vary by province"):
 * real exports write 材料形式 as 纸质 / 电子 / 纸质+电子 as well as 1/2/3, flags as 是/否, Y/N, true/false or 1/0,
 * dates as 2024/6/1, 20240601 or 2024年6月1日 (with or without a time), codes as numbers and numbers as text. Each
 * function here takes one field's value and gives the national spelling, or the value unchanged when it knows no
 * spelling of it (the record's schema then says whether the field may be dropped or the record is unusable).
 */

const FLAGS: ReadonlyMap<string, '0' | '1'> = new Map([
  ...['1', '是', 'y', 'yes', 'true', '有', '需要', '支持'].map((spelling) => [spelling, '1'] as const),
  ...['0', '否', 'n', 'no', 'false', '无', '不需要', '不支持'].map((spelling) => [spelling, '0'] as const),
]);

/** 0/1 flags (是否收费, 是否支持终端办理, 告知承诺, 申请表). */
export const flagOf = (value: unknown): unknown => {
  if (value === true || value === 1) return '1';
  if (value === false || value === 0) return '0';
  if (typeof value !== 'string') return value;
  return FLAGS.get(value.trim().toLowerCase()) ?? value;
};

const NEEDS: ReadonlyMap<string, '0' | '1' | '2'> = new Map([
  ...['1', '必要', '必须', '必需', '是'].map((spelling) => [spelling, '1'] as const),
  ...['0', '非必要', '非必须', '可选', '否'].map((spelling) => [spelling, '0'] as const),
  ...['2', '容缺', '容缺后补', '容缺受理'].map((spelling) => [spelling, '2'] as const),
]);

/** 材料必要性: 1 必要, 0 非必要, 2 容缺后补. */
export const needOf = (value: unknown): unknown => (typeof value === 'number' || typeof value === 'string' ? (NEEDS.get(String(value).trim()) ?? value) : value);

/** 材料形式: 1 纸质, 2 电子, 3 纸质+电子, whichever way the two are joined (纸质,电子 / 纸质+电子 / 纸质、电子 / 纸质和电子). */
export const materialFormOf = (value: unknown): unknown => {
  if (value === 1 || value === 2 || value === 3) return String(value);
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '1' || text === '2' || text === '3') return text;
  const parts = text.split(/\s*(?:[,，、+＋/;；|]|和|及|或)\s*/).filter(Boolean);
  const paper = parts.some((part) => part === '纸质' || part === '纸质版' || part === '原件' || part === '复印件');
  const electronic = parts.some((part) => part === '电子' || part === '电子版' || part === '电子材料');
  const known = parts.every((part) => /^(?:纸质|纸质版|原件|复印件|电子|电子版|电子材料)$/.test(part));
  if (!known || parts.length === 0) return value;
  return paper && electronic ? '3' : paper ? '1' : '2';
};

const SOURCES: ReadonlyMap<string, string> = new Map([
  ['申请人自备', '10'],
  ['申请人', '10'],
  ['自备', '10'],
  ['政府部门核发', '20'],
  ['政府部门', '20'],
  ['部门核发', '20'],
  ['其他', '99'],
]);

/** 来源渠道: 10 申请人自备, 20 政府部门核发, 99 其他. */
export const sourceOf = (value: unknown): unknown => {
  const text = codeOf(value);
  return typeof text === 'string' ? (SOURCES.get(text) ?? text) : text;
};

const TASK_TYPES: ReadonlyMap<string, string> = new Map(
  ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力']
    .map((name, i) => [name, String(i + 1).padStart(2, '0')] as [string, string])
    .concat([['公共服务', '20']]),
);

/** 事项类型: two digits (Sichuan's portal writes 1, 5, 10, 20), or the type's name. */
export const taskTypeOf = (value: unknown): unknown => {
  const text = codeOf(value);
  if (typeof text !== 'string') return text;
  if (/^[0-9]$/.test(text)) return `0${text}`;
  return TASK_TYPES.get(text) ?? text;
};

/** A code written as a number (task_state 1, use_level 4) is the code; text is trimmed. */
export const codeOf = (value: unknown): unknown => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' ? value.trim() : value;
};

/** 时限单位: 1 工作日 (the national sample); other units keep their local codes. */
export const limitUnitOf = (value: unknown): unknown => {
  const text = codeOf(value);
  return text === '工作日' ? '1' : text;
};

/** 服务对象, multi-valued: codes joined by commas, whatever joined them (，、;| or a JSON array). */
export const serverTypeOf = (value: unknown): unknown => {
  if (typeof value === 'number') return codeOf(value);
  if (Array.isArray(value)) return value.every((item) => typeof item === 'number' || typeof item === 'string') ? value.map((item) => String(item).trim()).join(',') : value;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!/[，、;；|\s]/.test(text)) return text;
  return text
    .split(/[,，、;；|\s]+/)
    .filter(Boolean)
    .join(',');
};

/** A whole number or a decimal written as text ("20", " 5 ") is that number. */
export const numberOf = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^[0-9]+(?:\.[0-9]+)?$/.test(text) ? Number(text) : value;
};

/**
 * A date: 2024-06-01, 2024/6/1, 2024.6.1, 20240601 or 2024年6月1日, each perhaps with a time (09:30, 9:30:00, 093000
 * run on after the date); ISO with an offset or Z. A date alone stays a date (YYYY-MM-DD); a time without an offset
 * is Beijing time (UTC+8). Any time is given as the instant in UTC (2024-06-01T01:30:00.000Z), so that it compares
 * with the clock's ISO time as text (guide-filters.ts). A day that does not exist (2月30日) is not a date.
 */
const DATE = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:(?:[T\s]+|(?<=\d{8}))(\d{1,2})[:时]?(\d{2})(?:[:分]?(\d{2})(?:\.(\d{1,3}))?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export const dateOf = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const match = DATE.exec(value.trim());
  if (match === null) return value;
  const [, year, m1, d1, m2, d2, hour, minute, second, fraction, offset] = match;
  const month = Number(m1 ?? m2);
  const day = Number(d1 ?? d2);
  const y = Number(year);
  const midnight = Date.UTC(y, month - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return value;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (hour === undefined) return offset === undefined ? iso : value;
  const [h, min, s] = [Number(hour), Number(minute), Number(second ?? 0)];
  if (h > 23 || min > 59 || s > 59) return value;
  const offsetMinutes = offset === undefined ? 8 * 60 : /^z$/i.test(offset) ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const ms = Number((fraction ?? '0').padEnd(3, '0'));
  return new Date(midnight + ((h * 60 + min - offsetMinutes) * 60 + s) * 1000 + ms).toISOString();
};
