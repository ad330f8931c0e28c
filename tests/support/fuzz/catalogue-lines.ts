import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseExchangeLines, type ExchangeRecord, type ParsedExchange } from '../../../main/catalogue/exchange-format.ts';
import { fuzzTarget } from './fuzz-target.ts';
import { mutatedJson, mutatedText } from './mutations.ts';

/**
 * Catalogue exchange lines (main/catalogue/exchange-format.ts): JSON Lines in the national field names, as kioskctl
 * imports them and catalogue sync applies them. Documents mix valid lines (the fixtures, generated guides, bundles
 * and removals), mutated valid lines and arbitrary text.
 */

const fixtureDir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'catalogue');
/** The fixtures' lines that are valid records (guides.jsonl has broken lines on purpose: those go in as text). */
const fixtureLines = ['guides.jsonl', 'hostile-guides.jsonl']
  .flatMap((file) => readFileSync(path.join(fixtureDir, file), 'utf8').split('\n'))
  .filter((line) => line.trim() !== '');
const validFixtureLines = fixtureLines.filter((line) => parseExchangeLines(line, { deletionsAllowed: false }).records.length === 1);

const code = (min: number, max: number, chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const name = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((text) => text.length <= max * 2);
const flag = fc.constantFrom('0', '1');
const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

const material = fc.record(
  {
    material_name: name(40),
    order_num: fc.nat(99),
    is_need: fc.constantFrom('0', '1', '2'),
    material_form: fc.constantFrom('1', '2', '3'),
    page_num: fc.nat(20),
    source_type: fc.constantFrom('10', '20', '99'),
    is_promise: flag,
    license_code: code(1, 20),
    is_form: flag,
  },
  { requiredKeys: ['material_name', 'is_need'] },
);

const formField = fc.record(
  {
    field_code: fc.tuple(code(1, 1, 'abcdefghijklmnopqrstuvwxyz'), code(0, 20, 'abcdefghijklmnopqrstuvwxyz0123456789_')).map(([a, b]) => a + b),
    field_name: name(20),
    field_type: fc.constantFrom('text', 'textarea', 'phone', 'id-number', 'date', 'number', 'select'),
    is_required: flag,
    max_length: fc.integer({ min: 1, max: 2000 }),
    options: fc.array(name(20), { minLength: 1, maxLength: 5 }),
    prefill: fc.constantFrom('applicant-name', 'applicant-id-number', 'applicant-address'),
  },
  { requiredKeys: ['field_code', 'field_name', 'field_type', 'is_required'] },
);

export const validGuide = fc.record(
  {
    task_code: code(6, 36),
    catalog_code: code(1, 12),
    task_name: name(60),
    task_type: fc.constantFrom('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'),
    task_version: fc.nat(),
    task_state: fc.constantFrom('1', '2', '0'),
    dept_name: name(40),
    server_type: fc.constantFrom('1', '2', '1,2,9'),
    accept_condition: name(200),
    promise_day: fc.nat(365),
    is_fee: flag,
    is_service_terminals: flag,
    online_handle_url: fc.webUrl(),
    plan_effective_date: fc.oneof(isoDate.map((d) => d.toISOString()), isoDate.map((d) => d.toISOString().slice(0, 10))),
    town_code: code(1, 20, '0123456789'),
    popularity: fc.double({ min: 0, max: 1e6, noNaN: true }),
    materials: fc.array(material, { maxLength: 4 }),
    fees: fc.array(fc.record({ fee_name: name(20), fee_stand: fc.string({ maxLength: 40 }) }), { maxLength: 2 }),
    apply_form: fc.array(formField, { maxLength: 3 }),
    province_extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['task_code', 'task_name', 'task_type', 'task_version', 'task_state', 'dept_name', 'server_type', 'is_service_terminals'] },
);

export const validBundle = fc.record(
  {
    bundle_code: code(4, 50, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'),
    bundle_name: name(40),
    bundle_desc: name(200),
    area_code: code(6, 6, '0123456789'),
    server_type: fc.constantFrom('1', '2'),
    task_codes: fc.array(code(6, 36), { minLength: 2, maxLength: 30 }),
    popularity: fc.nat(),
  },
  { requiredKeys: ['bundle_code', 'bundle_name', 'area_code', 'server_type', 'task_codes'] },
);

const validRemoval = fc.oneof(
  code(1, 36).map((taskCode) => ({ task_code: taskCode, cd_operation: 'D' })),
  code(1, 50).map((bundleCode) => ({ bundle_code: bundleCode, cd_operation: 'D' })),
);

const validRecord = fc.oneof(validGuide, validBundle, validRemoval);
const validRecordOrFixture = fc.oneof(validRecord, fc.constantFrom(...validFixtureLines).map((line) => JSON.parse(line) as unknown));

/** A line of a document, and whether it was made valid (a record the format takes; a removal only in a delta). */
interface Line {
  text: string;
  valid: boolean;
}

const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 3, arbitrary: validRecord.map((record) => ({ text: JSON.stringify(record), valid: true })) },
  { weight: 1, arbitrary: fc.constantFrom(...validFixtureLines).map((text) => ({ text, valid: true })) },
  { weight: 3, arbitrary: mutatedJson(validRecordOrFixture).map((value) => ({ text: JSON.stringify(value) ?? 'undefined', valid: false })) },
  { weight: 2, arbitrary: mutatedText(fixtureLines).map((text) => ({ text, valid: false })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, valid: false })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ text: JSON.stringify(value), valid: false })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '\t', '{}', '[]', 'null', '{"cd_operation":"D"}', '{"task_code":""}', '\ufeff{}').map((text) => ({ text, valid: false })) },
);

