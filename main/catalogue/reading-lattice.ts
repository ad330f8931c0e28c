import { CHARS } from './char-readings.ts';

/**
 * A name read as a lattice: its characters in order, each standing for all its readings (CharReadings). A query
 * is matched by walking it, a small automaton whose state is (character, offset in the query), so a name with ten
 * polyphonic characters is kept once, not spelled eleven times, and any mix of readings is found.
 */
export const charIdsOf = (text: string, into: Int32Array): number => {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++;
    if (length < into.length) into[length] = CHARS.find(code);
    length++;
  }
  return length;
};

const matchFrom = (ids: Int32Array, length: number, position: number, query: string, offset: number): boolean => {
  if (position >= length) return false;
  const rest = query.length - offset;
  for (const reading of CHARS.readings[ids[position] ?? -1] ?? []) {
    const n = Math.min(reading.length, rest);
    let k = 0;
    while (k < n && reading.charCodeAt(k) === query.charCodeAt(offset + k)) k++;
    if (k < n) continue;
    // The query ends here, on this reading or part-way into it (shehu finds shehui).
    if (n === rest) return true;
    if (matchFrom(ids, length, position + 1, query, offset + n)) return true;
  }
  return false;
};

/**
 * Whether a letters-only query is the toneless pinyin of a run of the name's characters, starting on a syllable
 * (the first character's reading) and ending anywhere in the last one; `starters` marks the characters it may
 * start on (CharReadings.startersOf).
 */
export const pinyinMatches = (ids: Int32Array, length: number, query: string, starters: Uint8Array): boolean => {
  for (let position = 0; position < length; position++) {
    if (starters[ids[position] ?? -1] === 1 && matchFrom(ids, length, position, query, 0)) return true;
  }
  return false;
};

/** Whether a letters-only query is the initials of a run of the name's characters (each letter one character). */
export const initialsMatch = (ids: Int32Array, length: number, query: string): boolean => {
  for (let position = 0; position + query.length <= length; position++) {
    let k = 0;
    while (k < query.length && (CHARS.initials[ids[position + k] ?? -1] ?? '').includes(query[k] ?? '')) k++;
    if (k === query.length) return true;
  }
  return false;
};
