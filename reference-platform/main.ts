import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { PublishedGuide } from './catalogue/guide-dataset.ts';
import { DEMO_SIGNING_KEY } from './catalogue/demo-signing-key.ts';
import { startReferencePlatform } from './server.ts';
import { mintEnrolmentCode } from './terminals/enrolment-codes.ts';

/**
 * Runs the reference platform as its own process:
 * `node reference-platform/main.ts --port 8700 [--data-dir <dir>] [--guides <n>] [--guides-file <file.jsonl>] [--fault-control]
 *  [--issue-enrolment-code <terminal-id>[=<code>]]… [--enrolment-code-hours <n>]`.
 * --fault-control serves /_control/faults, so tests in other processes can switch faults at run time, and
 * /_control/sms, the SMS it "sent" (pickup codes). The
 * guides file's lines are published beside the generated guides as they are (a province's own, or a test's). It
 * signs its catalogue with the published demo key, which the demo terminal config trusts.
 * --issue-enrolment-code is the operator's console: a code for that terminal id (a fresh one unless given), valid
 * for --enrolment-code-hours (24), printed on stdout; with --data-dir it is kept until used or expired.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8700' },
    'data-dir': { type: 'string' },
    guides: { type: 'string', default: '5000' },
    'guides-file': { type: 'string' },
    'fault-control': { type: 'boolean', default: false },
    'issue-enrolment-code': { type: 'string', multiple: true, default: [] },
    'enrolment-code-hours': { type: 'string', default: '24' },
  },
  strict: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const guides = Number(values.guides);
if (!Number.isInteger(guides) || guides < 1 || guides > 1_000_000) {
  console.error(`--guides must be a whole number from 1 to 1000000, not "${values.guides}"`);
  process.exit(2);
}
const extraGuides: PublishedGuide[] = [];
if (values['guides-file'] !== undefined) {
  const file = values['guides-file'];
  try {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        try {
          extraGuides.push(JSON.parse(line) as PublishedGuide);
        } catch {
          throw new Error(`${file}:${index + 1}: not JSON`);
        }
      });
  } catch (error) {
    console.error(error instanceof Error && !('code' in error) ? error.message : `cannot read ${file}`);
    process.exit(2);
  }
}
const codeHours = Number(values['enrolment-code-hours']);
if (!Number.isFinite(codeHours) || codeHours <= 0 || codeHours > 24 * 366) {
  console.error(`--enrolment-code-hours must be a number of hours above 0 (at most a year), not "${values['enrolment-code-hours']}"`);
  process.exit(2);
}
const validUntil = new Date(Date.now() + codeHours * 3_600_000);
const enrolmentCodes = values['issue-enrolment-code'].map((request) => {
  const [terminalId = '', code] = request.split('=', 2);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(terminalId) || (code !== undefined && !/^\S{1,100}$/.test(code))) {
    console.error(`--issue-enrolment-code takes <terminal-id> or <terminal-id>=<code> (a code of 1 to 100 characters, no spaces), not "${request}"`);
    process.exit(2);
  }
  return { terminalId, code: code ?? mintEnrolmentCode(), validUntil };
});
const dataDir = values['data-dir'];
const platform = await startReferencePlatform({
  port,
  guides,
  extraGuides,
  signingKey: DEMO_SIGNING_KEY,
  faultControl: values['fault-control'],
  enrolmentCodes,
  ...(dataDir === undefined ? {} : { dataDir }),
});
for (const issued of enrolmentCodes) console.log(`enrolment code for ${issued.terminalId}: ${issued.code} (valid until ${issued.validUntil.toISOString()})`);
console.log(`reference platform: ${platform.url}`);
const stop = () => void platform.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
