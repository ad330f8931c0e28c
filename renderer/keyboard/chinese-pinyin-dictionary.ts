import { pinyin } from 'pinyin-pro';
import chinese from 'simple-keyboard-layouts/build/layouts/chinese.js';
import { createPinyinDictionary } from './pinyin-dictionary.ts';

/** The package's types leave out `layoutCandidates`, which its Chinese layout has: check it is there and is text. */
const candidateTable = (layout: object): Record<string, string> => {
  const table: unknown = Reflect.get(layout, 'layoutCandidates');
  if (typeof table !== 'object' || table === null || !Object.values(table).every((characters) => typeof characters === 'string')) {
    throw new Error('simple-keyboard-layouts: the Chinese layout has no candidate table');
  }
  return table as Record<string, string>;
};

/**
 * The candidate table of simple-keyboard-layouts' Chinese layout (from pinyinjs, MIT: about 7,400 characters
 * under 404 syllables, ordered by frequency), ranked by pinyin-pro's usual reading of each character (ü as v,
 * as the table spells it). Loaded only when a keyboard first needs pinyin (see use-pinyin-dictionary.ts): the two
 * tables are most of the renderer's weight and most screens never need them.
 */
export const chinesePinyinDictionary = createPinyinDictionary(candidateTable(chinese), (character) =>
  pinyin(character, { toneType: 'none', v: true }),
);
