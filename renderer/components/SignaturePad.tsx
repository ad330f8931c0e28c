import { useEffect, useId, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { drawInk, signaturePng } from '../signature/signature-image.ts';
import { judgeInk, type InkPoint } from '../signature/signature-ink.ts';
import { standardTheme } from '../theme/tokens.ts';

interface SignaturePadProps {
  /** What is signed and by whom, in the caller's words (e.g. 申请人签名). */
  label: string;
  /** The signature as a PNG data URL, cut to the ink, at most 800×300. The pad keeps no copy. */
  onConfirm: (png: string) => void;
  /** A way forward for a citizen who cannot sign on the screen (keyboard only, no free hand): e.g. call staff. */
  onCannotSign?: () => void;
}

/** The ink's colour and width come from the theme through the canvas's CSS (`color`, a token). */
const inkStyle = (canvas: HTMLCanvasElement) => {
  const style = getComputedStyle(canvas);
  const width = Number.parseFloat(style.getPropertyValue('--kiosk-signature-ink-width'));
  return { color: style.color, width: Number.isFinite(width) ? width : Number.parseFloat(standardTheme.signatureInkWidth) };
};

/**
 * A box the citizen signs in with a finger, a pen or the mouse (pointer events), with "sign again" and
 * "confirm". Confirm is marked unavailable until there is ink and refuses a tap or a slip with a message;
 * a keyboard-only citizen hears why (the instructions describe it) and, where the caller offers one, has a
 * button for another way. The strokes live in this component only and go when it does.
 */
export const SignaturePad = ({ label, onConfirm, onCannotSign }: SignaturePadProps) => {
  const { t } = useTranslation();
  const ids = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<InkPoint[][]>([]);
  const drawing = useRef<number | null>(null);
  const [hasInk, setHasInk] = useState(false);
  const [refusal, setRefusal] = useState<'empty' | 'too-short' | null>(null);

  const redraw = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (element === null || element === undefined || context === null || context === undefined) return;
    const ink = inkStyle(element);
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, element.width, element.height);
    // The canvas has as many pixels as the screen shows (sharp on high-density screens); strokes are in CSS px.
    const ratio = element.width / Math.max(1, element.clientWidth);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.strokeStyle = ink.color;
    drawInk(context, strokes.current, ink.width);
  };

  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const fit = () => {
      element.width = Math.round(element.clientWidth * devicePixelRatio);
      element.height = Math.round(element.clientHeight * devicePixelRatio);
      redraw();
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A finger that slides off the pad keeps drawing along its edge (the pointer is captured): the image holds
  // what the citizen saw on the pad, nothing outside it.
  const pointAt = (element: HTMLElement, at: { clientX: number; clientY: number }): InkPoint => {
    const box = element.getBoundingClientRect();
    return { x: Math.min(Math.max(at.clientX - box.left, 0), box.width), y: Math.min(Math.max(at.clientY - box.top, 0), box.height) };
  };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    if (drawing.current !== null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = event.pointerId;
    strokes.current.push([pointAt(event.currentTarget, event)]);
    setRefusal(null);
    redraw();
  };

  const extend = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    const stroke = strokes.current.at(-1);
    if (stroke === undefined) return;
    // Fast strokes deliver several positions per frame; take them all so curves do not turn into corners.
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const moved of coalesced.length > 0 ? coalesced : [event]) stroke.push(pointAt(event.currentTarget, moved));
    redraw();
  };

  const end = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    drawing.current = null;
    setHasInk(true);
  };

  const clear = () => {
    strokes.current = [];
    drawing.current = null;
    setHasInk(false);
    setRefusal(null);
    redraw();
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
        className="signature-pad__canvas"
        role="img"
        aria-label={t(hasInk ? 'signature.canvasSigned' : 'signature.canvasEmpty')}
        aria-describedby={instructionsId}
        data-testid="signature-canvas"
        onPointerDown={start}
        onPointerMove={extend}
        onPointerUp={end}
        onPointerCancel={end}
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
