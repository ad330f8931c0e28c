import { describe, expect, it } from 'vitest';
import { chinesePinyinDictionary } from '../../../renderer/keyboard/chinese-pinyin-dictionary.ts';
import { createPinyinDictionary } from '../../../renderer/keyboard/pinyin-dictionary.ts';
import { CANDIDATES_PER_PAGE } from '../../../renderer/keyboard/keyboard-typing.ts';

const firstPage = (syllable: string) => chinesePinyinDictionary.candidates(syllable).slice(0, CANDIDATES_PER_PAGE);

describe('pinyin candidates for names and addresses', () => {
  it.each([
    ['zhang', '张'],
    ['wang', '王'],
    ['li', '李'],
    ['liu', '刘'],
    ['chen', '陈'],
    ['shang', '上'],
    ['hai', '海'],
    ['pu', '浦'],
    ['dong', '东'],
    ['lu', '路'],
    ['min', '闵'],
    ['hang', '航'],
    ['qu', '区'],
    ['hao', '号'],
    ['lou', '楼'],
  ])('"%s" offers %s on the first page', (syllable, character) => {
    expect(firstPage(syllable)).toContain(character);
  });

  it('orders by frequency in general text, not in addresses: 街 is within the first two pages of "jie"', () => {
    expect(chinesePinyinDictionary.candidates('jie').slice(0, 2 * CANDIDATES_PER_PAGE)).toContain('街');
  });

  it('puts the character whose usual reading it is first: 张 before 长 for "zhang", 上 first for "shang"', () => {
    expect(chinesePinyinDictionary.candidates('zhang')[0]).toBe('张');
    expect(chinesePinyinDictionary.candidates('shang')[0]).toBe('上');
    expect(chinesePinyinDictionary.candidates('hai')[0]).toBe('海');
    expect(chinesePinyinDictionary.candidates('zhang')).toContain('长');
    expect(chinesePinyinDictionary.candidates('zhang').indexOf('长')).toBeGreaterThan(chinesePinyinDictionary.candidates('zhang').indexOf('张'));
  });

  it('still offers a surname read otherwise than usual, later: 单 (Shàn), 曾 (Zēng)', () => {
    expect(chinesePinyinDictionary.candidates('shan')).toContain('单');
    expect(chinesePinyinDictionary.candidates('zeng')).toContain('曾');
  });

  it('takes ü typed as v, as u after l and n, and lue for lüe', () => {
    expect(firstPage('lv')).toContain('吕');
    expect(chinesePinyinDictionary.candidates('lu')).toContain('吕');
    expect(chinesePinyinDictionary.candidates('lu')[0]).toBe('路');
    expect(chinesePinyinDictionary.candidates('nu')).toContain('女');
    expect(chinesePinyinDictionary.candidates('lue')).toContain('略');
    expect(chinesePinyinDictionary.isSyllable('lue')).toBe(true);
  });

  it('offers nothing for letters that are no syllable', () => {
    expect(chinesePinyinDictionary.isSyllable('zh')).toBe(false);
    expect(chinesePinyinDictionary.candidates('xyz')).toEqual([]);
  });
});

describe('the ranking itself', () => {
  const dictionary = createPinyinDictionary({ zhang: '长 张 章  张', chang: '长 场' }, (character) => ({ 长: 'chang', 张: 'zhang', 章: 'zhang', 场: 'chang' })[character] ?? '');

  it('keeps table order among characters of the usual reading, then the others, each once', () => {
    expect(dictionary.candidates('zhang')).toEqual(['张', '章', '长']);
    expect(dictionary.candidates('chang')).toEqual(['长', '场']);
  });
});
