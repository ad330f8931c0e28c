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
  /** Per character id: the letters (0 for a … 25 for z) its readings begin with. */
  readonly initialLetters: number[][] = [];
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
    this.initialLetters.push([...initials].map((letter) => letter.charCodeAt(0) - 97).filter((letter) => letter >= 0 && letter < 26));
    this.#sortedReadings = null;
    return id;
  }

  /** The ids of a text's characters (code points), each given an id if new. */
  idsOf(text: string): Int32Array {
    const ids: number[] = [];
    for (const char of text) ids.push(this.idOf(char.codePointAt(0) ?? 0));
    return Int32Array.from(ids);
  }

  /** Characters with the reading. */
  reading(reading: string): readonly number[] {
    return this.#byReading.get(reading) ?? [];
  }

  /** Characters with a reading that starts with the letters (shen and sheng for she). */
  completing(letters: string): number[] {
    const sorted = (this.#sortedReadings ??= [...this.#byReading.keys()].sort());
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? '') < letters) low = middle + 1;
      else high = middle;
    }
    const ids: number[] = [];
    for (let i = low; i < sorted.length && (sorted[i] ?? '').startsWith(letters); i++) ids.push(...this.reading(sorted[i] ?? ''));
    return ids;
  }

  /** Readings the letters start with, shorter than the letters (she and shen for shenfen, if they are readings). */
  readingsBeginning(letters: string): string[] {
    const found: string[] = [];
    for (let length = 1; length < Math.min(letters.length, 7); length++) if (this.#byReading.has(letters.slice(0, length))) found.push(letters.slice(0, length));
    return found;
  }

  /**
   * Characters a pinyin query can begin on: a reading that the query starts with (she for shehui), or one that starts
   * with the whole query (shen for she). As a mark per character id.
   */
  startersOf(query: string): Uint8Array {
    const marks = new Uint8Array(this.readings.length);
    for (const id of this.completing(query)) marks[id] = 1;
    for (const reading of this.readingsBeginning(query)) for (const id of this.reading(reading)) marks[id] = 1;
    return marks;
  }
}

/** The one table of the process. */
export const CHARS = new CharReadings();
