import type { PinyinDictionary } from './pinyin-dictionary.ts';
import { segmentPinyin } from './pinyin-syllables.ts';

/**
 * What the touch keyboard types: digits (and X, for ID numbers), letters and digits, Chinese by pinyin or by hand
 * (the handwriting pad: recognised characters are picked as candidates, see HandwritingPad), or symbols
 * (passwords: staff passwords hold letters, digits, spaces and these — main/lockers/staff-accounts.ts).
 */
export type KeyboardMode = 'numeric' | 'latin' | 'pinyin' | 'handwriting' | 'symbols';

/** The keys that are not characters, named as simple-keyboard names them (its `data-skbtn`). */
export const KEYS = {
  backspace: '{bksp}',
  clear: '{clear}',
  close: '{close}',
  space: '{space}',
  enter: '{enter}',
  /** Latin mode: capital letters (case numbers, staff ids) until pressed again. */
  capitals: '{capitals}',
} as const;
const MODES: readonly KeyboardMode[] = ['numeric', 'latin', 'pinyin', 'handwriting', 'symbols'];
export const modeKey = (mode: KeyboardMode) => `{mode-${mode}}`;

/**
 * What the keyboard holds besides the field's value: its mode and, in pinyin, the letters typed but not yet turned
 * into characters (the composition), and which page of candidates is showing.
 */
export interface KeyboardState {
  mode: KeyboardMode;
  letters: string;
  page: number;
  /** Latin mode shows and types capital letters. */
  capitals: boolean;
}
/** The field being typed into: its value is the one source of truth, the keyboard only proposes the next one. */
export interface TypingTarget {
  value: string;
  maxLength: number;
}
export interface Typed {
  state: KeyboardState;
  value: string;
  /** The citizen is done with the keyboard. */
  close: boolean;
}

/** Candidates shown at once: a row of touch-sized keys across the keyboard. */
export const CANDIDATES_PER_PAGE = 8;
/** A few syllables of a name or a place; longer is not pinyin anyone means to compose in one go. */
const COMPOSITION_MAX = 30;

export const startTyping = (mode: KeyboardMode): KeyboardState => ({ mode, letters: '', page: 0, capitals: false });

/** The text appended, cut to the room left (by whole characters; the count is the input's, UTF-16 units). */
const append = ({ value, maxLength }: TypingTarget, text: string) => {
  let next = value;
  for (const character of text) {
    if (next.length + character.length > maxLength) break;
    next += character;
  }
  return next;
};

/** What the composition shows: the letters as syllables, and the first syllable's candidates on this page. */
export interface Composition {
  letters: string;
  syllables: readonly string[];
  rest: string;
  candidates: readonly string[];
  page: number;
  pages: number;
}

export const compose = (state: KeyboardState, dictionary: PinyinDictionary | null): Composition => {
  const { syllables, rest } =
    dictionary === null ? { syllables: [], rest: state.letters } : segmentPinyin(state.letters, (letters) => dictionary.isSyllable(letters));
  const all = dictionary === null || syllables[0] === undefined ? [] : dictionary.candidates(syllables[0]);
  const pages = Math.ceil(all.length / CANDIDATES_PER_PAGE);
  const page = Math.min(state.page, Math.max(0, pages - 1));
  return {
    letters: state.letters,
    syllables,
    rest,
    candidates: all.slice(page * CANDIDATES_PER_PAGE, (page + 1) * CANDIDATES_PER_PAGE),
    page,
    pages,
  };
};

/** The letters go into the field as typed: nothing the citizen typed is dropped without their say. */
const commitLetters = (state: KeyboardState, target: TypingTarget): Typed => ({
  state: { ...state, letters: '', page: 0 },
  value: append(target, state.letters),
  close: false,
});

