import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recogniseHandwriting } from '../keyboard/handwriting/handwriting-matcher.ts';
import { CANDIDATES_PER_PAGE } from '../keyboard/keyboard-typing.ts';
import { useStrokeLibrary } from '../keyboard/use-stroke-library.ts';
import { useInkCanvas } from '../signature/use-ink-canvas.ts';

// Taps on the pad's buttons must not take focus from the field, as on the keys.
const keepFocusInField = (event: MouseEvent) => event.preventDefault();

/**
 * 手写输入: a box to write one character in with a finger, for citizens who write characters but never learnt pinyin.
 * After each stroke the character is recognised offline from the stroke library and the likeliest ones offered in a
 * candidate row, as with pinyin; tapping one types it and clears the box for the next. 重写 clears it.
 */
export const HandwritingPad = ({ onPick }: { onPick: (character: string) => void }) => {
  const { t } = useTranslation();
  const library = useStrokeLibrary(true);
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const { canvas, handlers, clear: clearInk } = useInkCanvas((strokes) => {
    if (library !== null) setCandidates(recogniseHandwriting(library, strokes.map((stroke) => stroke.map(({ x, y }) => [x, y] as const)), CANDIDATES_PER_PAGE));
  });
  const clear = () => {
    clearInk();
    setCandidates([]);
  };
  return (
    <div className="handwriting" onMouseDown={keepFocusInField}>
      <div className="on-screen-keyboard__candidates" data-testid="handwriting-candidates">
        {candidates.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="on-screen-keyboard__candidate"
            tabIndex={-1}
            data-candidate={candidate}
            onClick={() => {
              onPick(candidate);
              clear();
            }}
          >
            {candidate}
          </button>
        ))}
        {candidates.length === 0 && <p className="on-screen-keyboard__hint">{t(library === null ? 'keyboard.handwriting.loading' : 'keyboard.handwriting.hint')}</p>}
      </div>
      <div className="handwriting__row">
        <canvas ref={canvas} className="ink-canvas handwriting__pad" data-testid="handwriting-pad" {...handlers} />
        <button type="button" className="button handwriting__clear" tabIndex={-1} onClick={clear}>
          {t('keyboard.handwriting.clear')}
        </button>
      </div>
    </div>
  );
};
