import { polyphonic } from 'pinyin-pro';

/**
 * Every toneless reading of a character, once per character (not per name): a polyphonic character keeps all its
 * readings (还: hai and huan; 行: xing, hang and heng), ü is written both v and u (citizens type either), and a
 * character that is not Chinese stands for itself, lower-cased.
 */
const readingsOfChar = (char: string): string[] => {
  const found = (polyphonic(char, { toneType: 'none', type: 'array', v: true }) as string[][])[0] ?? [];
  if (found.length === 0 || found[0] === char) return [char.toLowerCase()];
  const all = new Set<string>();
  for (const reading of found) {
    all.add(reading);
    if (reading.includes('v')) all.add(reading.replaceAll('v', 'u'));
  }
  return [...all];
};

const isLetter = (code: number) => code >= 97 && code <= 122;

/**
 * The characters the search has met, each with a small dense id, its readings and the letters its readings begin
 * with: the lattice of a name is its characters, each standing for these readings, so no spelling is ever copied.
 * Shared by every index (a character reads the same in every catalogue); it only grows.
 */
export class CharReadings {
  readonly #bmp = new Int32Array(0x10000).fill(-1);
  readonly #astral = new Map<number, number>();
  /** Per character id: its readings, and the distinct letters they begin with. */
  readonly readings: string[][] = [];
  readonly initials: string[] = [];
  readonly #byReading = new Map<string, number[]>();
  #sortedReadings: string[] | null = null;

  get size(): number {
    return this.readings.length;
  }

  /** The id of a code point, or -1 if no indexed name holds it. */
  find(codePoint: number): number {
    return codePoint < 0x10000 ? (this.#bmp[codePoint] ?? -1) : (this.#astral.get(codePoint) ?? -1);
  }

  /** The id of a code point, given one (with its readings) the first time it is met. */
  idOf(codePoint: number): number {
    const known = this.find(codePoint);
    if (known >= 0) return known;
    const id = this.readings.length;
    if (codePoint < 0x10000) this.#bmp[codePoint] = id;
    else this.#astral.set(codePoint, id);
    const readings = readingsOfChar(String.fromCodePoint(codePoint));
    this.readings.push(readings);
    let initials = '';
    for (const reading of readings) {
      const letter = reading[0] ?? '';
      if (!initials.includes(letter)) initials += letter;
      const chars = this.#byReading.get(reading);
      if (chars === undefined) this.#byReading.set(reading, [id]);
      else chars.push(id);
    }
    this.initials.push(initials);
    this.#sortedReadings = null;
    return id;
  }

  /** The ids of a text's characters (code points), each given an id if new. */
  idsOf(text: string): Int32Array {
    const ids: number[] = [];
    for (const char of text) ids.push(this.idOf(char.codePointAt(0) ?? 0));
    return Int32Array.from(ids);
  }

  /**
   * Characters a pinyin query can begin on: a reading that the query starts with (she for shehui), or one that starts
   * with the whole query (shen for she). Returned as a mark per character id.
   */
  startersOf(query: string): Uint8Array {
    const marks = new Uint8Array(this.readings.length);
    for (let length = 1; length <= Math.min(query.length, 6); length++) {
      for (const id of this.#byReading.get(query.slice(0, length)) ?? []) marks[id] = 1;
    }
    const sorted = (this.#sortedReadings ??= [...this.#byReading.keys()].sort());
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? '') < query) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length && (sorted[i] ?? '').startsWith(query); i++) {
      for (const id of this.#byReading.get(sorted[i] ?? '') ?? []) marks[id] = 1;
    }
    return marks;
  }

  /** The letter codes (a–z) the readings of a character begin with. */
  initialLettersOf(id: number): number[] {
    const letters: number[] = [];
    const initials = this.initials[id] ?? '';
    for (let i = 0; i < initials.length; i++) {
      const code = initials.charCodeAt(i);
      if (isLetter(code)) letters.push(code - 97);
    }
    return letters;
  }
}

/** The one table of the process. */
export const CHARS = new CharReadings();
