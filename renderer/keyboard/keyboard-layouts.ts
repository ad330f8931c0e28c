import { KEYS, modeKey, type KeyboardMode } from './keyboard-typing.ts';

const DIGITS = '1 2 3 4 5 6 7 8 9 0';
/** Every printable ASCII symbol but { and } (simple-keyboard's own marks for named keys): what a password may hold. */
const SYMBOLS = ['! @ # $ % ^ & * ( )', '- _ = + [ ] \\ | ; :', `' " , . / < > ? \` ~ ${KEYS.backspace}`];
const LETTERS = ['q w e r t y u i o p', 'a s d f g h j k l', `z x c v b n m ${KEYS.backspace}`];
/** Latin letters, small or capital, with the capitals key before the last row (as shift sits on a keyboard). */
const latinLetters = (capitals: boolean) => {
  const rows = capitals ? LETTERS.map((row) => row.replace(/\b[a-z]\b/g, (letter) => letter.toUpperCase())) : [...LETTERS];
  rows[2] = `${KEYS.capitals} ${rows[2] ?? ''}`;
  return rows;
};

/**
 * The rows of keys (simple-keyboard layout rows) for one mode. Letters for pinyin and Latin text, digits above
 * them for house numbers and codes; a telephone-style pad for numbers, with X beside 0 where an ID number's
 * check character may be X. Latin letters have a capitals key (case numbers and staff ids are written in capitals).
 * The keys of the field's other modes (中 / 英 / 123) start the bottom row.
 */
export const keyboardLayout = (mode: KeyboardMode, modes: readonly KeyboardMode[], allowX: boolean, capitals = false): string[] => {
  const bottomRow = (...keys: string[]) => [...modes.filter((other) => other !== mode).map(modeKey), ...keys].join(' ');
  switch (mode) {
    case 'numeric':
      return allowX
        ? ['1 2 3', '4 5 6', '7 8 9', `X 0 ${KEYS.backspace}`, bottomRow(KEYS.clear, KEYS.close)]
        : ['1 2 3', '4 5 6', '7 8 9', `${KEYS.clear} 0 ${KEYS.backspace}`, bottomRow(KEYS.close)];
    case 'latin':
      return [DIGITS, ...latinLetters(capitals), bottomRow(KEYS.clear, KEYS.space, KEYS.close)];
    case 'pinyin':
      return [DIGITS, ...LETTERS, bottomRow(KEYS.clear, KEYS.space, KEYS.enter, KEYS.close)];
    case 'handwriting':
      // The pad takes the place of the letter keys.
      return [bottomRow(KEYS.backspace, KEYS.clear, KEYS.space, KEYS.close)];
    case 'symbols':
      return [DIGITS, ...SYMBOLS, bottomRow(KEYS.clear, KEYS.space, KEYS.close)];
  }
};
