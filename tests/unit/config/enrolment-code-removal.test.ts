import { chmod, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeEnrolmentCode } from '../../../main/config/enrolment-code-removal.ts';

/**
 * Review finding 5: once the terminal is enrolled, its enrolment code leaves terminal.json, and nothing else of the
 * file changes (a technician's formatting, key order, other members); a file it cannot edit safely is left as it was.
 */
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'enrolment-code-'));
  file = path.join(dir, 'terminal.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cases: Array<[string, string, string]> = [
  [
    'the last member of platform',
    '{\n  "terminalId": "T-0001",\n  "platform": {\n    "baseUrl": "https://gw.example/",\n    "healthIntervalSeconds": 10,\n    "enrolmentCode": "7K2M-QX9D-AB12-CD34"\n  },\n  "dataDir": "data"\n}\n',
    '{\n  "terminalId": "T-0001",\n  "platform": {\n    "baseUrl": "https://gw.example/",\n    "healthIntervalSeconds": 10\n  },\n  "dataDir": "data"\n}\n',
  ],
  [
    'the first member, tabs and CRLF',
    '{\r\n\t"platform": {\r\n\t\t"enrolmentCode": "A\\"B",\r\n\t\t"baseUrl": "https://gw.example/"\r\n\t}\r\n}',
    '{\r\n\t"platform": {\r\n\t\t"baseUrl": "https://gw.example/"\r\n\t}\r\n}',
  ],
  ['the only member, on one line', '{"platform":{"enrolmentCode":"X"},"receipt":{"enrolmentCode":"not this one"}}', '{"platform":{},"receipt":{"enrolmentCode":"not this one"}}'],
  [
    'after a string that mentions it',
    '{ "hallName": "\\"enrolmentCode\\": \\"X\\"", "platform": { "timeoutMs": 3000, "enrolmentCode": "X" } }',
    '{ "hallName": "\\"enrolmentCode\\": \\"X\\"", "platform": { "timeoutMs": 3000 } }',
  ],
];

describe('removing the spent enrolment code from terminal.json', () => {
  it.each(cases)('cuts out only the code when it is %s', async (_name, before, after) => {
    await writeFile(file, before);
    expect(removeEnrolmentCode(file)).toEqual({ outcome: 'removed' });
    expect(await readFile(file, 'utf8')).toBe(after);
  });

  it("keeps the file's mode, and edits the file a symlink points at", async () => {
    const real = path.join(dir, 'real.json');
    await writeFile(real, cases[0]?.[1] ?? '');
    await chmod(real, 0o640);
    await symlink(real, file);
    expect(removeEnrolmentCode(file)).toEqual({ outcome: 'removed' });
    expect(await readFile(file, 'utf8')).toBe(cases[0]?.[2]);
    expect((await stat(real)).mode & 0o777).toBe(0o640);
  });

  it('says so when there is no code, and leaves the file', async () => {
    await writeFile(file, '{ "platform": { "baseUrl": "https://gw.example/" } }');
    expect(removeEnrolmentCode(file)).toEqual({ outcome: 'absent' });
    expect(await readFile(file, 'utf8')).toBe('{ "platform": { "baseUrl": "https://gw.example/" } }');
  });

  const unsafe: Array<[string, string, string]> = [
    ['is no longer JSON', '{ "platform": { "enrolmentCode": "X" ', 'not valid JSON'],
    ['holds the code twice', '{ "platform": { "enrolmentCode": "X", "enrolmentCode": "Y" } }', 'could not be cut out'],
    ['holds a code that is no string', '{ "platform": { "enrolmentCode": 12345678 } }', 'could not be cut out'],
  ];
  it.each(unsafe)('leaves a file that %s as it was, with the reason', async (_name, text, reason) => {
    await writeFile(file, text);
    const removal = removeEnrolmentCode(file);
    expect(removal).toMatchObject({ outcome: 'failed' });
    expect(removal.outcome === 'failed' && removal.reason).toContain(reason);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reports a file it cannot read or replace, and leaves it', async () => {
    expect(removeEnrolmentCode(path.join(dir, 'missing.json'))).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('ENOENT') as unknown });
    if (process.getuid?.() === 0) return; // root may write a read-only directory
    await writeFile(file, cases[0]?.[1] ?? '');
    await chmod(dir, 0o500);
    try {
      expect(removeEnrolmentCode(file)).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('EACCES') as unknown });
    } finally {
      await chmod(dir, 0o700);
    }
    expect(await readFile(file, 'utf8')).toBe(cases[0]?.[1]);
  });
});
