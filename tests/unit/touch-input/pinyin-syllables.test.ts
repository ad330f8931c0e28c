import { describe, expect, it } from 'vitest';
import { chinesePinyinDictionary } from '../../../renderer/keyboard/chinese-pinyin-dictionary.ts';
import { segmentPinyin } from '../../../renderer/keyboard/pinyin-syllables.ts';

const segment = (letters: string) => segmentPinyin(letters, (syllable) => chinesePinyinDictionary.isSyllable(syllable));

describe('reading typed letters as pinyin syllables', () => {
  it.each([
    ['zhang', ['zhang'], ''],
    ['shanghai', ['shang', 'hai'], ''],
    ['pudong', ['pu', 'dong'], ''],
    ['minhang', ['min', 'hang'], ''],
    ['xian', ['xian'], ''],
    ['fangan', ['fang', 'an'], ''],
    ['jinganqu', ['jing', 'an', 'qu'], ''],
    ['zhongguo', ['zhong', 'guo'], ''],
    ['lvse', ['lv', 'se'], ''],
  ])('%s reads as %j', (letters, syllables, rest) => {
    expect(segment(letters)).toEqual({ syllables, rest });
  });

  it('keeps a syllable still being typed, and letters that are no pinyin, as the rest', () => {
    expect(segment('zh')).toEqual({ syllables: [], rest: 'zh' });
    expect(segment('shangh')).toEqual({ syllables: ['shang'], rest: 'h' });
    expect(segment('zhangxyz')).toEqual({ syllables: ['zhang'], rest: 'xyz' });
    expect(segment('')).toEqual({ syllables: [], rest: '' });
  });

  it('stays fast on the longest composition the keyboard takes', () => {
    const started = performance.now();
    segment('zhangsanlisiwangwuzhaoliuqian');
    segment('iiiiiiiiiiiiiiiiiiiiiiiiiiiiii');
    expect(performance.now() - started).toBeLessThan(50);
  });
});
