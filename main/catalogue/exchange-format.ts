import { z } from 'zod';
import { bundleRecordSchema, guideRecordSchema, type BundleRecord, type GuideRecord } from './guide-record.ts';

/**
 * The catalogue exchange format: JSON Lines, one record per line, in the national field names. A line is a guide
 * (it has `task_code`) or a bundle (it has `bundle_code`); in a delta, a line with `"cd_operation": "D"` (the
 * national sync tables' 同步类型) and only the key removes that guide or bundle.
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

export interface ParsedExchange {
  records: ExchangeRecord[];
  rejected: RejectedLine[];
}

const removalSchema = z.object({ cd_operation: z.literal('D') });

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`).join('; ');

const parseLine = (value: unknown, deletionsAllowed: boolean): ExchangeRecord | string => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const isBundle = 'bundle_code' in record;
  if (removalSchema.safeParse(record).success) {
    if (!deletionsAllowed) return 'a removal (cd_operation D) belongs in a delta, not a snapshot';
    const key = isBundle ? record['bundle_code'] : record['task_code'];
    if (typeof key !== 'string' || key === '') return `${isBundle ? 'bundle_code' : 'task_code'}: required for a removal`;
    return isBundle ? { type: 'remove-bundle', bundleCode: key } : { type: 'remove-guide', taskCode: key };
  }
  if (isBundle) {
    const parsed = bundleRecordSchema.safeParse(record);
    return parsed.success ? { type: 'bundle', bundle: parsed.data } : describe(parsed.error);
  }
  const parsed = guideRecordSchema.safeParse(record);
  return parsed.success ? { type: 'guide', guide: parsed.data } : describe(parsed.error);
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
 * that appears twice is reported at its second line. Blank lines are ignored.
 */
export const parseExchangeLines = (text: string, options: { deletionsAllowed: boolean }): ParsedExchange => {
  const records: ExchangeRecord[] = [];
  const rejected: RejectedLine[] = [];
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
    const key = keyOf(parsed);
    if (seen.has(key)) {
      rejected.push({ line, reason: `${key.replace(':', ' ')} appears twice` });
      continue;
    }
    seen.add(key);
    records.push(parsed);
  }
  return { records, rejected };
};
