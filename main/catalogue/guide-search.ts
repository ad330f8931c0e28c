import type { GuideEntry } from './catalogue-store.ts';
import { readingsOf, spellingsOf, type PinyinSpelling } from './pinyin-readings.ts';
import { SEARCH_ALIASES } from './search-aliases.ts';
import { inForce, servesAudience } from './guide-filters.ts';

/** How a guide matched, best first; the ranking follows this order, then popularity. */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'alias' | 'pinyin' | 'initials';
const KINDS: readonly MatchKind[] = ['exact', 'prefix', 'substring', 'alias', 'pinyin', 'initials'];
const RANK: Readonly<Record<MatchKind, number>> = { exact: 0, prefix: 1, substring: 2, alias: 3, pinyin: 4, initials: 5 };
const NO_MATCH = 127;

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

const SEPARATOR = '\u0001';
const isLetters = (query: string) => /^[a-z]+$/.test(query);

/** Each short form also by its pinyin and initials, so shebao and sb find what 社保 finds. */
const ALIAS_KEYS = SEARCH_ALIASES.map(([short, long]) => {
  const readings = readingsOf(short);
  return { short, long, pinyin: readings.map((r) => r[0] ?? '').join(''), initials: readings.map((r) => (r[0] ?? '')[0] ?? '').join('') };
});

/**
 * Many texts in one string, so that native indexOf does the scanning: each hit's offset maps back to the text
 * (and its guide) by binary search. A query never contains the separator, so no hit spans two texts.
 */
class Haystack {
  readonly text: string;
  readonly #starts: Int32Array;
  readonly owners: Int32Array;
  /** Offsets a hit may start at (syllable starts); null when every offset may. */
  readonly #allowed: Uint8Array | null;

  constructor(texts: ReadonlyArray<{ text: string; owner: number; allowedStarts?: readonly number[] }>, withAllowedStarts: boolean) {
    const starts = new Int32Array(texts.length);
    const owners = new Int32Array(texts.length);
    let length = 0;
    texts.forEach((entry, i) => {
      starts[i] = length;
      owners[i] = entry.owner;
      length += entry.text.length + 1;
    });
    this.text = texts.map((entry) => entry.text).join(SEPARATOR);
    this.#starts = starts;
    this.owners = owners;
    if (withAllowedStarts) {
      const allowed = new Uint8Array(length + 1);
      texts.forEach((entry, i) => {
        for (const offset of entry.allowedStarts ?? []) allowed[(starts[i] ?? 0) + offset] = 1;
      });
      this.#allowed = allowed;
    } else this.#allowed = null;
  }

