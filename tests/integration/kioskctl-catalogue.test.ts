import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl } from '../support/run-kioskctl.ts';

/** `kioskctl catalogue import|search` as technicians run them, on a catalogue database on disk. */
const fixture = path.resolve(import.meta.dirname, '../fixtures/catalogue/guides.jsonl');
let dir: string;
let db: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kioskctl-catalogue-'));
  db = path.join(dir, 'catalogue.sqlite');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kioskctl catalogue', () => {
  it('imports, reporting malformed lines with their numbers on stderr', async () => {
    const result = await runKioskctl('catalogue', 'import', fixture, '--db', db);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('imported 17 guides and 0 bundles, skipped 2 lines');
    expect(result.stderr.trim().split('\n').map((line) => line.replace(`${fixture}:`, ''))).toEqual([
      expect.stringMatching(/^4: not JSON/),
      expect.stringMatching(/^8: /),
    ]);
  });

  it.each(['社保', 'shebao', 'sb'])('search %s finds the social-security card first, as JSON in national field names', async (query) => {
    const result = await runKioskctl('catalogue', 'search', query, '--db', db, '--limit', '3', '--json');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Array<{ task_code: string; task_name: string }>;
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]).toMatchObject({ task_name: '社会保障卡申领', task_code: '11310000SHRS0000A4000100100001', is_service_terminals: '1' });
  });

  it('refuses a search without --db with exit 2', async () => {
    expect(await runKioskctl('catalogue', 'search', '社保')).toMatchObject({ code: 2 });
  });

  it('says in one line that a database in a directory that does not exist is not there, and creates nothing', async () => {
    const result = await runKioskctl('catalogue', 'search', '社保', '--db', '/missing/dir/x.db', '--json');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no catalogue database at /missing/dir/x.db (the file does not exist; kioskctl catalogue import <file.jsonl> --db /missing/dir/x.db makes one)\n',
    });
    expect(existsSync('/missing')).toBe(false);
  });

  it('does not create an empty database for a mistyped --db in a directory that exists', async () => {
    const typo = path.join(dir, 'catalouge.sqlite');
    const before = await readdir(dir);
    const result = await runKioskctl('catalogue', 'search', '社保', '--db', typo, '--json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(/^no catalogue database at .*catalouge\.sqlite \(the file does not exist;/);
    expect(await readdir(dir)).toEqual(before);
  });

  it('says in one line that a file that is not a catalogue is not one', async () => {
    const notSqlite = path.join(dir, 'notes.txt');
    await writeFile(notSqlite, 'not a database, just some text that is long enough to have a header of a hundred bytes or so, really');
    const result = await runKioskctl('catalogue', 'search', '社保', '--db', notSqlite);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`${notSqlite} is not a catalogue database: file is not a database`]);
  });

  it('says in one line that it cannot create a database in a directory that does not exist', async () => {
    const result = await runKioskctl('catalogue', 'import', fixture, '--db', '/missing/dir/x.db');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'cannot create the catalogue database /missing/dir/x.db: the directory /missing/dir does not exist\n' });
  });
});
