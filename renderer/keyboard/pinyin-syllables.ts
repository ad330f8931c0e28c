/** Typed letters read as pinyin: the whole syllables they start with, and what is left over. */
export interface PinyinSegmentation {
  /** Complete syllables from the start, e.g. ['shang', 'hai'] for "shanghai". */
  syllables: readonly string[];
  /** Letters after the last whole syllable: a syllable still being typed ("zh"), or letters that are no pinyin. */
  rest: string;
}

/** The longest pinyin syllables (zhuang, chuang, shuang) have six letters. */
const LONGEST_SYLLABLE = 6;

/**
 * Splits letters into pinyin syllables the way a citizen means them: as many letters as possible in whole
 * syllables, and of those splits the one with the fewest syllables, trying the longest first syllable first.
 * So "xian" stays 先 rather than 西安, "fangan" reads fang'an, and "minhang" min'hang rather than mi'n'hang
 * ("n" is a syllable of its own: 嗯). Letters that make no syllable stay in `rest`.
 */
export const segmentPinyin = (letters: string, isSyllable: (letters: string) => boolean): PinyinSegmentation => {
  const best = new Map<number, { syllables: string[]; covered: number }>();
  const from = (start: number): { syllables: string[]; covered: number } => {
    const known = best.get(start);
    if (known !== undefined) return known;
    let choice = { syllables: [] as string[], covered: start };
    for (let length = Math.min(LONGEST_SYLLABLE, letters.length - start); length > 0; length--) {
      const syllable = letters.slice(start, start + length);
      if (!isSyllable(syllable)) continue;
      const after = from(start + length);
      const candidate = { syllables: [syllable, ...after.syllables], covered: after.covered };
      const better =
        candidate.covered > choice.covered || (candidate.covered === choice.covered && candidate.syllables.length < choice.syllables.length);
      if (better) choice = candidate;
    }
    best.set(start, choice);
    return choice;
  };
  const { syllables, covered } = from(0);
  return { syllables, rest: letters.slice(covered) };
};
