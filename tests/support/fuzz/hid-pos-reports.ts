import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { HID_POS_REPORT_DATA_BYTES } from '../../../drivers/scanner/hid-pos-report.ts';
import { HidPosScanner, MAX_CODE_BYTES } from '../../../drivers/scanner/hid-pos-scanner.ts';
import { FakeTransport } from '../fake-transport.ts';
import { ManualClock } from '../manual-clock.ts';
import { fuzzTarget } from './fuzz-target.ts';
import { mutatedBytes } from './mutations.ts';

/**
 * HID-POS input reports (drivers/scanner/hid-pos-report.ts) through the scanner that joins them into codes
 * (drivers/scanner/hid-pos-scanner.ts): well-formed reports, long codes over MAX_CODE_BYTES, attribute reports,
 * mutated and arbitrary bytes, and pauses between them.
 */

const CONTINUATION_WAIT_MS = 50;
const REPORT_BYTES = 63;

type Step = { report: Uint8Array } | { pauseMs: number };

/** A report as a Newland FM430 sends it: ID 0x02, length, data, zero padding to 63 bytes. */
const reportOf = (data: Uint8Array, reportId = 0x02, length = data.length): Uint8Array => {
  const report = new Uint8Array(Math.max(REPORT_BYTES, 2 + data.length));
  report[0] = reportId;
  report[1] = length;
  report.set(data, 2);
  return report;
};

const wellFormed = fc.uint8Array({ minLength: 1, maxLength: HID_POS_REPORT_DATA_BYTES }).map((data) => reportOf(data));

/** A code of `full` full reports and a last one of `rest` bytes (none when 0): up to about 9,000 bytes. */
const longCode = fc.tuple(fc.integer({ min: 1, max: 165 }), fc.integer({ min: 0, max: HID_POS_REPORT_DATA_BYTES - 1 }), fc.uint8Array({ minLength: HID_POS_REPORT_DATA_BYTES, maxLength: HID_POS_REPORT_DATA_BYTES })).map(
  ([full, rest, block]) => {
    const reports: Uint8Array[] = [];
    for (let i = 0; i < full; i += 1) reports.push(reportOf(block.map((byte) => (byte + i) & 0xff)));
    if (rest > 0) reports.push(reportOf(block.subarray(0, rest)));
    return reports;
  },
);

const steps: fc.Arbitrary<Step[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: wellFormed.map((report) => [{ report }]) },
      { weight: 1, arbitrary: longCode.map((reports) => reports.map((report) => ({ report }))) },
      { weight: 3, arbitrary: mutatedBytes(wellFormed).map((report) => [{ report }]) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 62 })).map(([id, data]) => [{ report: reportOf(data, id) }]) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }).map((report) => [{ report }]) },
      { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 0, max: 49 }), fc.constantFrom(49, 50, 51, 1000)).map((pauseMs) => [{ pauseMs }]) },
    ),
    { maxLength: 20 },
  )
  .map((groups) => groups.flat());

/** The codes the reports make, by the layout in hid-pos-report.ts and the joining in hid-pos-scanner.ts. */
const expectedOf = (input: Step[]): { codes: Uint8Array[]; rejected: number } => {
  const codes: Uint8Array[] = [];
  let rejected = 0;
  let parts: number[] = [];
  let dropping = false;
  let waiting = false;
  let waited = 0;
  const finish = () => {
    waiting = false;
    dropping = false;
    if (parts.length > 0) codes.push(Uint8Array.from(parts));
    parts = [];
  };
  for (const step of input) {
    if ('pauseMs' in step) {
      waited += step.pauseMs;
      if (waiting && waited >= CONTINUATION_WAIT_MS) finish();
      continue;
    }
    const { report } = step;
    if (report.length === 0) {
      rejected += 1;
      continue;
    }
    if (report[0] !== 0x02) continue;
    const length = report[1] ?? 0;
    if (length === 0 || length > HID_POS_REPORT_DATA_BYTES || report.length < 2 + length) {
      rejected += 1;
      continue;
    }
    waiting = false;
    waited = 0;
    if (!dropping && parts.length + length > MAX_CODE_BYTES) {
      dropping = true;
      parts = [];
      rejected += 1;
    }
    if (!dropping) parts.push(...report.subarray(2, 2 + length));
    if (length === HID_POS_REPORT_DATA_BYTES) waiting = true;
    else finish();
  }
  if (waiting) finish();
  return { codes, rejected };
};

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail)}`);
};

export const checkHidPosReports = (input: Step[]): void => {
  const clock = new ManualClock();
  const transport = new FakeTransport();
  const scanner = new HidPosScanner({ transport, clock });
  const codes: Uint8Array[] = [];
  let rejected = 0;
  scanner.on('code', (code) => {
    if (typeof code.text !== 'string' || !['utf-8', 'gb18030'].includes(code.encoding)) fail('a code has text in a known encoding', code);
    codes.push(code.bytes);
  });
  scanner.on('rejected', () => (rejected += 1));
  for (const step of input) {
    if ('pauseMs' in step) clock.advance(step.pauseMs);
    else transport.emit('data', step.report);
  }
  clock.advance(1000);
  if (clock.pendingTimers > 0) fail('no timer is left once the reports stop', clock.pendingTimers);
  const expected = expectedOf(input);
  if (codes.some((code) => code.length === 0 || code.length > MAX_CODE_BYTES)) fail(`every code is 1 to ${MAX_CODE_BYTES} bytes`, codes.map((code) => code.length));
  if (!isDeepStrictEqual(codes, expected.codes)) fail('the codes are the joined data of well-formed reports', { got: codes.map((code) => code.length), expected: expected.codes.map((code) => code.length) });
  if (rejected !== expected.rejected) fail('each malformed report and each over-long code is reported once', { rejected, expected: expected.rejected });
};

export const hidPosReportsTarget = fuzzTarget({
  name: 'HID-POS reports',
  holds: `never throws; codes are only the joined data of well-formed reports, 1 to ${MAX_CODE_BYTES} bytes (a longer one dropped and reported); each malformed report reported once; no timer left behind`,
  inputs: steps,
  check: checkHidPosReports,
});