  /** Calls back with (text index, offset in that text) for every occurrence of the query. */
  scan(query: string, found: (textIndex: number, offset: number) => void): void {
    for (let at = this.text.indexOf(query); at >= 0; at = this.text.indexOf(query, at + 1)) {
      if (this.#allowed !== null && this.#allowed[at] !== 1) continue;
      let low = 0;
      let high = this.#starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((this.#starts[middle] ?? 0) <= at) low = middle;
        else high = middle - 1;
      }
      found(low, at - (this.#starts[low] ?? 0));
    }
  }
}

/**
 * Finds guides the way citizens type: Chinese from one character, full toneless pinyin (every reading of
 * polyphonic characters, ü as v or u), pinyin initials, and the usual short forms (社保, 公积金 …, also by their
 * pinyin and initials). Ranking: exact name, prefix, substring, short form, pinyin, initials, then popularity,
 * then the shorter name. Guides that cannot be handled at a terminal are found too (the screen sends the
 * citizen to the window or the phone).
 */
export class GuideSearch {
  readonly #guides: readonly GuideEntry[];
  /** The index is over distinct names (one item is offered by many offices under one name); each has its guides. */
  readonly #guidesOfName: number[][];
  readonly #nameLengths: Int32Array;
  readonly #names: Haystack;
  readonly #pinyin: Haystack;
  readonly #initials: Haystack;
  /** Names by the first letter of each spelling: a one-letter query means "names whose first syllable starts so". */
  readonly #byFirstLetter = new Map<string, number[]>();
  /** Per query scratch: the best match kind per name, and which names were touched. */
  readonly #rank: Int8Array;

  /** Each distinct name's pinyin spellings (the costly part of building), handed to the next index after a sync. */
  readonly #spellings = new Map<string, PinyinSpelling[]>();

  /**
   * Builds the index. Given the index it replaces, names it already spelled are not spelled again, so the rebuild
   * after a delta costs little more than the changed names.
   */
  constructor(guides: readonly GuideEntry[], previous?: GuideSearch) {
    this.#guides = guides;
    const nameIndex = new Map<string, number>();
    const distinct: string[] = [];
    this.#guidesOfName = [];
    guides.forEach((guide, i) => {
      let index = nameIndex.get(guide.taskName);
      if (index === undefined) {
        index = distinct.length;
        nameIndex.set(guide.taskName, index);
        distinct.push(guide.taskName);
        this.#guidesOfName.push([]);
      }
      this.#guidesOfName[index]?.push(i);
    });
    this.#nameLengths = Int32Array.from(distinct, (name) => name.length);
    this.#names = new Haystack(distinct.map((name, owner) => ({ text: name.toLowerCase(), owner })), false);
    const spellings = distinct.flatMap((name, owner) => {
      const known = (previous === undefined ? undefined : previous.#spellings.get(name)) ?? spellingsOf(readingsOf(name));
      this.#spellings.set(name, known);
      return known.map((spelling) => ({ spelling, owner }));
    });
    this.#pinyin = new Haystack(
      spellings.map(({ spelling, owner }) => ({
        text: spelling.letters,
        owner,
        allowedStarts: [...spelling.syllableStarts.keys()].filter((offset) => spelling.syllableStarts[offset] === 1),
      })),
      true,
    );
    this.#initials = new Haystack(spellings.map(({ spelling, owner }) => ({ text: spelling.initials, owner })), false);
    for (const { spelling, owner } of spellings) {
      const letter = spelling.letters[0];
      if (letter === undefined) continue;
      const list = this.#byFirstLetter.get(letter) ?? [];
      if (list.at(-1) !== owner) list.push(owner);
      this.#byFirstLetter.set(letter, list);
    }
    this.#rank = new Int8Array(distinct.length).fill(NO_MATCH);
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const query = rawQuery.trim().toLowerCase().replaceAll(' ', '').replaceAll('ü', 'v').replaceAll(SEPARATOR, '');
    if (query === '') return [];
    const letters = isLetters(query);
    const touched: number[] = [];
    const mark = (name: number, kind: MatchKind) => {
      const rank = RANK[kind];
      const current = this.#rank[name] ?? NO_MATCH;
      if (current === NO_MATCH) touched.push(name);
      if (rank < current) this.#rank[name] = rank;
    };

    this.#names.scan(query, (text, offset) => {
      const name = this.#names.owners[text] ?? 0;
      mark(name, offset > 0 ? 'substring' : query.length === this.#nameLengths[name] ? 'exact' : 'prefix');
    });
    for (const { short, long, pinyin, initials } of ALIAS_KEYS) {
      const expanded = query.includes(short) ? query.replace(short, long) : letters && query.length >= 2 && (query === pinyin || query === initials) ? long : null;
      if (expanded !== null) this.#names.scan(expanded, (text) => mark(this.#names.owners[text] ?? 0, 'alias'));
    }
    if (letters && query.length === 1) {
      for (const name of this.#byFirstLetter.get(query) ?? []) mark(name, 'pinyin');
    } else if (letters) {
      this.#pinyin.scan(query, (text) => mark(this.#pinyin.owners[text] ?? 0, 'pinyin'));
      if (query.length >= 2) this.#initials.scan(query, (text) => mark(this.#initials.owners[text] ?? 0, 'initials'));
    }

    const now = (options.now ?? new Date()).toISOString();
    const limit = options.limit ?? 20;
    const best: SearchHit[] = [];
    for (const nameIndex of touched) {
      const match = KINDS[this.#rank[nameIndex] ?? 0] ?? 'initials';
      this.#rank[nameIndex] = NO_MATCH;
      for (const index of this.#guidesOfName[nameIndex] ?? []) {
        const guide = this.#guides[index];
        if (guide === undefined) continue;
        if (!inForce(guide, now)) continue;
        if (options.audience !== undefined && !servesAudience(guide.serverTypes, options.audience)) continue;
        if (options.deptName !== undefined && guide.deptName !== options.deptName) continue;
        // The best `limit` hits, kept sorted: a one-character query matches thousands of guides.
        const hit = { guide, match };
        const worst = best[best.length - 1];
        if (best.length >= limit && worst !== undefined && better(hit, worst) >= 0) continue;
        let low = 0;
        let high = best.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (better(hit, best[middle] as SearchHit) < 0) high = middle;
          else low = middle + 1;
        }
        best.splice(low, 0, hit);
        if (best.length > limit) best.pop();
      }
    }
    return best;
  }
}

const better = (a: SearchHit, b: SearchHit): number =>
  RANK[a.match] - RANK[b.match] ||
  b.guide.popularity - a.guide.popularity ||
  a.guide.taskName.length - b.guide.taskName.length ||
  (a.guide.taskCode < b.guide.taskCode ? -1 : a.guide.taskCode > b.guide.taskCode ? 1 : 0);
