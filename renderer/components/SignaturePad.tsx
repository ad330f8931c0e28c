import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signaturePng } from '../signature/signature-image.ts';
import { judgeInk } from '../signature/signature-ink.ts';
import { inkStyle, useInkCanvas } from '../signature/use-ink-canvas.ts';

interface SignaturePadProps {
  /** What is signed and by whom, in the caller's words (e.g. 申请人签名). */
  label: string;
  /** The signature as a PNG data URL, cut to the ink, at most 800×300. The pad keeps no copy. */
  onConfirm: (png: string) => void;
  /** A way forward for a citizen who cannot sign on the screen (keyboard only, no free hand): e.g. call staff. */
  onCannotSign?: () => void;
}

/**
 * A box the citizen signs in with a finger, a pen or the mouse (pointer events), with "sign again" and
 * "confirm". Confirm is marked unavailable until there is ink and refuses a tap or a slip with a message;
 * a keyboard-only citizen hears why (the instructions describe it) and, where the caller offers one, has a
 * button for another way. The strokes live in this component only and go when it does.
 */
export const SignaturePad = ({ label, onConfirm, onCannotSign }: SignaturePadProps) => {
  const { t } = useTranslation();
  const ids = useId();
  const [refusal, setRefusal] = useState<'empty' | 'too-short' | null>(null);
  const ink = useInkCanvas(() => setRefusal(null));
  const { canvas, strokes, hasInk } = ink;

  const clear = () => {
    ink.clear();
    setRefusal(null);
  };

  const confirm = () => {
    const verdict = judgeInk(strokes.current);
    if (verdict !== 'signature') {
      setRefusal(verdict);
      return;
    }
    const element = canvas.current;
    if (element === null) return;
    onConfirm(signaturePng(strokes.current, inkStyle(element).width));
  };

  const labelId = `${ids}-label`;
  const instructionsId = `${ids}-instructions`;
  return (
    <section className="signature-pad" aria-labelledby={labelId} data-testid="signature-pad">
      <h2 id={labelId} className="signature-pad__label">
        {label}
      </h2>
      <p id={instructionsId}>{t(onCannotSign === undefined ? 'signature.instructions' : 'signature.instructionsWithAlternative')}</p>
      <canvas
        ref={canvas}
        className="ink-canvas signature-pad__canvas"
        role="img"
        aria-label={t(hasInk ? 'signature.canvasSigned' : 'signature.canvasEmpty')}
        aria-describedby={instructionsId}
        data-testid="signature-canvas"
        {...ink.handlers}
      />
      {refusal !== null && (
        <p className="signature-pad__message" role="alert" data-testid="signature-refusal">
          {t(refusal === 'empty' ? 'signature.empty' : 'signature.tooShort')}
        </p>
      )}
      <div className="signature-pad__actions">
        <button type="button" className="button" onClick={clear}>
          {t('signature.clear')}
        </button>
        <button type="button" className="button button--primary" aria-disabled={!hasInk} aria-describedby={instructionsId} onClick={confirm}>
          {t('signature.confirm')}
        </button>
        {onCannotSign !== undefined && (
          <button type="button" className="button" onClick={onCannotSign}>
            {t('signature.cannotSign')}
          </button>
        )}
      </div>
    </section>
  );
};
