import { CHARS } from './char-readings.ts';
import { END, cursorOf, filtered, intersection, union, type Cursor } from './posting-cursor.ts';
import { PostingsBuilder, type Postings } from './postings.ts';
import { charIdsOf, initialsMatch, pinyinMatches } from './reading-lattice.ts';

/** A distinct name, the slots of its guides (best first), and whom they serve (AUDIENCE bits, any guide). */
export interface NamedGuides {
  name: string;
  slots: readonly number[];
  audiences: number;
}

export const AUDIENCE = { natural: 1, legal: 2 } as const;

/** Pairs of characters are keyed as one int32: first * width + second. */
const MAX_WIDTH = 46_340;

const LETTERS = 26;

/** A non-negative int32 hash of a whole text (FNV-1a), the key of the exact-name postings. */
const hashOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x7fffffff;
};
const letterOf = (text: string, at: number) => text.charCodeAt(at) - 97;

let scratch = new Int32Array(256);
/** The character ids of a name (into a buffer reused across calls: the search is synchronous). */
const idsOf = (text: string): number => {
  let length = charIdsOf(text, scratch);
  if (length > scratch.length) {
    scratch = new Int32Array(length * 2);
    length = charIdsOf(text, scratch);
  }
  return length;
};

/**
 * Distinct names in ranking order (by their best guide), each with its guides, indexed by n-grams: ids are
 * positions in that order, so every posting list is already ranked and a query reads only as far down its
 * lists as the results it returns. Keys: each character and each pair of adjacent characters, anywhere and at the
 * start; the first letters of the first character's readings; each pair of adjacent characters' initials (any
 * reading). Pinyin is matched on the characters' lattice (reading-lattice.ts), reached by the postings of the
 * characters a query can begin on. Immutable: a change builds another segment.
 */
export class NameSegment {
  readonly names: readonly string[];
  /** Lower-cased names, what queries are matched against (the same string when nothing changed). */
  readonly texts: readonly string[];
  readonly #guideOffsets: Int32Array;
  readonly #guideSlots: Int32Array;
  /** Per name: AUDIENCE bits of its guides. */
  readonly audiences: Uint8Array;
  /** Pairs of characters are keyed first * width + second, width the number of characters known at the build. */
  readonly #width: number;
  readonly #whole: Postings;
  readonly #contains: Postings;
  readonly #containsPair: Postings;
  readonly #starts: Postings;
  readonly #startsPair: Postings;
  readonly #firstLetter: Postings;
  readonly #initialsPair: Postings;

  constructor(entries: readonly NamedGuides[]) {
    this.names = entries.map((entry) => entry.name);
    this.texts = this.names.map((name) => {
      const lower = name.toLowerCase();
      return lower === name ? name : lower;
    });
    const guideOffsets = new Int32Array(entries.length + 1);
    entries.forEach((entry, i) => (guideOffsets[i + 1] = (guideOffsets[i] ?? 0) + entry.slots.length));
    const guideSlots = new Int32Array(guideOffsets[entries.length] ?? 0);
    entries.forEach((entry, i) => guideSlots.set(entry.slots, guideOffsets[i] ?? 0));
    this.#guideOffsets = guideOffsets;
    this.#guideSlots = guideSlots;
    this.audiences = Uint8Array.from(entries, (entry) => entry.audiences);

    // Character ids of every name, registered before the width of pair keys is fixed.
    const charOffsets = new Int32Array(entries.length + 1);
    const chars = new Int32Array(this.texts.reduce((sum, text) => sum + text.length, 0));
    this.texts.forEach((text, i) => {
      let at = charOffsets[i] ?? 0;
      for (const char of text) chars[at++] = CHARS.idOf(char.codePointAt(0) ?? 0);
      charOffsets[i + 1] = at;
    });
    const width = CHARS.size;
    if (width > MAX_WIDTH) throw new Error(`the catalogue's names hold ${width} distinct characters; the search index takes at most ${MAX_WIDTH}`);
    this.#width = width;
    const [whole, contains, containsPair, starts, startsPair, firstLetter, initialsPair] = [
      new PostingsBuilder(null),
      new PostingsBuilder(width),
      new PostingsBuilder(null),
      new PostingsBuilder(width),
      new PostingsBuilder(null),
      new PostingsBuilder(LETTERS),
      new PostingsBuilder(LETTERS * LETTERS),
    ] as const;
    for (const pass of ['count', 'add'] as const) {
      for (let name = 0; name < entries.length; name++) {
        const from = charOffsets[name] ?? 0;
        const to = charOffsets[name + 1] ?? 0;
        if (from === to) continue;
        whole[pass](hashOf(this.texts[name] ?? ''), name);
        const first = chars[from] ?? 0;
        starts[pass](first, name);
        for (const reading of CHARS.readings[first] ?? []) {
          const letter = letterOf(reading, 0);
          if (letter >= 0 && letter < LETTERS) firstLetter[pass](letter, name);
        }
        if (to - from >= 2) startsPair[pass](first * width + (chars[from + 1] ?? 0), name);
        for (let at = from; at < to; at++) {
          const char = chars[at] ?? 0;
          contains[pass](char, name);
          if (at + 1 >= to) continue;
          const next = chars[at + 1] ?? 0;
          containsPair[pass](char * width + next, name);
          for (const a of CHARS.initialLetters[char] ?? []) for (const b of CHARS.initialLetters[next] ?? []) initialsPair[pass](a * LETTERS + b, name);
        }
      }
    }
    this.#whole = whole.build();
    this.#contains = contains.build();
    this.#containsPair = containsPair.build();
    this.#starts = starts.build();
    this.#startsPair = startsPair.build();
    this.#firstLetter = firstLetter.build();
    this.#initialsPair = initialsPair.build();
  }

