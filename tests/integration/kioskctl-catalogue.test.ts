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

  describe('a province\'s file: its spellings taken, unknown optional values dropped and counted, unusable guides skipped', () => {
    const guide = (code: string, extra: Record<string, unknown>) => ({
      task_code: code, task_name: '居住证签注', task_type: '1', task_version: '2', task_state: 1, dept_name: '公安分局', server_type: '1、2',
      is_service_terminals: '是', is_fee: '否', plan_effective_date: '2024年6月1日',
      materials: [{ material_name: '居民身份证', is_need: '必要', material_form: '纸质+电子' }], ...extra,
    });
    const province = [
      guide('P000001', {}),
      guide('P000002', { materials: [{ material_name: '照片', is_need: '是', material_form: '光盘' }], is_fee: '视情况' }),
      guide('P000003', { task_name: '' }),
      guide('P000004', { materials: [{ material_name: '照片', is_need: '否', material_form: '胶片' }] }),
    ].map((record) => JSON.stringify(record)).join('\n');
    let file: string;
    let provinceDb: string;
    beforeAll(async () => {
      file = path.join(dir, 'province.jsonl');
      provinceDb = path.join(dir, 'province.sqlite');
      await writeFile(file, province);
    });

    it('ends with what it imported, skipped and dropped, by field', async () => {
      const result = await runKioskctl('catalogue', 'import', file, '--db', provinceDb);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`${file}:3: task_name: Too small: expected string to have >=1 characters\n`);
      expect(result.stdout).toBe(
        [
          'imported 3 guides and 0 bundles, skipped 1 line, dropped 3 values not understood:',
          '  materials.material_form  2  (first at line 2: 光盘)',
          '  is_fee                   1  (first at line 2: 视情况)',
          '',
        ].join('\n'),
      );
      const search = JSON.parse((await runKioskctl('catalogue', 'search', '居住证', '--db', provinceDb, '--json')).stdout) as Array<{ task_code: string; task_type: string }>;
      expect(search.map((hit) => hit.task_code).sort()).toEqual(['P000001', 'P000002', 'P000004']);
      expect(search[0]?.task_type).toBe('01');
    });

    it('--json: the same counts', async () => {
      const result = await runKioskctl('catalogue', 'import', file, '--db', provinceDb, '--json');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        imported: 3,
        bundles: 0,
        skipped: 1,
        rejected: [{ line: 3, reason: 'task_name: Too small: expected string to have >=1 characters' }],
        warnings: { 'materials.material_form': { count: 2, firstLine: 2, example: '光盘' }, is_fee: { count: 1, firstLine: 2, example: '视情况' } },
      });
    });
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
