import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueStore } from '../../../main/catalogue/catalogue-store.ts';
import { GuideSearch, type SearchOptions } from '../../../main/catalogue/guide-search.ts';

let dir: string;
let store: CatalogueStore;
let search: GuideSearch;
const fixture = path.resolve(import.meta.dirname, '../../fixtures/catalogue/guides.jsonl');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-catalogue-'));
  store = new CatalogueStore(path.join(dir, 'catalogue.sqlite'));
  store.importJsonLines(await readFile(fixture, 'utf8'));
  search = new GuideSearch(store.entries());
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const names = (query: string, options: SearchOptions = {}) => search.search(query, options).map((hit) => hit.guide.taskName);
const first = (query: string) => search.search(query)[0];

describe('catalogue import (JSON Lines, national field names)', () => {
  it('imports the valid lines and reports the malformed ones with their line numbers', async () => {
    const scratch = new CatalogueStore(':memory:');
    const result = scratch.importJsonLines(await readFile(fixture, 'utf8'));
    expect(result.guides).toBe(17);
    expect(result.rejected.map((r) => r.line)).toEqual([4, 8]);
    expect(result.rejected[0]?.reason).toMatch(/^not JSON/);
    expect(result.rejected[1]?.reason).toMatch(/task_code|task_name/);
    scratch.close();
  });

  it('keeps whole guides (materials included) for the guide screen', () => {
    expect(store.guide('11310000SHGJ0000A4000100100004')?.materials[0]).toMatchObject({ material_name: '居民身份证', is_need: '1' });
    expect(store.guide('nope')).toBeNull();
  });

  it('a re-import replaces the catalogue', () => {
    const scratch = new CatalogueStore(':memory:');
    scratch.importJsonLines(JSON.stringify({ task_code: 'A00001', task_name: '甲', task_type: '20', task_version: 1, task_state: '1', dept_name: 'd', server_type: '1', is_service_terminals: '1' }));
    scratch.importJsonLines(JSON.stringify({ task_code: 'B00001', task_name: '乙', task_type: '20', task_version: 1, task_state: '1', dept_name: 'd', server_type: '1', is_service_terminals: '1' }));
    expect(scratch.entries().map((e) => e.taskName)).toEqual(['乙']);
    scratch.close();
  });
});

describe('search ranking', () => {
  it('exact name first, then prefix, then substring (Chinese, 1 to 6 characters)', () => {
    expect(first('营业执照')?.guide.taskName).toBe('营业执照');
    expect(first('营业执照')?.match).toBe('exact');
    expect(names('社')).toEqual(expect.arrayContaining(['社会保障卡申领', '社会保险参保缴费记录查询', '社会团体登记']));
    expect(search.search('社').slice(0, 3).every((hit) => hit.match === 'prefix')).toBe(true);
    expect(names('社会保')[0]).toBe('社会保障卡申领');
    expect(names('公积金提取')).toEqual(['住房公积金提取（租房）']);
    expect(first('提取')?.match).toBe('substring');
    expect(names('居民身份证换')).toEqual(['居民身份证换领']);
  });

  it('one item offered by several departments appears once per department, the more popular first', () => {
    const hits = search.search('社会保障卡申领');
    expect(hits.slice(0, 2).map((hit) => [hit.guide.deptName, hit.match])).toEqual([
      ['上海市人力资源和社会保障局', 'exact'],
      ['浦东新区人力资源和社会保障局', 'exact'],
    ]);
  });

  it('finds short forms that are not substrings of the names (aliases)', () => {
    expect(names('社保').slice(0, 3)).toEqual(expect.arrayContaining(['社会保障卡申领', '社会保障卡补领、换领']));
    expect(search.search('社保卡')[0]?.match).toBe('alias');
    expect(names('低保')).toEqual(['最低生活保障申请']);
    expect(names('户口')).toContain('户籍证明开具');
  });

  it('finds full toneless pinyin, every reading of polyphonic characters, and ü typed as v or u', () => {
    expect(names('shebao')).toEqual(expect.arrayContaining(['社会保障卡申领', '社会保障卡补领、换领']));
    expect(search.search('shebao')[0]?.match).toBe('alias');
    expect(names('shehuibaozhang')[0]).toBe('社会保障卡申领');
    expect(names('gongjijin')).toEqual(expect.arrayContaining(['住房公积金提取（租房）', '公积金贷款提前还款']));
    expect(names('huankuan')).toEqual(['公积金贷款提前还款']);
    expect(names('minhang')).toEqual(['闵行区居住证办理']);
    expect(names('lvse')).toEqual(['绿色通道预约']);
    expect(names('luse')).toEqual(['绿色通道预约']);
    expect(search.search('shehui')[0]?.match).toBe('pinyin');
  });

  it('reads one letter as the first syllable of the name', () => {
    expect(names('m')).toEqual(['闵行区居住证办理']);
    expect(names('z')).toEqual(expect.arrayContaining(['住房公积金提取（租房）', '最低生活保障申请']));
    expect(names('z')).not.toContain('社会保障卡申领');
  });

  it('finds pinyin initials', () => {
    expect(names('sb').slice(0, 2)).toEqual(['社会保障卡申领', '社会保障卡申领']);
    expect(search.search('sb')[0]?.match).toBe('alias');
    expect(names('shbzk')[0]).toBe('社会保障卡申领');
    expect(names('gjj')).toEqual(expect.arrayContaining(['住房公积金提取（租房）', '住房公积金缴存证明打印', '公积金贷款提前还款']));
    expect(search.search('gjj')[0]?.match).toBe('alias'); // also the initials of the short form 公积金
    expect(names('jzz')).toEqual(['闵行区居住证办理']);
    expect(search.search('jzz')[0]?.match).toBe('initials');
  });

  it('filters by audience and department; leaves out guides past their cancel date', () => {
    expect(names('营业执照', { audience: 'natural' })).toEqual([]);
    expect(names('营业执照', { audience: 'legal' })).toEqual(['营业执照', '企业营业执照设立登记']);
    expect(names('社会', { deptName: '上海市民政局' })).toEqual(['社会团体登记']);
    expect(names('身份证明')).not.toContain('旧版身份证明（已取消）');
  });

  it('finds guides not handled at a terminal, marked so the screen can send the citizen elsewhere', () => {
    const hit = search.search('企业营业执照')[0];
    expect(hit?.guide.taskName).toBe('企业营业执照设立登记');
    expect(hit?.guide.kioskCapable).toBe(false);
  });

  it('finds nothing for nothing, and for text in no name', () => {
    expect(names('')).toEqual([]);
    expect(names('火星移民')).toEqual([]);
    expect(names('zzzz')).toEqual([]);
  });
});
