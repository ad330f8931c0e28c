import { STROKE_POINTS, strokeShapes, type Point, type Stroke } from './stroke-shape.ts';

/**
 * The characters handwriting can give, each as its strokes' shapes (strokeShapes of its stroke medians, in the
 * standard stroke order) flattened — stroke by stroke, STROKE_POINTS points of x, y in the unit square — and how
 * common it is (0: GB 2312 level 1, the 3,755 commonest; 1: level 2; 2: the rest).
 */
export interface StrokeLibrary {
  readonly characters: readonly string[];
  readonly shapes: readonly Float32Array[];
  readonly tiers: readonly number[];
}

/** A stroke written where the character has none, or left out: what it costs (in mean unit-square distance). */
const SKIPPED_STROKE = 0.35;
/** A stroke written from its end to its start still matches, at a cost. */
const REVERSED_STROKE = 0.12;
/** Among near-equal shapes, the commoner character first. */
const TIER_COST = 0.015;
/** Strokes more or fewer than the character's are tolerated up to this many (joined or split strokes). */
const STROKE_COUNT_SLACK = 2;
const STROKE_FLOATS = STROKE_POINTS * 2;

/** Shapes as the library keeps them: one flat array of every stroke's points. */
export const flattenShapes = (shapes: readonly (readonly Point[])[]): Float32Array => Float32Array.from(shapes.flatMap((stroke) => stroke.flatMap(([x, y]) => [x, y])));

/** The mean distance between stroke a (at offset ao of as) and stroke b, point by point, or b walked backwards. */
const strokeCost = (as: Float32Array, ao: number, bs: Float32Array, bo: number): number => {
  let forward = 0;
  let backward = 0;
  for (let i = 0; i < STROKE_POINTS; i++) {
    const ax = as[ao + i * 2] as number;
    const ay = as[ao + i * 2 + 1] as number;
    const fx = ax - (bs[bo + i * 2] as number);
    const fy = ay - (bs[bo + i * 2 + 1] as number);
    forward += Math.sqrt(fx * fx + fy * fy);
    const r = STROKE_POINTS - 1 - i;
    const rx = ax - (bs[bo + r * 2] as number);
    const ry = ay - (bs[bo + r * 2 + 1] as number);
    backward += Math.sqrt(rx * rx + ry * ry);
  }
  return Math.min(forward, backward + REVERSED_STROKE * STROKE_POINTS) / STROKE_POINTS;
};

/**
 * How far the written strokes are from a character's, in order: an alignment that may skip a stroke on either
 * side, normalised by the longer of the two; Infinity as soon as it cannot beat `bound`.
 */
const distance = (written: Float32Array, n: number, stored: Float32Array, m: number, row: Float64Array, bound: number): number => {
  const longer = Math.max(n, m);
  for (let j = 0; j <= m; j++) row[j] = j * SKIPPED_STROKE;
  for (let i = 1; i <= n; i++) {
    let diagonal = row[0] as number;
    row[0] = i * SKIPPED_STROKE;
    let best = row[0];
    for (let j = 1; j <= m; j++) {
      const above = row[j] as number;
      const value = Math.min(diagonal + strokeCost(written, (i - 1) * STROKE_FLOATS, stored, (j - 1) * STROKE_FLOATS), above + SKIPPED_STROKE, (row[j - 1] as number) + SKIPPED_STROKE);
      diagonal = above;
      row[j] = value;
      if (value < best) best = value;
    }
    // Every later cell grows from this row: once all of it is past the bound, so is the end.
    if (best / longer >= bound) return Infinity;
  }
  return (row[m] as number) / longer;
};

/**
 * The characters the strokes on the pad most look like, best first (in the spirit of HanziLookup: stroke count
 * first, then each stroke's shape and direction in order). Offline, from the stroke library alone.
 */
export const recogniseHandwriting = (library: StrokeLibrary, strokes: readonly Stroke[], count = 10): string[] => {
  const shapes = strokeShapes(strokes);
  const n = shapes.length;
  if (n === 0) return [];
  const written = flattenShapes(shapes);
  const row = new Float64Array(n + STROKE_COUNT_SLACK + 2);
  // The best `count` so far, kept sorted; the worst of them bounds the rest.
  const best: Array<{ index: number; score: number }> = [];
  for (let index = 0; index < library.characters.length; index++) {
    const stored = library.shapes[index] as Float32Array;
    const m = stored.length / STROKE_FLOATS;
    if (Math.abs(m - n) > STROKE_COUNT_SLACK) continue;
    const tier = (library.tiers[index] as number) * TIER_COST;
    const bound = best.length < count ? Infinity : (best[best.length - 1] as { score: number }).score - tier;
    const score = distance(written, n, stored, m, row, bound) + tier;
    if (score === Infinity || (best.length === count && score >= (best[count - 1] as { score: number }).score)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as { score: number }).score > score) at--;
    best.splice(at, 0, { index, score });
    if (best.length > count) best.pop();
  }
  return best.map(({ index }) => library.characters[index] as string);
};
