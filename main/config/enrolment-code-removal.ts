import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { writeFileDurably } from '../storage/durable-file.ts';

/**
 * Once the terminal is enrolled its enrolment code is spent, and it leaves terminal.json (review finding 5): a code
 * left in a config file is one more secret for whoever reads the file. Only the `platform.enrolmentCode` member is
 * cut out of the text, with its comma, so the rest of the file stays exactly as the technician wrote it; the result
 * must parse to the same config less that member, or nothing is written. The file is replaced whole and durably,
 * with its mode (the file a symlink points at, so the link stays).
 */
export type EnrolmentCodeRemoval = { outcome: 'removed' } | { outcome: 'absent' } | { outcome: 'failed'; reason: string };

/** `"enrolmentCode": "<a JSON string>"`, wherever it is; which one is platform's is settled by parsing. */
const MEMBER = /"enrolmentCode"\s*:\s*"(?:[^"\\]|\\.)*"/g;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const failed = (reason: string): EnrolmentCodeRemoval => ({ outcome: 'failed', reason });

/** The text with one member cut out: with the comma before it, else the one after it, else alone. */
const cuts = (text: string, start: number, end: number): string[] => {
  const before = /,\s*$/.exec(text.slice(0, start));
  const after = /^\s*,\s*/.exec(text.slice(end));
  return [
    ...(before === null ? [] : [text.slice(0, before.index) + text.slice(end)]),
    ...(after === null ? [] : [text.slice(0, start) + text.slice(end + after[0].length)]),
    text.slice(0, start) + text.slice(end),
  ];
};

const parses = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export const removeEnrolmentCode = (configFile: string): EnrolmentCodeRemoval => {
  let file: string;
  let text: string;
  let mode: number;
  try {
    file = realpathSync(configFile);
    text = readFileSync(file, 'utf8');
    mode = statSync(file).mode & 0o7777;
  } catch (error) {
    return failed(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const value = parses(text);
  if (value === undefined) return failed('it is not valid JSON any more');
  if (!isObject(value) || !isObject(value['platform']) || !('enrolmentCode' in value['platform'])) return { outcome: 'absent' };
  const platform: Record<string, unknown> = { ...value['platform'] };
  delete platform['enrolmentCode'];
  const expected = { ...value, platform };
  for (const match of text.matchAll(MEMBER)) {
    const edited = cuts(text, match.index, match.index + match[0].length).find((candidate) => isDeepStrictEqual(parses(candidate), expected));
    if (edited === undefined) continue;
    try {
      writeFileDurably(file, edited, { mode });
    } catch (error) {
      return failed(`cannot replace it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return { outcome: 'removed' };
  }
  return failed('platform.enrolmentCode could not be cut out of its text without changing anything else');
};
