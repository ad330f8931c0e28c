import type { GuideEntry } from './catalogue-store.ts';
import { CHARS } from './char-readings.ts';
import { inForce, servesAudience } from './guide-filters.ts';
import { GuideOrder } from './guide-order.ts';
import { AUDIENCE, NameSegment, type NamedGuides } from './name-segment.ts';
import { either, filtered, type Cursor } from './posting-cursor.ts';
import { readingsOf } from './pinyin-readings.ts';
import { mergeRanked, type RankedNames } from './ranked-merge.ts';
import { SEARCH_ALIASES } from './search-aliases.ts';

/** How a guide matched, best first; the ranking follows this order, then popularity. */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'alias' | 'pinyin' | 'initials';

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

/** What changed in the catalogue: guides new or changed (by task code), and the task codes removed. */
export interface SearchChanges {
  upserted: readonly GuideEntry[];
  removed: readonly string[];
}

const SEPARATOR = '\u0001';
const isLetters = (query: string) => /^[a-z]+$/.test(query);

/** Each short form also by its pinyin and initials, so shebao and sb find what 社保 finds. */
const ALIAS_KEYS = SEARCH_ALIASES.map(([short, long]) => {
  const readings = readingsOf(short);
  return { short, long, pinyin: readings.map((r) => r[0] ?? '').join(''), initials: readings.map((r) => (r[0] ?? '')[0] ?? '').join('') };
});

/** The names changed since the main segment was built are kept in a small tail segment until it grows past this. */
const TAIL_LIMIT = (mainNames: number) => Math.max(4096, mainNames >> 2);

/**
 * One version of the index. Structures are never changed once a version serves (an update makes the next
 * version, sharing what did not change), except the lookups used only to make the next version.
 */
interface IndexState {
  /** Guides by slot; a removed guide leaves an empty slot. */
  guides: ReadonlyArray<GuideEntry | undefined>;
  order: GuideOrder;
  main: NameSegment;
  /** Names of the main segment changed since (now in the tail, or gone). */
  mainDead: Uint8Array;
  tail: NameSegment;
  /** Made on the first update and handed down: a slot per task code, a main-segment id per name. */
  updating: { slotOfCode: Map<string, number>; mainIdOf: Map<string, number> } | null;
}

/** Groups the guides of the names kept by their names, in ranking order: names by their best guide. */
const namesInOrder = (state: Pick<IndexState, 'guides' | 'order'>, keep: (name: string) => boolean): NamedGuides[] => {
  const byName = new Map<string, NamedGuides>();
  for (const slot of state.order.slots) {
    const guide = state.guides[slot] as GuideEntry;
    let named = byName.get(guide.taskName);
    if (named === undefined) {
      if (!keep(guide.taskName)) continue;
      named = { name: guide.taskName, slots: [], audiences: 0 };
      byName.set(guide.taskName, named);
    }
    (named.slots as number[]).push(slot);
    named.audiences |= (servesAudience(guide.serverTypes, 'natural') ? AUDIENCE.natural : 0) | (servesAudience(guide.serverTypes, 'legal') ? AUDIENCE.legal : 0);
  }
  return [...byName.values()];
};

const EMPTY_SEGMENT = new NameSegment([]);

const built = (guides: ReadonlyArray<GuideEntry | undefined>, order: GuideOrder, updating: IndexState['updating']): IndexState => {
  const main = new NameSegment(namesInOrder({ guides, order }, () => true));
  return { guides, order, main, mainDead: new Uint8Array(main.size), tail: EMPTY_SEGMENT, updating: updating === null ? null : { ...updating, mainIdOf: mainIdsOf(main) } };
};

const mainIdsOf = (main: NameSegment) => new Map(main.names.map((name, id) => [name, id]));

/** The next version: changed guides put in their slots, their names (old and new) rebuilt in the tail. */
const withChanges = (state: IndexState, changes: SearchChanges): IndexState => {
  const updating = state.updating ?? {
    slotOfCode: new Map(state.guides.flatMap((guide, slot) => (guide === undefined ? [] : [[guide.taskCode, slot] as const]))),
    mainIdOf: mainIdsOf(state.main),
  };
  const { slotOfCode, mainIdOf } = updating;
  const guides = state.guides.slice();
  const moved = new Set<number>();
  const dirty = new Set<string>(state.tail.names);
  for (const code of changes.removed) {
    const slot = slotOfCode.get(code);
    if (slot === undefined) continue;
    dirty.add((guides[slot] as GuideEntry).taskName);
    guides[slot] = undefined;
    slotOfCode.delete(code);
    moved.add(slot);
  }
  for (const guide of changes.upserted) {
    let slot = slotOfCode.get(guide.taskCode);
    const held = slot === undefined ? undefined : guides[slot];
    if (slot === undefined || held === undefined) {
      slot = guides.length;
      guides.push(guide);
      slotOfCode.set(guide.taskCode, slot);
    } else {
      guides[slot] = guide;
      // Same name, same popularity: the guide keeps its place, its name's lists stand.
      if (held.taskName === guide.taskName && held.popularity === guide.popularity) continue;
      dirty.add(held.taskName);
    }
    dirty.add(guide.taskName);
    moved.add(slot);
  }
  const order = moved.size === 0 ? state.order : state.order.changed(guides, moved);
  const mainDead = state.mainDead.slice();
  for (const name of dirty) {
    const id = mainIdOf.get(name);
    if (id !== undefined) mainDead[id] = 1;
  }
  if (dirty.size > TAIL_LIMIT(state.main.size)) return built(guides, order, updating);
  const tail = new NameSegment(namesInOrder({ guides, order }, (name) => dirty.has(name)));
  return { guides, order, main: state.main, mainDead, tail, updating };
};

