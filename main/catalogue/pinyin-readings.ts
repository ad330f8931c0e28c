import { polyphonic } from 'pinyin-pro';

/**
 * Every reading of every character of a name, toneless: a polyphonic character keeps all its readings (还 in
 * 提前还款 is hai and huan; 行 in 闵行 is xing and hang), ü is written both v and u (citizens type either), and
 * characters that are not Chinese stand for themselves, lower-cased.
 */
export const readingsOf = (name: string): string[][] => {
  const chars = [...name];
  const readings = polyphonic(name, { toneType: 'none', type: 'array', v: true }) as string[][];
  return chars.map((char, i) => {
    const found = readings[i] ?? [];
    const chinese = found.length > 0 && found[0] !== char;
    if (!chinese) return [char.toLowerCase()];
    const all = new Set<string>();
    for (const reading of found) {
      all.add(reading);
      if (reading.includes('v')) all.add(reading.replaceAll('v', 'u'));
    }
    return [...all];
  });
};

/** A name spelled in pinyin: the letters, and which offsets start a syllable (a query must start on one). */
export interface PinyinSpelling {
  letters: string;
  initials: string;
  syllableStarts: Uint8Array;
}

/**
 * The spellings a name is searched by: every character's first reading, plus, for each other reading of a
 * polyphonic character, the same spelling with that one reading changed (提前还款: ...hai..., ...huan...). Linear in
 * the name's length, so the index stays small; a query needing two unusual readings at once is not found.
 */
export const spellingsOf = (readings: readonly string[][]): PinyinSpelling[] => {
  const spell = (choice: (position: number) => string): PinyinSpelling => {
    let letters = '';
    let initials = '';
    const starts: number[] = [];
    readings.forEach((_options, position) => {
      const reading = choice(position);
      starts.push(letters.length);
      letters += reading;
      initials += reading[0] ?? '';
    });
    const syllableStarts = new Uint8Array(letters.length + 1);
    for (const start of starts) syllableStarts[start] = 1;
    return { letters, initials, syllableStarts };
  };
  const spellings = [spell((position) => readings[position]?.[0] ?? '')];
  readings.forEach((options, position) => {
    for (const alternative of options.slice(1)) spellings.push(spell((p) => (p === position ? alternative : (readings[p]?.[0] ?? ''))));
  });
  return spellings;
};
