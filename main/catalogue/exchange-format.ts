import { z } from 'zod';
import { bundleIntake, guideIntake, type BundleRecord, type GuideRecord } from './guide-record.ts';
import { takeRecord, type DroppedValue } from './record-intake.ts';

/**
 * The catalogue exchange format: JSON Lines, one record per line, in the national field names. A line is a guide
 * (it has `task_code`) or a bundle (it has `bundle_code`); in a delta, a line with `"cd_operation": "D"` (the
 * national sync tables' 同步类型) and only the key removes that guide or bundle. Values are taken in the spellings
 * provinces use (guide-record.ts's intake rules): a value not understood in an optional field is dropped and counted
 * by field; a record without what the kiosk needs is left out with its line number and reason.
 */
export type ExchangeRecord =
  | { type: 'guide'; guide: GuideRecord }
  | { type: 'bundle'; bundle: BundleRecord }
  | { type: 'remove-guide'; taskCode: string }
  | { type: 'remove-bundle'; bundleCode: string };

/** A line that could not be taken, and why. */
export interface RejectedLine {
  line: number;
  reason: string;
}

/** Values dropped from one field over a whole file: how many, the first line, and what that line held. */
export interface FieldWarning {
  count: number;
  firstLine: number;
  /** The value as it came (JSON for anything but text), up to 40 characters. */
  example: string;
}

/** By field: `is_fee`, `plan_effective_date`, `materials.material_form`, `fees` (a fee entry), … */
export type FieldWarnings = Record<string, FieldWarning>;

export interface ParsedExchange {
  records: ExchangeRecord[];
  rejected: RejectedLine[];
  warnings: FieldWarnings;
}

const removalSchema = z.object({ cd_operation: z.literal('D') });

type TakenLine = { record: ExchangeRecord; dropped: readonly DroppedValue[] };
const NOTHING_DROPPED: readonly DroppedValue[] = [];

const parseLine = (value: unknown, deletionsAllowed: boolean): TakenLine | string => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const isBundle = 'bundle_code' in record;
  if (removalSchema.safeParse(record).success) {
    if (!deletionsAllowed) return 'a removal (cd_operation D) belongs in a delta, not a snapshot';
    const key = isBundle ? record['bundle_code'] : record['task_code'];
    if (typeof key !== 'string' || key === '') return `${isBundle ? 'bundle_code' : 'task_code'}: required for a removal`;
    return { record: isBundle ? { type: 'remove-bundle', bundleCode: key } : { type: 'remove-guide', taskCode: key }, dropped: NOTHING_DROPPED };
  }
  if (isBundle) {
    const intake = takeRecord(record, bundleIntake);
    return 'reason' in intake ? intake.reason : { record: { type: 'bundle', bundle: intake.taken }, dropped: intake.dropped };
  }
  const intake = takeRecord(record, guideIntake);
  return 'reason' in intake ? intake.reason : { record: { type: 'guide', guide: intake.taken }, dropped: intake.dropped };
};

const EXAMPLE_LENGTH = 40;
const exampleOf = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH - 1)}…` : text;
};

const count = (warnings: FieldWarnings, dropped: readonly DroppedValue[], line: number) => {
  for (const { field, value } of dropped) {
    const held = warnings[field];
    if (held === undefined) warnings[field] = { count: 1, firstLine: line, example: exampleOf(value) };
    else held.count += 1;
  }
};

const keyOf = (record: ExchangeRecord): string => {
  switch (record.type) {
    case 'guide':
      return `guide:${record.guide.task_code}`;
    case 'remove-guide':
      return `guide:${record.taskCode}`;
    case 'bundle':
      return `bundle:${record.bundle.bundle_code}`;
    case 'remove-bundle':
      return `bundle:${record.bundleCode}`;
  }
};

/**
 * Reads JSON Lines. Each malformed line is reported with its number and reason and left out; a guide or bundle
 * that appears twice is reported at its second line (its dropped values are not counted). Blank lines are ignored.
 */
export const parseExchangeLines = (text: string, options: { deletionsAllowed: boolean }): ParsedExchange => {
  const records: ExchangeRecord[] = [];
  const rejected: RejectedLine[] = [];
  const warnings: FieldWarnings = {};
  const seen = new Set<string>();
  let line = 0;
  for (const raw of text.split('\n')) {
    line += 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      rejected.push({ line, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseLine(value, options.deletionsAllowed);
    if (typeof parsed === 'string') {
      rejected.push({ line, reason: parsed });
      continue;
    }
    const key = keyOf(parsed.record);
    if (seen.has(key)) {
      rejected.push({ line, reason: `${key.replace(':', ' ')} appears twice` });
      continue;
    }
    seen.add(key);
    records.push(parsed.record);
    count(warnings, parsed.dropped, line);
  }
  return { records, rejected, warnings };
};