/**
 * Finds guides the way citizens type: Chinese from one character, full toneless pinyin (every reading of
 * polyphonic characters, in any mix, ü as v or u), pinyin initials, and the usual short forms (社保, 公积金 …, also by
 * their pinyin and initials). Ranking: exact name, prefix, substring, short form, pinyin, initials, then popularity,
 * then the shorter name. Guides that cannot be handled at a terminal are found too (the screen sends the citizen
 * to the window or the phone).
 *
 * The index is over distinct names (one item is offered by many offices under one name), kept in ranking order
 * in n-gram postings (name-segment.ts), so a query costs what its results cost, not what the catalogue holds.
 */
export class GuideSearch {
  #state: IndexState;
  /** Per query scratch: names taken by an earlier kind of match, per segment. */
  #taken: [Uint8Array, Uint8Array];
  #superseded = false;

  /**
   * Builds the index. Given the index it replaces, only the guides that differ are indexed again (as `updated`
   * does); the previous index keeps serving unchanged, but cannot be updated again.
   */
  constructor(guides: readonly GuideEntry[], previous?: GuideSearch) {
    if (previous === undefined) {
      const slots = [...guides];
      this.#state = built(slots, GuideOrder.of(slots), null);
    } else {
      this.#state = previous.#next(previous.#differences(guides));
    }
    this.#taken = [new Uint8Array(this.#state.main.size), new Uint8Array(this.#state.tail.size)];
  }

  /** The index after a change (a delta): costs what the change touches. This index keeps serving as it was. */
  updated(changes: SearchChanges): GuideSearch {
    const next = new GuideSearch([]);
    next.#state = this.#next(changes);
    next.#taken = [new Uint8Array(next.#state.main.size), new Uint8Array(next.#state.tail.size)];
    return next;
  }

  /** Sizes, for the bench's account of the index. */
  get stats(): { names: number; changedNames: number; postingEntries: number } {
    const { main, tail } = this.#state;
    return { names: main.size + tail.size, changedNames: tail.size, postingEntries: main.postingEntries + tail.postingEntries };
  }

  #next(changes: SearchChanges): IndexState {
    if (this.#superseded) throw new Error('this search index was already updated: update the newest one');
    this.#superseded = true;
    return withChanges(this.#state, changes);
  }

  /** Every guide of a whole new list (each replaces the one with its task code), and the task codes gone. */
  #differences(guides: readonly GuideEntry[]): SearchChanges {
    const gone = new Set<string>();
    for (const guide of this.#state.guides) if (guide !== undefined) gone.add(guide.taskCode);
    for (const guide of guides) gone.delete(guide.taskCode);
    return { upserted: guides, removed: [...gone] };
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchHit[] {
    const query = rawQuery.trim().toLowerCase().replaceAll(' ', '').replaceAll('ü', 'v').replaceAll(SEPARATOR, '');
    if (query === '') return [];
    const letters = isLetters(query);
    const now = (options.now ?? new Date()).toISOString();
    const limit = options.limit ?? 20;
    if (limit <= 0) return [];
    const { audience, deptName } = options;
    const state = this.#state;
    const hits: SearchHit[] = [];
    const touched: Array<[Uint8Array, number]> = [];

    const aliases: string[] = [];
    for (const { short, long, pinyin, initials } of ALIAS_KEYS) {
      if (query.includes(short)) aliases.push(query.replace(short, long));
      else if (letters && query.length >= 2 && (query === pinyin || query === initials)) aliases.push(long);
    }
    const starters = letters && query.length >= 2 ? CHARS.startersOf(query) : null;
    const kinds: Array<[MatchKind, ((segment: NameSegment) => Cursor) | null]> = [
      ['exact', (segment) => segment.named(query)],
      ['prefix', (segment) => segment.startingWith(query)],
      ['substring', (segment) => segment.holding(query)],
      ['alias', aliases.length === 0 ? null : (segment) => either(aliases.map((alias) => segment.holding(alias)))],
      ['pinyin', !letters ? null : starters === null ? (segment) => segment.firstSyllableStartingWith(query) : (segment) => segment.spelling(query, starters)],
      ['initials', letters && query.length >= 2 ? (segment) => segment.withInitials(query) : null],
    ];

    const segments = [state.main, state.tail] as const;
    for (const [match, cursorFor] of kinds) {
      if (cursorFor === null) continue;
      const sources = segments.map((segment, s): RankedNames => {
        const taken = this.#taken[s] as Uint8Array;
        const dead = s === 0 ? state.mainDead : null;
        // Names none of whose guides serve the audience are passed over without looking at their guides.
        const wanted = audience === undefined ? -1 : AUDIENCE[audience];
        const audiences = segment.audiences;
        return {
          cursor: filtered(cursorFor(segment), (name) => taken[name] !== 1 && (dead === null || dead[name] !== 1) && (wanted === -1 || ((audiences[name] ?? 0) & wanted) !== 0)),
          leadOf: (name) => segment.leadOf(name),
          guidesOf: (name) => segment.guidesOf(name),
          taken: (name) => {
            taken[name] = 1;
            touched.push([taken, name]);
          },
        };
      });
      mergeRanked(sources, state.order.rankOf, (slot) => {
        const guide = state.guides[slot] as GuideEntry;
        if (!inForce(guide, now)) return true;
        if (audience !== undefined && !servesAudience(guide.serverTypes, audience)) return true;
        if (deptName !== undefined && guide.deptName !== deptName) return true;
        hits.push({ guide, match });
        return hits.length < limit;
      });
      if (hits.length >= limit) break;
    }
    for (const [taken, name] of touched) taken[name] = 0;
    return hits;
  }
}
