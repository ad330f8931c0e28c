import { useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { standardTheme } from '../theme/tokens.ts';
import { drawInk } from './signature-image.ts';
import type { InkPoint } from './signature-ink.ts';

/** The ink's colour and width come from the theme through the canvas's CSS (`color`, a token). */
export const inkStyle = (canvas: HTMLCanvasElement) => {
  const style = getComputedStyle(canvas);
  const width = Number.parseFloat(style.getPropertyValue('--kiosk-signature-ink-width'));
  return { color: style.color, width: Number.isFinite(width) ? width : Number.parseFloat(standardTheme.signatureInkWidth) };
};

export interface InkCanvas {
  canvas: RefObject<HTMLCanvasElement | null>;
  /** The strokes drawn so far, in CSS pixels from the canvas's top left corner; they live here only. */
  strokes: RefObject<InkPoint[][]>;
  hasInk: boolean;
  handlers: {
    onPointerDown: (event: PointerEvent<HTMLCanvasElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLCanvasElement>) => void;
    onPointerUp: (event: PointerEvent<HTMLCanvasElement>) => void;
    onPointerCancel: (event: PointerEvent<HTMLCanvasElement>) => void;
  };
  clear: () => void;
}

/**
 * A canvas written on with a finger, a pen or the mouse (pointer events): one stroke per touch, drawn as it goes,
 * sharp at the screen's pixel density. A finger that slides off keeps drawing along the edge (the pointer is
 * captured), so the ink is what the citizen saw. `onStroke` hears of each finished stroke (the signature pad
 * wants none; the handwriting pad recognises after each).
 */
export const useInkCanvas = (onStroke?: (strokes: readonly InkPoint[][]) => void): InkCanvas => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<InkPoint[][]>([]);
  const drawing = useRef<number | null>(null);
  const [hasInk, setHasInk] = useState(false);

  const redraw = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (element === null || element === undefined || context === null || context === undefined) return;
    const ink = inkStyle(element);
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, element.width, element.height);
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

  const pointAt = (element: HTMLElement, at: { clientX: number; clientY: number }): InkPoint => {
    const box = element.getBoundingClientRect();
    return { x: Math.min(Math.max(at.clientX - box.left, 0), box.width), y: Math.min(Math.max(at.clientY - box.top, 0), box.height) };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    if (drawing.current !== null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = event.pointerId;
    strokes.current.push([pointAt(event.currentTarget, event)]);
    redraw();
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    const stroke = strokes.current.at(-1);
    if (stroke === undefined) return;
    // Fast strokes deliver several positions per frame; take them all so curves do not turn into corners.
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const moved of coalesced.length > 0 ? coalesced : [event]) stroke.push(pointAt(event.currentTarget, moved));
    redraw();
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    drawing.current = null;
    setHasInk(true);
    onStroke?.(strokes.current);
  };

  const clear = () => {
    strokes.current = [];
    drawing.current = null;
    setHasInk(false);
    redraw();
  };

  return { canvas, strokes, hasInk, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp }, clear };
};