export interface ExchangeDocument {
  lines: Line[];
  newline: '\n' | '\r\n';
  deletionsAllowed: boolean;
}

const exchangeDocument: fc.Arbitrary<ExchangeDocument> = fc.record({
  lines: fc.array(line, { maxLength: 8 }),
  newline: fc.constantFrom('\n' as const, '\r\n' as const),
  deletionsAllowed: fc.boolean(),
});

const keyOf = (record: ExchangeRecord): string =>
  record.type === 'guide' ? `guide ${record.guide.task_code}` : record.type === 'remove-guide' ? `guide ${record.taskCode}` : record.type === 'bundle' ? `bundle ${record.bundle.bundle_code}` : `bundle ${record.bundleCode}`;

/** A record written back as a line of the format. */
const lineOf = (record: ExchangeRecord): string => {
  switch (record.type) {
    case 'guide':
      return JSON.stringify(record.guide);
    case 'bundle':
      return JSON.stringify(record.bundle);
    case 'remove-guide':
      return JSON.stringify({ task_code: record.taskCode, cd_operation: 'D' });
    case 'remove-bundle':
      return JSON.stringify({ bundle_code: record.bundleCode, cd_operation: 'D' });
  }
};

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail)}`);
};

export const checkExchangeDocument = (document: ExchangeDocument): void => {
  const options = { deletionsAllowed: document.deletionsAllowed };
  const texts = document.lines.map((l) => l.text);
  const parsed: ParsedExchange = parseExchangeLines(texts.join(document.newline), options);
  // The lines as the parser sees them: a line's text may itself hold a newline.
  const physical = texts.join(document.newline).split('\n');
  const nonBlank = physical.flatMap((text, index) => (text.trim() === '' ? [] : [index + 1]));
  if (parsed.records.length + parsed.rejected.length !== nonBlank.length) fail('every non-blank line is taken or reported', { nonBlank, parsed });
  const rejectedLines = parsed.rejected.map((r) => r.line);
  if (!rejectedLines.every((n, i) => nonBlank.includes(n) && (i === 0 || n > (rejectedLines[i - 1] ?? 0)))) fail('rejected lines are non-blank lines, in order, once', rejectedLines);
  // Each line's verdict is its own (but for a key seen on an earlier line), at its own number; so are the values it
  // dropped, counted by field with the first line each was seen on.
  const seen = new Set<string>();
  const warnings: ParsedExchange['warnings'] = {};
  let next = 0;
  for (const number of nonBlank) {
    const alone = parseExchangeLines(physical[number - 1] ?? '', options);
    const rejected = parsed.rejected.find((r) => r.line === number);
    const [record] = alone.records;
    if (record === undefined) {
      if (rejected?.reason !== alone.rejected[0]?.reason || rejected === undefined || rejected.reason === '') fail(`line ${number} is rejected with the reason it has alone`, { alone, rejected });
      continue;
    }
    const key = keyOf(record);
    if (seen.has(key)) {
      if (rejected?.reason !== `${key} appears twice`) fail(`line ${number} repeats ${key}`, rejected);
      continue;
    }
    seen.add(key);
    for (const [field, warning] of Object.entries(alone.warnings)) {
      if (warning.firstLine !== 1 || warning.count < 1 || warning.example.length > 40) fail(`line ${number} alone counts ${field}`, warning);
      const held = warnings[field];
      if (held === undefined) warnings[field] = { ...warning, firstLine: number };
      else held.count += warning.count;
    }
    if (rejected !== undefined || !isDeepStrictEqual(parsed.records[next], record)) fail(`line ${number} is taken as it is alone`, { record, got: parsed.records[next] });
    next += 1;
    // Round trip: the record written back is read as the same record (as JSON: -0 is written as 0).
    const again = parseExchangeLines(lineOf(record), { deletionsAllowed: true });
    if (again.rejected.length > 0 || JSON.stringify(again.records[0]) !== JSON.stringify(record)) fail(`line ${number} does not round-trip`, { record, again });
  }
  if (!isDeepStrictEqual(parsed.warnings, warnings)) fail('the warnings are the sum of the lines taken', { warnings, got: parsed.warnings });
  // What was made valid is taken (a removal only in a delta), as it is: nothing dropped.
  for (const { text, valid } of document.lines) {
    if (!valid) continue;
    const alone = parseExchangeLines(text, options);
    const removal = (JSON.parse(text) as { cd_operation?: unknown }).cd_operation === 'D';
    if (alone.records.length !== (removal && !document.deletionsAllowed ? 0 : 1)) fail('a valid line is taken', { text, alone });
    if (Object.keys(alone.warnings).length > 0) fail('a valid line drops nothing', { text, alone });
  }
};

export const catalogueLinesTarget = fuzzTarget({
  name: 'catalogue exchange lines',
  holds:
    'never throws; every non-blank line is taken or reported at its own number with the reason it has alone; the values dropped are counted by field as the lines alone drop them; valid lines are taken whole and round-trip',
  inputs: exchangeDocument,
  check: checkExchangeDocument,
});
