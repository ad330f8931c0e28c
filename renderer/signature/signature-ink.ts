/** A point of ink, in CSS pixels from the pad's top left corner. */
export interface InkPoint {
  x: number;
  y: number;
}
/** One touch of the finger (or press of the mouse) from down to up. */
export type InkStroke = readonly InkPoint[];

export interface InkBounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The largest signature image handed on: what a case form or a receipt prints, at a sensible file size. */
export const SIGNATURE_IMAGE_MAX = { width: 800, height: 300 } as const;

/**
 * Below this is a tap or a slip of the finger, not a name. Even the shortest name (王一, four strokes) leaves well
 * over 100 px of ink on a pad 300 px high in a dozen points; a tap leaves one point and no length.
 */
const MIN_POINTS = 10;
const MIN_LENGTH_PX = 100;

const length = (stroke: InkStroke) => {
  let total = 0;
  for (let index = 1; index < stroke.length; index++) {
    const from = stroke[index - 1];
    const to = stroke[index];
    if (from !== undefined && to !== undefined) total += Math.hypot(to.x - from.x, to.y - from.y);
  }
  return total;
};

export type InkVerdict = 'empty' | 'too-short' | 'signature';

/** Whether the ink on the pad can stand as a signature. */
export const judgeInk = (strokes: readonly InkStroke[]): InkVerdict => {
  const points = strokes.reduce((sum, stroke) => sum + stroke.length, 0);
  if (points === 0) return 'empty';
  const ink = strokes.reduce((sum, stroke) => sum + length(stroke), 0);
  return points >= MIN_POINTS && ink >= MIN_LENGTH_PX ? 'signature' : 'too-short';
};

/** The smallest box around the ink, grown by `margin` on every side (the pen's half width and some air); null with no ink. */
export const inkBounds = (strokes: readonly InkStroke[], margin: number): InkBounds | null => {
  let box: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
  for (const { x, y } of strokes.flat()) {
    box = box === null ? { minX: x, minY: y, maxX: x, maxY: y } : { minX: Math.min(box.minX, x), minY: Math.min(box.minY, y), maxX: Math.max(box.maxX, x), maxY: Math.max(box.maxY, y) };
  }
  if (box === null) return null;
  return { left: box.minX - margin, top: box.minY - margin, width: box.maxX - box.minX + 2 * margin, height: box.maxY - box.minY + 2 * margin };
};

/** The image size for ink of this size: scaled down to fit the maximum, never up (that would only blur it). */
export const fitWithin = (width: number, height: number, max: { width: number; height: number } = SIGNATURE_IMAGE_MAX) => {
  const scale = Math.min(1, max.width / width, max.height / height);
  return {
    scale,
    width: Math.max(1, Math.min(max.width, Math.round(width * scale))),
    height: Math.max(1, Math.min(max.height, Math.round(height * scale))),
  };
};
