import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CatalogueStore } from '../main/catalogue/catalogue-store.ts';
import { CatalogueSync } from '../main/catalogue/catalogue-sync.ts';
import { GuideSearch } from '../main/catalogue/guide-search.ts';
import { HttpPlatformAdapter } from '../main/platform/http-platform-adapter.ts';
import type { CatalogueChange } from '../reference-platform/catalogue/catalogue-publisher.ts';
import { generateCatalogue } from '../reference-platform/catalogue/guide-dataset.ts';
import { startReferencePlatform } from '../reference-platform/server.ts';

export interface CatalogueFigures {
  guides: number;
  bundles: number;
  /** The index is over distinct names: search cost grows with these, not with the guides. */
  distinctNames: number;
  /** kioskctl catalogue import: parse, validate and write every guide (materials as rows) to SQLite on disk. */
  importMs: number;
  indexBuildMs: number;
  /** A 1,000-guide delta (900 changed, 50 new, 50 removed) fetched from the reference platform over loopback. */
  delta: { guides: number; syncMs: number; indexRebuildMs: number };
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

/**
 * A generated catalogue of `count` guides: imported into SQLite on disk, indexed and searched; then the same
 * catalogue served by the reference platform, synced by a terminal (all regions kept), changed by 1,000 guides and
 * synced again as a delta.
 */
export const measureCatalogue = async (count: number, repeats = 20): Promise<CatalogueFigures> => {
  const data = generateCatalogue(count);
  const distinctNames = new Set(data.guides.map((guide) => guide.task_name)).size;
  const lines = [...data.guides, ...data.bundles].map((record) => JSON.stringify(record)).join('\n');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-bench-catalogue-'));
  const store = new CatalogueStore(path.join(dir, 'imported.sqlite'));
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

  const platform = await startReferencePlatform({ port: 0, guides: count });
  const synced = new CatalogueStore(path.join(dir, 'synced.sqlite'));
  try {
    const sync = new CatalogueSync({
      store: synced,
      source: new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 5000 }),
      publicKey: platform.catalogueKey,
      scope: {},
    });
    await sync.syncOnce();
    const before = new GuideSearch(synced.entries());
    const changes: CatalogueChange[] = [];
    data.guides.slice(1000, 1900).forEach((guide) => changes.push({ guide: { ...guide, task_version: 2, task_name: `${guide.task_name}（新版）` } }));
    generateCatalogue(count + 50).guides.slice(count).forEach((guide) => changes.push({ guide }));
    data.guides.slice(2000, 2050).forEach((guide) => changes.push({ removeGuide: guide.task_code }));
    platform.catalogue.publish(changes);
    started = performance.now();
    const outcome = await sync.syncOnce();
    const syncMs = performance.now() - started;
    if (outcome.kind !== 'delta') throw new Error(`expected a delta, got ${outcome.kind}`);
    started = performance.now();
    new GuideSearch(synced.entries(), before);
    const indexRebuildMs = performance.now() - started;
    return {
      guides: count,
      bundles: data.bundles.length,
      distinctNames,
      importMs: Math.round(importMs),
      indexBuildMs: Math.round(indexBuildMs),
      delta: { guides: changes.length, syncMs: Math.round(syncMs), indexRebuildMs: Math.round(indexRebuildMs) },
      search: figures,
    };
  } finally {
    synced.close();
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  }
};
