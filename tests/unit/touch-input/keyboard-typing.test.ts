import { describe, expect, it } from 'vitest';
import { chinesePinyinDictionary as dictionary } from '../../../renderer/keyboard/chinese-pinyin-dictionary.ts';
import {
  CANDIDATES_PER_PAGE,
  compose,
  KEYS,
  modeKey,
  pickCandidate,
  pressKey,
  startTyping,
  turnPage,
  type KeyboardMode,
  type KeyboardState,
} from '../../../renderer/keyboard/keyboard-typing.ts';

/** A citizen pressing keys one after another on a field of `maxLength`, starting from `value`. */
const press = (keys: readonly string[], { mode = 'pinyin' as KeyboardMode, value = '', maxLength = 50 } = {}) => {
  let state: KeyboardState = startTyping(mode);
  let closed = false;
  for (const key of keys) {
    const typed = pressKey(state, key, { value, maxLength }, dictionary);
    state = typed.state;
    value = typed.value;
    closed ||= typed.close;
  }
  return { state, value, closed };
};
const letters = (text: string) => [...text];

describe('pinyin on the touch keyboard', () => {
  it('builds the composition from letters, leaving the field alone', () => {
    const { state, value } = press(letters('zhang'));
    expect(value).toBe('');
    expect(compose(state, dictionary)).toMatchObject({ letters: 'zhang', syllables: ['zhang'], rest: '' });
    expect(compose(state, dictionary).candidates[0]).toBe('张');
  });

  it('puts a picked candidate into the field in place of its syllable, and goes on with the next', () => {
    const { state } = press(letters('shanghai'));
    const first = pickCandidate(state, '上', { value: '', maxLength: 50 }, dictionary);
    expect(first.value).toBe('上');
    expect(first.state.letters).toBe('hai');
    expect(compose(first.state, dictionary).candidates).toContain('海');
    const second = pickCandidate(first.state, '海', { value: first.value, maxLength: 50 }, dictionary);
    expect(second).toMatchObject({ value: '上海', state: { letters: '' } });
  });

  it('space takes the first candidate showing, syllable by syllable; enter takes the letters as typed', () => {
    expect(press([...letters('shanghai'), KEYS.space, KEYS.space]).value).toBe('上海');
    expect(press([...letters('shanghai'), KEYS.space]).state.letters).toBe('hai');
    expect(press([...letters('shanghai'), KEYS.enter])).toMatchObject({ value: 'shanghai', state: { letters: '' }, closed: false });
  });

  it('space puts letters that are no pinyin into the field as typed ("abc" is a, then letters)', () => {
    expect(press([...letters('xyz'), KEYS.space]).value).toBe('xyz');
    expect(press([...letters('abc'), KEYS.space, KEYS.space]).value).toBe('阿bc');
  });

  it('space takes the first candidate of the page showing', () => {
    const { state } = press(letters('zhang'));
    const nextPage = turnPage(state, dictionary, 1);
    const expected = dictionary.candidates('zhang')[CANDIDATES_PER_PAGE];
    expect(pressKey(nextPage, KEYS.space, { value: '', maxLength: 50 }, dictionary).value).toBe(expected);
  });

  it('backspace edits the composition before the field', () => {
    const { state, value } = press([...letters('wang'), KEYS.backspace], { value: '上海' });
    expect(value).toBe('上海');
    expect(state.letters).toBe('wan');
    expect(press([...letters('wa'), KEYS.backspace, KEYS.backspace, KEYS.backspace], { value: '上海' }).value).toBe('上');
  });

  it('a digit takes each syllable first candidate, then types itself: lu 8 types 路8', () => {
    expect(press([...letters('lu'), '8']).value).toBe('路8');
    expect(press([...letters('shanghai'), '1']).value).toBe('上海1');
  });

  it('closing or switching mode puts pending letters into the field rather than losing them', () => {
    expect(press([...letters('zhang'), KEYS.close])).toMatchObject({ value: 'zhang', closed: true });
    const switched = press([...letters('li'), modeKey('numeric'), '5']);
    expect(switched.value).toBe('li5');
    expect(switched.state).toEqual({ mode: 'numeric', letters: '', page: 0, capitals: false });
  });

  it('enter with nothing composed means done', () => {
    expect(press([KEYS.enter], { value: '张三' })).toMatchObject({ value: '张三', closed: true });
  });

  it('clear empties the field and the composition', () => {
    expect(press([...letters('zh'), KEYS.clear], { value: '上海' })).toMatchObject({ value: '', state: { letters: '' } });
  });

  it('keeps to the field maximum: no composing in a full field, a candidate cut to the room left', () => {
    expect(press(letters('zhang'), { value: '12345', maxLength: 5 }).state.letters).toBe('');
    expect(press([...letters('shanghai'), KEYS.enter], { value: '123', maxLength: 5 }).value).toBe('123sh');
  });

  it('pages through candidates without going past either end', () => {
    const { state } = press(letters('shi'));
    const pages = compose(state, dictionary).pages;
    expect(pages).toBeGreaterThan(2);
    expect(turnPage(state, dictionary, -1).page).toBe(0);
    let last = state;
    for (let turn = 0; turn < pages + 3; turn++) last = turnPage(last, dictionary, 1);
    expect(last.page).toBe(pages - 1);
    expect(compose(last, dictionary).candidates.length).toBeGreaterThan(0);
  });

  it('without the dictionary yet (still loading), letters wait and space types them', () => {
    const state = pressKey(startTyping('pinyin'), 'z', { value: '', maxLength: 50 }, null).state;
    expect(compose(state, null)).toMatchObject({ letters: 'z', candidates: [] });
    expect(pressKey(state, KEYS.space, { value: '', maxLength: 50 }, null).value).toBe('z');
  });
});

describe('numbers and Latin letters', () => {
  it('types an ID number with its X and stops at 18 characters', () => {
    const id = '11010519491231002X';
    expect(press([...id, '7'], { mode: 'numeric', maxLength: 18 }).value).toBe(id);
  });

  it('backspace removes the last character of the field', () => {
    expect(press([KEYS.backspace], { mode: 'numeric', value: '1101' }).value).toBe('110');
    expect(press([KEYS.backspace], { mode: 'latin', value: '浦东𠀋' }).value).toBe('浦东');
  });

  it('types letters, digits and spaces straight into the field in Latin mode', () => {
    expect(press([...letters('room'), KEYS.space, '3', 'b'], { mode: 'latin' }).value).toBe('room 3b');
  });

  it('types capitals after the capitals key, small letters again after the second press; pinyin has none', () => {
    const capitals = press([KEYS.capitals], { mode: 'latin' });
    expect(capitals.state.capitals).toBe(true);
    let typed = pressKey(capitals.state, 'S', { value: '', maxLength: 32 }, dictionary);
    typed = pressKey(typed.state, '0', { value: typed.value, maxLength: 32 }, dictionary);
    expect(typed.value).toBe('S0');
    expect(pressKey(typed.state, KEYS.capitals, { value: typed.value, maxLength: 32 }, dictionary).state.capitals).toBe(false);
    expect(press([KEYS.capitals], { mode: 'pinyin' }).state.capitals).toBe(false);
  });

  it('ignores keys it does not know', () => {
    expect(press(['{shift}'], { mode: 'latin', value: 'a' })).toMatchObject({ value: 'a', closed: false });
  });
});