  get size(): number {
    return this.names.length;
  }

  /** How many posting entries the segment holds (for the bench's account of memory). */
  get postingEntries(): number {
    return [this.#whole, this.#contains, this.#containsPair, this.#starts, this.#startsPair, this.#firstLetter, this.#initialsPair].reduce((sum, p) => sum + p.entries, 0);
  }

  /** The guide slots of a name, best first. */
  guidesOf(name: number): Int32Array {
    return this.#guideSlots.subarray(this.#guideOffsets[name] ?? 0, this.#guideOffsets[name + 1] ?? 0);
  }

  leadOf(name: number): number {
    return this.#guideSlots[this.#guideOffsets[name] ?? 0] ?? -1;
  }

  /** The pair keys of a text's adjacent characters; null when a character is in no name of this segment. */
  #pairsOf(text: string): number[] | null {
    const ids: number[] = [];
    for (const char of text) {
      const id = CHARS.find(char.codePointAt(0) ?? 0);
      if (id < 0 || id >= this.#width) return null;
      ids.push(id);
    }
    const pairs: number[] = [];
    for (let i = 0; i + 1 < ids.length; i++) pairs.push((ids[i] ?? 0) * this.#width + (ids[i + 1] ?? 0));
    return pairs;
  }

  #single(text: string): number {
    const id = CHARS.find(text.codePointAt(0) ?? 0);
    return id >= this.#width ? -1 : id;
  }

  /** The name that is the text (lower-cased); more than one only if names differ in case alone. */
  named(text: string): Cursor {
    return filtered(cursorOf(this.#whole.of(hashOf(text))), (name) => this.texts[name] === text);
  }

  /** Names that start with the text (lower-cased, as every query). */
  startingWith(text: string): Cursor {
    if ([...text].length === 1) return cursorOf(this.#starts.of(this.#single(text)));
    const pairs = this.#pairsOf(text);
    if (pairs === null) return END;
    const list = cursorOf(this.#startsPair.of(pairs[0] ?? -1));
    return pairs.length === 1 ? list : filtered(list, (name) => (this.texts[name] ?? '').startsWith(text));
  }

  /** Names that hold the text anywhere. */
  holding(text: string): Cursor {
    if ([...text].length === 1) return cursorOf(this.#contains.of(this.#single(text)));
    const pairs = this.#pairsOf(text);
    if (pairs === null) return END;
    const lists = [...new Set(pairs)].map((pair) => this.#containsPair.of(pair));
    return pairs.length === 1 ? cursorOf(lists[0] as Int32Array) : filtered(intersection(lists), (name) => (this.texts[name] ?? '').includes(text));
  }

  /** Names whose first character has a reading beginning with the letter. */
  firstSyllableStartingWith(letter: string): Cursor {
    return cursorOf(this.#firstLetter.of(letterOf(letter, 0)));
  }

  /**
   * Names that hold the pinyin (letters only, two or more), starting on a syllable; `starters` from
   * CharReadings.startersOf. Candidates: names holding a character whose reading the query ends in (she: shen), or
   * a pair whose first character's reading the query starts with and whose second can go on with the rest
   * (shebao: 社 then 保, 宝 …), so a common first syllable followed by what no name holds reads few names.
   */
  spelling(query: string, starters: Uint8Array): Cursor {
    const lists: Int32Array[] = [];
    for (const id of CHARS.completing(query)) if (id < this.#width) lists.push(this.#contains.of(id));
    for (const reading of CHARS.readingsBeginning(query)) {
      const rest = query.slice(reading.length);
      const next = [...CHARS.completing(rest), ...CHARS.readingsBeginning(rest).flatMap((r) => CHARS.reading(r))].filter((id) => id < this.#width);
      for (const first of CHARS.reading(reading)) {
        if (first >= this.#width) continue;
        for (const second of next) {
          const list = this.#containsPair.of(first * this.#width + second);
          if (list.length > 0) lists.push(list);
        }
      }
    }
    return filtered(union(lists), (name) => {
      const length = idsOf(this.texts[name] ?? '');
      return pinyinMatches(scratch, length, query, starters);
    });
  }

  /** Names that hold the initials (letters only, two or more) on adjacent characters. */
  withInitials(query: string): Cursor {
    const pairs = new Set<number>();
    for (let i = 0; i + 1 < query.length; i++) pairs.add(letterOf(query, i) * LETTERS + letterOf(query, i + 1));
    const lists = [...pairs].map((pair) => this.#initialsPair.of(pair));
    const candidates = intersection(lists);
    return query.length === 2
      ? candidates
      : filtered(candidates, (name) => {
          const length = idsOf(this.texts[name] ?? '');
          return initialsMatch(scratch, length, query);
        });
  }
}
