import type { PinyinDictionary } from './pinyin-dictionary.ts';
import { loadedOnce, useLoadedOnce } from './use-loaded-once.ts';

const load = loadedOnce(() => import('./chinese-pinyin-dictionary.ts').then((module) => module.chinesePinyinDictionary));

/**
 * The pinyin dictionary once `wanted` (a keyboard shows pinyin); null until it has loaded. It is one module
 * loaded once for the page, a few milliseconds from the kiosk's own files: letters typed meanwhile wait in the
 * composition and their candidates appear when it is there. Without it the keyboard still types: space and enter
 * put the letters themselves into the field.
 */
export const usePinyinDictionary = (wanted: boolean): PinyinDictionary | null => useLoadedOnce(wanted, load);
