/** A point on the pad or in the stroke data, x to the right and y down. */
export type Point = readonly [number, number];
export type Stroke = readonly Point[];

/** Points per stroke the matcher compares: enough for a hook or a turn, few enough for thousands of characters. */
export const STROKE_POINTS = 8;

/**
 * A character's strokes scaled together into the unit square by their common bounding box, the aspect kept and the
 * shape centred: where and how big it was written does not matter, its proportions do.
 */
export const normaliseStrokes = (strokes: readonly Stroke[]): Point[][] => {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const size = Math.max(maxX - minX, maxY - minY, 1e-9);
  const offsetX = (1 - (maxX - minX) / size) / 2;
  const offsetY = (1 - (maxY - minY) / size) / 2;
  return strokes.map((stroke) => stroke.map(([x, y]) => [(x - minX) / size + offsetX, (y - minY) / size + offsetY] as const));
};

/** A stroke as `count` points spaced equally along its length (a dot: the same point `count` times). */
export const resampleStroke = (stroke: Stroke, count = STROKE_POINTS): Point[] => {
  const first = stroke[0];
  if (first === undefined) return [];
  const lengths = [0];
  for (let i = 1; i < stroke.length; i++) {
    const [x0, y0] = stroke[i - 1] as Point;
    const [x1, y1] = stroke[i] as Point;
    lengths.push((lengths[i - 1] as number) + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths.at(-1) as number;
  if (total === 0) return Array.from({ length: count }, () => first);
  const points: Point[] = [];
  let segment = 1;
  for (let k = 0; k < count; k++) {
    const at = (total * k) / (count - 1);
    while (segment < stroke.length - 1 && (lengths[segment] as number) < at) segment++;
    const [x0, y0] = stroke[segment - 1] as Point;
    const [x1, y1] = stroke[segment] as Point;
    const from = lengths[segment - 1] as number;
    const span = (lengths[segment] as number) - from;
    const t = span === 0 ? 0 : Math.min(1, Math.max(0, (at - from) / span));
    points.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
  }
  return points;
};

/** What the matcher compares of a written or a stored character: its strokes normalised together, then resampled. */
export const strokeShapes = (strokes: readonly Stroke[]): Point[][] => normaliseStrokes(strokes.filter((stroke) => stroke.length > 0)).map((stroke) => resampleStroke(stroke));
