import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueStore, type GuideEntry } from '../../../main/catalogue/catalogue-store.ts';
import { GuideSearch, type SearchChanges, type SearchOptions } from '../../../main/catalogue/guide-search.ts';
import { generateCatalogue } from '../../../reference-platform/catalogue/guide-dataset.ts';

let store: CatalogueStore;
let entries: GuideEntry[];

beforeAll(() => {
  store = new CatalogueStore(':memory:');
  const data = generateCatalogue(6000);
  store.importJsonLines([...data.guides, ...data.bundles].map((record) => JSON.stringify(record)).join('\n'));
  entries = store.entries();
});
afterAll(() => store.close());

const QUERIES = ['社', '社保', '社会保障卡', '社会保障卡申领', '新版', '公积金', '闵行', '（', 's', 'sh', 'shebao', 'xinban', 'gjj', 'sb', 'xb', 'hangou', 'zhufang', '营业执照变更', 'huankuan', '户口'];
const OPTIONS: SearchOptions[] = [{ limit: 30 }, { audience: 'natural' }, { audience: 'legal', limit: 50 }, { limit: 5, deptName: '浦东新区公安分局' }];
const NOW = new Date('2026-06-01T00:00:00Z');

/** Every query's hits (task code and kind, in order), with each set of options. */
const answers = (search: GuideSearch) => QUERIES.flatMap((query) => OPTIONS.map((options) => `${query}: ${search.search(query, { ...options, now: NOW }).map((hit) => `${hit.guide.taskCode}/${hit.match}`).join(' ')}`));

/** A delta like the platform's: renamed guides, new popularity, new guides, removed guides. */
const deltaOf = (base: readonly GuideEntry[], from: number, size: number, round: number): { changes: SearchChanges; after: GuideEntry[] } => {
  const changed = base.slice(from, from + size).map((guide, i) =>
    i % 3 === 0 ? { ...guide, popularity: (guide.popularity + 37 * round) % 100 } : { ...guide, taskName: `${guide.taskName}（新版${round}）` },
  );
  const added = base.slice(from, from + 20).map((guide, i) => ({ ...guide, taskCode: `NEW-${round}-${i}`, popularity: 99 - i }));
  const removed = base.slice(from + size, from + size + 20).map((guide) => guide.taskCode);
  const byCode = new Map(base.map((guide) => [guide.taskCode, guide]));
  for (const guide of [...changed, ...added]) byCode.set(guide.taskCode, guide);
  for (const code of removed) byCode.delete(code);
  return { changes: { upserted: [...changed, ...added], removed }, after: [...byCode.values()] };
};

describe('the search index after a change (incremental update)', () => {
  it('answers every query as an index built afresh from the changed catalogue', () => {
    const { changes, after } = deltaOf(entries, 1000, 300, 1);
    const updated = new GuideSearch(entries).updated(changes);
    expect(answers(updated)).toEqual(answers(new GuideSearch(after)));
    expect(updated.stats.changedNames).toBeGreaterThan(0);
    // The renamed guides are found by their new names, the removed ones are not found.
    expect(updated.search('新版1', { limit: 500, now: NOW }).length).toBeGreaterThan(100);
    const removed = new Set(changes.removed);
    expect(updated.search('社', { limit: 10_000, now: NOW }).some((hit) => removed.has(hit.guide.taskCode))).toBe(false);
  });

  it('stays right over a chain of deltas, also once the changed names are merged back into one segment', () => {
    let current = entries;
    let search = new GuideSearch(entries);
    // 300 guides a round; the fourth round renames 5,000, more than the tail holds: the index is rebuilt whole.
    for (const [round, size] of [[1, 300], [2, 300], [3, 300], [4, 5000], [5, 300]] as const) {
      const { changes, after } = deltaOf(current, round * 97, size, round);
      search = search.updated(changes);
      current = after;
      expect(answers(search), `round ${round}`).toEqual(answers(new GuideSearch(current)));
    }
  });

  it('given the index it replaces and the whole new list, indexes only what differs, with the same answers', () => {
    const { after } = deltaOf(entries, 2000, 200, 7);
    const previous = new GuideSearch(entries);
    const rebuilt = new GuideSearch(after, previous);
    expect(answers(rebuilt)).toEqual(answers(new GuideSearch(after)));
    expect(rebuilt.stats.changedNames).toBeLessThan(500);
  });

  it('the previous index keeps serving as it was; updating it a second time is refused', () => {
    const previous = new GuideSearch(entries);
    const before = answers(previous);
    const { changes } = deltaOf(entries, 3000, 300, 2);
    previous.updated(changes);
    expect(answers(previous)).toEqual(before);
    expect(() => previous.updated(changes)).toThrow(/already updated/);
  });

  it('a guide changed only in what it filters on keeps its place and is filtered anew', () => {
    const search = new GuideSearch(entries);
    const target = search.search('社会保障卡申领', { now: NOW })[0]?.guide as GuideEntry;
    const withdrawn = search.updated({ upserted: [{ ...target, cancelledFrom: '2020-01-01T00:00:00.000Z' }], removed: [] });
    expect(withdrawn.search('社会保障卡申领', { limit: 1000, now: NOW }).map((hit) => hit.guide.taskCode)).not.toContain(target.taskCode);
    expect(withdrawn.stats.changedNames).toBe(0);
  });
});

describe('readings as a lattice', () => {
  it('finds pinyin and initials that need two unusual readings at once (行 as hang and 区 as ou)', async () => {
    const fixture = new CatalogueStore(':memory:');
    fixture.importJsonLines(await readFile(path.resolve(import.meta.dirname, '../../fixtures/catalogue/guides.jsonl'), 'utf8'));
    const search = new GuideSearch(fixture.entries());
    fixture.close();
    expect(search.search('hangou').map((hit) => hit.guide.taskName)).toEqual(['闵行区居住证办理']);
    expect(search.search('mho').map((hit) => [hit.guide.taskName, hit.match])).toEqual([['闵行区居住证办理', 'initials']]);
  });
});
