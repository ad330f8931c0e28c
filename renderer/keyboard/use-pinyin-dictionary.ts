import { useEffect, useState } from 'react';
import type { PinyinDictionary } from './pinyin-dictionary.ts';

let loading: Promise<PinyinDictionary> | null = null;
const load = () => (loading ??= import('./chinese-pinyin-dictionary.ts').then((module) => module.chinesePinyinDictionary));

/**
 * The pinyin dictionary once `wanted` (a keyboard shows pinyin); null until it has loaded. It is one module
 * loaded once for the page, a few milliseconds from the kiosk's own files: letters typed meanwhile wait in the
 * composition and their candidates appear when it is there.
 */
export const usePinyinDictionary = (wanted: boolean): PinyinDictionary | null => {
  const [dictionary, setDictionary] = useState<PinyinDictionary | null>(null);
  useEffect(() => {
    if (!wanted || dictionary !== null) return;
    let current = true;
    load().then(
      (loaded) => current && setDictionary(loaded),
      // Without it the keyboard still types: space and enter put the letters themselves into the field.
      () => (loading = null),
    );
    return () => {
      current = false;
    };
  }, [wanted, dictionary]);
  return dictionary;
};
