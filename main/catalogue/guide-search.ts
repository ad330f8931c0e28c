import type { GuideEntry } from './catalogue-store.ts';
import { matchesInitials, matchesPinyin, readingsOf } from './pinyin-readings.ts';
import { SEARCH_ALIASES } from './search-aliases.ts';

/** How a guide matched, best first; the ranking follows this order, then popularity. */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'alias' | 'pinyin' | 'initials';
const RANK: Readonly<Record<MatchKind, number>> = { exact: 0, prefix: 1, substring: 2, alias: 3, pinyin: 4, initials: 5 };

export interface SearchHit {
  guide: GuideEntry;
  match: MatchKind;
}

export interface SearchOptions {
  limit?: number;
  /** natural: serves 自然人 (1); legal: serves legal persons and organisations (2-5, 9). */
  audience?: 'natural' | 'legal';
  deptName?: string;
  /** Guides outside their plan_effective / plan_cancel dates are left out at this moment. */
  now?: Date;
}

interface IndexedGuide {
  guide: GuideEntry;
  name: string;
  readings: string[][];
}

const LEGAL = new Set(['2', '3', '4', '5', '9']);

/** Each short form also by its pinyin and initials, so shebao and sb find what 社保 finds. */
const ALIAS_KEYS = SEARCH_ALIASES.map(([short, long]) => {
  const readings = readingsOf(short);
  return { short, long, pinyin: readings.map((r) => r[0] ?? '').join(''), initials: readings.map((r) => (r[0] ?? '')[0] ?? '').join('') };
});
const isLetters = (query: string) => /^[a-zü]+$/.test(query);

/**
 * Finds guides the way citizens type: Chinese from one character, full toneless pinyin, pinyin initials, and the
 * usual short forms (社保, 公积金 …). Ranking: exact name, prefix, substring, alias, pinyin, initials, then
 * popularity, then the shorter name. Guides that cannot be handled at a terminal are found too (the screen sends
 * the citizen to the window or the phone).
 */
export class GuideSearch {
  readonly #index: IndexedGuide[];

  constructor(guides: readonly GuideEntry[]) {
    this.#index = guides.map((guide) => ({ guide, name: guide.taskName, readings: readingsOf(guide.taskName) }));
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const query = rawQuery.trim().toLowerCase().replaceAll(' ', '').replaceAll('ü', 'v');
    if (query === '') return [];
    const letters = isLetters(query);
    const aliasQueries = ALIAS_KEYS.flatMap(({ short, long, pinyin, initials }) => {
      if (query.includes(short)) return [query.replace(short, long)];
      if (letters && query.length >= 2 && (query === pinyin || query === initials)) return [long];
      return [];
    });
    const now = (options.now ?? new Date()).toISOString();
    const hits: SearchHit[] = [];
    for (const item of this.#index) {
      const { guide } = item;
      if (guide.effectiveFrom !== null && guide.effectiveFrom > now) continue;
      if (guide.cancelledFrom !== null && guide.cancelledFrom <= now) continue;
      if (options.audience === 'natural' && !guide.serverTypes.includes('1')) continue;
      if (options.audience === 'legal' && !guide.serverTypes.some((type) => LEGAL.has(type))) continue;
      if (options.deptName !== undefined && guide.deptName !== options.deptName) continue;
      const match = this.#match(item, query, aliasQueries, letters);
      if (match !== null) hits.push({ guide, match });
    }
    hits.sort(
      (a, b) =>
        RANK[a.match] - RANK[b.match] ||
        b.guide.popularity - a.guide.popularity ||
        a.guide.taskName.length - b.guide.taskName.length ||
        a.guide.taskCode.localeCompare(b.guide.taskCode),
    );
    return hits.slice(0, options.limit ?? 20);
  }

  #match(item: IndexedGuide, query: string, aliasQueries: readonly string[], letters: boolean): MatchKind | null {
    const name = item.name.toLowerCase();
    if (name === query) return 'exact';
    if (name.startsWith(query)) return 'prefix';
    if (name.includes(query)) return 'substring';
    if (aliasQueries.some((alias) => name.includes(alias))) return 'alias';
    if (!letters) return null;
    if (matchesPinyin(item.readings, query) >= 0) return 'pinyin';
    if (query.length >= 2 && matchesInitials(item.readings, query) >= 0) return 'initials';
    return null;
  }
}
