/** Chinese characters for a pinyin syllable, for the touch keyboard's candidate row. */
export interface PinyinDictionary {
  isSyllable(letters: string): boolean;
  /** The characters read `syllable`, the likeliest first; [] when it is no syllable. */
  candidates(syllable: string): readonly string[];
}

/**
 * The table spells ü as v (lve, nve). There is no syllable "lue", so, like most pinyin keyboards, take it for
 * lüe too: that is how people who never learnt the v convention type 略 and 虐.
 */
const SPELLED_AS = new Map([
  ['lue', 'lve'],
  ['nue', 'nve'],
]);
/** Citizens often type ü as u, so "lu" also offers 吕 and 绿 (after 路 and 陆), and "nu" offers 女. */
const ALSO_OFFERS = new Map([
  ['lu', 'lv'],
  ['nu', 'nv'],
]);

/**
 * Builds the dictionary from a table of syllable → characters ordered by how common the character is (the
 * `layoutCandidates` of simple-keyboard-layouts' Chinese layout) and a character's usual reading (pinyin-pro).
 *
 * The table lists a character under every reading it has, in the order of the character's overall frequency,
 * so a common character's rare reading comes early: 长 leads "zhang" before 张, 暴 (pù) and 堡 (pù) come
 * before 浦 in "pu". Characters whose usual reading is the syllable therefore come first, the others after
 * them in table order: they stay offered (单 as the surname Shàn, 行 in 银行), one page later.
 */
export const createPinyinDictionary = (
  table: Readonly<Record<string, string>>,
  usualReading: (character: string) => string,
): PinyinDictionary => {
  const listed = (syllable: string): readonly string[] => {
    const characters = table[syllable];
    return characters === undefined ? [] : [...new Set(characters.split(/\s+/).filter((character) => character !== ''))];
  };
  const ranked = (syllable: string): readonly string[] => {
    const characters = listed(syllable);
    const usual = characters.filter((character) => usualReading(character) === syllable);
    return [...usual, ...characters.filter((character) => !usual.includes(character))];
  };
  const cache = new Map<string, readonly string[]>();
  const isSyllable = (letters: string) => Object.hasOwn(table, letters) || SPELLED_AS.has(letters);
  return {
    isSyllable,
    candidates: (syllable) => {
      const cached = cache.get(syllable);
      if (cached !== undefined) return cached;
      const spelled = SPELLED_AS.get(syllable) ?? syllable;
      const also = ALSO_OFFERS.get(spelled);
      const own = isSyllable(spelled) ? ranked(spelled) : [];
      const result = also === undefined ? own : [...new Set([...own, ...ranked(also)])];
      cache.set(syllable, result);
      return result;
    },
  };
};