/** A candidate goes into the field in place of the first syllable; the syllables after it stay to be composed. */
export const pickCandidate = (state: KeyboardState, candidate: string, target: TypingTarget, dictionary: PinyinDictionary | null): Typed => {
  const [syllable] = compose(state, dictionary).syllables;
  if (syllable === undefined) return commitLetters(state, target);
  return { state: { ...state, letters: state.letters.slice(syllable.length), page: 0 }, value: append(target, candidate), close: false };
};

/** Space in a composition: the first candidate showing, or the letters themselves when they are no pinyin. */
const commitFirstCandidate = (state: KeyboardState, target: TypingTarget, dictionary: PinyinDictionary | null): Typed => {
  const [first] = compose(state, dictionary).candidates;
  return first === undefined ? commitLetters(state, target) : pickCandidate(state, first, target, dictionary);
};

/** Every syllable of the composition as its first candidate, in turn; letters that are no pinyin as typed. */
const composeAll = (state: KeyboardState, target: TypingTarget, dictionary: PinyinDictionary | null): Typed => {
  let typed: Typed = { state, value: target.value, close: false };
  // Each round takes at least one letter off the composition.
  while (typed.state.letters !== '') typed = commitFirstCandidate(typed.state, { ...target, value: typed.value }, dictionary);
  return typed;
};

export const turnPage = (state: KeyboardState, dictionary: PinyinDictionary | null, delta: 1 | -1): KeyboardState => {
  const { page, pages } = compose(state, dictionary);
  return { ...state, page: Math.min(Math.max(0, page + delta), Math.max(0, pages - 1)) };
};

/**
 * One key of the touch keyboard. In pinyin, letters build the composition; backspace edits the composition
 * before the field; space takes the first candidate and enter the letters as typed (as Chinese phone
 * keyboards do); any other character first turns each syllable into its first candidate, so "lu" then "8"
 * types 路8. Switching mode or closing the keyboard puts pending letters into the field rather than losing
 * them. Enter with nothing composed means done, as on a phone, and closes the keyboard.
 */
export const pressKey = (state: KeyboardState, key: string, target: TypingTarget, dictionary: PinyinDictionary | null): Typed => {
  const composing = state.letters !== '';
  const unchanged = { state, value: target.value, close: false };
  switch (key) {
    case KEYS.close:
      return { ...commitLetters(state, target), close: true };
    case KEYS.clear:
      return { state: { ...state, letters: '', page: 0 }, value: '', close: false };
    case KEYS.backspace:
      return composing
        ? { state: { ...state, letters: state.letters.slice(0, -1), page: 0 }, value: target.value, close: false }
        : { state, value: [...target.value].slice(0, -1).join(''), close: false };
    case KEYS.space:
      return composing ? commitFirstCandidate(state, target, dictionary) : { state, value: append(target, ' '), close: false };
    case KEYS.enter:
      return composing ? commitLetters(state, target) : { ...unchanged, close: true };
    case KEYS.capitals:
      return state.mode === 'latin' ? { ...unchanged, state: { ...state, capitals: !state.capitals } } : unchanged;
  }
  const switchTo = MODES.find((mode) => key === modeKey(mode));
  if (switchTo !== undefined) {
    const committed = commitLetters(state, target);
    return { ...committed, state: startTyping(switchTo) };
  }
  if (key.startsWith('{')) return unchanged;
  if (state.mode === 'pinyin' && /^[a-z]$/.test(key)) {
    if (target.value.length >= target.maxLength || state.letters.length >= COMPOSITION_MAX) return unchanged;
    return { state: { ...state, letters: state.letters + key, page: 0 }, value: target.value, close: false };
  }
  const composed = composeAll(state, target, dictionary);
  return { state: composed.state, value: append({ ...target, value: composed.value }, key), close: false };
};


/** A character picked from the handwriting pad's candidates goes into the field as it is. */
export const writeCharacter = (state: KeyboardState, character: string, target: TypingTarget): Typed => ({ state, value: append(target, character), close: false });
