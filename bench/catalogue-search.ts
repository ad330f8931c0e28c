import { CatalogueStore } from '../main/catalogue/catalogue-store.ts';
import { GuideSearch } from '../main/catalogue/guide-search.ts';
import { generateGuides } from '../reference-platform/catalogue/guide-dataset.ts';

export interface CatalogueFigures {
  guides: number;
  /** The index is over distinct names: search cost grows with these, not with the guides. */
  distinctNames: number;
  importMs: number;
  indexBuildMs: number;
  /** Per query class: latency percentiles in ms over every query of the class, repeated. */
  search: Record<string, { queries: string[]; p50: number; p95: number; p99: number }>;
}

/** Chinese from one to six characters, full pinyin, initials: what citizens type, one character at a time. */
const QUERIES: Record<string, string[]> = {
  chinese: ['社', '社保', '公积金', '身份证换', '住房公积金', '社会保障卡申', '户籍', '营', '闵行', '退休待遇'],
  pinyin: ['s', 'shebao', 'gongjijin', 'shenfenzheng', 'huji', 'tuixiu', 'huankuan', 'zhufang'],
  initials: ['sb', 'gjj', 'sfz', 'hj', 'shbzk', 'jzz'],
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Import, index and search a generated catalogue of `count` guides in an in-memory database. */
export const measureCatalogue = (count: number, repeats = 20): CatalogueFigures => {
  const guides = generateGuides(count);
  const distinctNames = new Set(guides.map((guide) => guide.task_name)).size;
  const lines = guides.map((guide) => JSON.stringify(guide)).join('\n');
  const store = new CatalogueStore(':memory:');
  let started = performance.now();
  store.importJsonLines(lines);
  const importMs = performance.now() - started;
  started = performance.now();
  const search = new GuideSearch(store.entries());
  const indexBuildMs = performance.now() - started;
  const figures: CatalogueFigures['search'] = {};
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      for (const query of queries) {
        const t = performance.now();
        search.search(query, { limit: 20 });
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    figures[kind] = { queries, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)) };
  }
  store.close();
  return { guides: count, distinctNames, importMs: Math.round(importMs), indexBuildMs: Math.round(indexBuildMs), search: figures };
};
