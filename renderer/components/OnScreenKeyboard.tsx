import { useId, useState, type MouseEvent } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';
import { keyboardLayout } from '../keyboard/keyboard-layouts.ts';
import {
  compose,
  KEYS,
  modeKey,
  pickCandidate,
  pressKey,
  startTyping,
  turnPage,
  writeCharacter,
  type Composition,
  type KeyboardMode,
  type Typed,
} from '../keyboard/keyboard-typing.ts';
import { usePinyinDictionary } from '../keyboard/use-pinyin-dictionary.ts';
import { HandwritingPad } from './HandwritingPad.tsx';

/** The modes a field allows, the first shown first. */
export type KeyboardModes = readonly [KeyboardMode, ...KeyboardMode[]];

interface OnScreenKeyboardProps {
  value: string;
  onChange: (next: string) => void;
  maxLength: number;
  /** The citizen put the keyboard away (or pressed enter with nothing to compose). */
  onClose: () => void;
  /** Several modes give mode keys (中 / 英 / 123). Latin (letters and digits) unless told. */
  modes?: KeyboardModes;
  /** The numeric pad offers X: the check character of a resident ID number. */
  allowX?: boolean;
}

const LATIN_ONLY: KeyboardModes = ['latin'];
// Taps on the keyboard must not take focus from the field: the citizen may go on with a physical keyboard.
const keepFocusInField = (event: MouseEvent) => event.preventDefault();

/**
 * The touch keyboard (simple-keyboard) under a text field: a numeric pad, letters and digits, pinyin with a row
 * of Chinese candidates, or a box to write a character in by hand (手写) with the same row. It edits the field's value through `onChange` (the field stays the one source of
 * truth), so a physical keyboard types into the same field; only the pinyin letters being composed live here.
 * Its keys are not in the Tab order and it is hidden from assistive technology: keyboard and screen-reader users
 * type directly into the field.
 */
export const OnScreenKeyboard = ({ value, onChange, maxLength, onClose, modes = LATIN_ONLY, allowX = false }: OnScreenKeyboardProps) => {
  const { t } = useTranslation();
  const [state, setState] = useState(() => startTyping(modes[0]));
  const dictionary = usePinyinDictionary(state.mode === 'pinyin');
  // simple-keyboard keeps a registry of instances by class name: each keyboard gets its own.
  const baseClass = `kiosk-keyboard-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const target = { value, maxLength };

  const apply = (typed: Typed) => {
    setState(typed.state);
    if (typed.value !== value) onChange(typed.value);
    if (typed.close) onClose();
  };

  const display: Record<string, string> = {
    [KEYS.backspace]: t('keyboard.backspace'),
    [KEYS.clear]: t('keyboard.clear'),
    [KEYS.close]: t('keyboard.close'),
    [KEYS.space]: t('keyboard.space'),
    [KEYS.enter]: t('keyboard.enter'),
    [KEYS.capitals]: t(state.capitals ? 'keyboard.smallLetters' : 'keyboard.capitals'),
  };
  for (const mode of modes) display[modeKey(mode)] = t(`keyboard.mode.${mode}`);

  return (
    <div className={`on-screen-keyboard on-screen-keyboard--${state.mode}`} data-testid="on-screen-keyboard" data-mode={state.mode} aria-hidden="true">
      {state.mode === 'pinyin' && (
        <PinyinComposition
          composition={compose(state, dictionary)}
          loading={dictionary === null}
          onPick={(candidate) => apply(pickCandidate(state, candidate, target, dictionary))}
          onPage={(delta) => setState(turnPage(state, dictionary, delta))}
        />
      )}
      {state.mode === 'handwriting' && <HandwritingPad onPick={(character) => apply(writeCharacter(state, character, target))} />}
      <Keyboard
        baseClass={baseClass}
        layout={{ [state.mode]: keyboardLayout(state.mode, modes, allowX, state.capitals) }}
        layoutName={state.mode}
        display={display}
        onKeyPress={(key: string) => apply(pressKey(state, key, target, dictionary))}
        disableButtonHold
        preventMouseDownDefault
        theme="hg-theme-default on-screen-keyboard__keys"
      />
    </div>
  );
};

interface PinyinCompositionProps {
  composition: Composition;
  loading: boolean;
  onPick: (candidate: string) => void;
  onPage: (delta: 1 | -1) => void;
}

/** The pinyin being composed, split into syllables (shang'hai), and the first syllable's candidates, a page at a time. */
const PinyinComposition = ({ composition, loading, onPick, onPage }: PinyinCompositionProps) => {
  const { t } = useTranslation();
  const { letters, syllables, rest, candidates, page, pages } = composition;
  const spelled = [...syllables, ...(rest === '' ? [] : [rest])].join("'");
  return (
    <div className="on-screen-keyboard__composition" onMouseDown={keepFocusInField}>
      <p className="on-screen-keyboard__letters" data-testid="pinyin-letters">
        {spelled}
      </p>
      <div className="on-screen-keyboard__candidates">
        <button type="button" className="on-screen-keyboard__page" tabIndex={-1} disabled={page === 0} onClick={() => onPage(-1)}>
          {t('keyboard.previousCandidates')}
        </button>
        {candidates.map((candidate) => (
          <button key={candidate} type="button" className="on-screen-keyboard__candidate" tabIndex={-1} data-candidate={candidate} onClick={() => onPick(candidate)}>
            {candidate}
          </button>
        ))}
        {letters !== '' && candidates.length === 0 && !loading && <p className="on-screen-keyboard__hint">{t('keyboard.noCandidates')}</p>}
        <button type="button" className="on-screen-keyboard__page" tabIndex={-1} disabled={page >= pages - 1} onClick={() => onPage(1)}>
          {t('keyboard.nextCandidates')}
        </button>
      </div>
    </div>
  );
};
