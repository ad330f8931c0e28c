import { STROKE_POINTS, strokeShapes, type Point, type Stroke } from './stroke-shape.ts';

/**
 * The characters handwriting can give, each as its strokes' shapes (strokeShapes of its stroke medians, in the
 * standard stroke order) and how common it is (0: GB 2312 level 1, the 3,755 commonest; 1: level 2; 2: the rest).
 */
export interface StrokeLibrary {
  readonly characters: readonly string[];
  readonly shapes: readonly (readonly (readonly Point[])[])[];
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

const pointDistance = (a: readonly Point[], b: readonly Point[], reversed: boolean): number => {
  let sum = 0;
  for (let i = 0; i < STROKE_POINTS; i++) {
    const [ax, ay] = a[i] as Point;
    const [bx, by] = b[reversed ? STROKE_POINTS - 1 - i : i] as Point;
    sum += Math.hypot(ax - bx, ay - by);
  }
  return sum / STROKE_POINTS;
};

const strokeCost = (written: readonly Point[], stored: readonly Point[]): number =>
  Math.min(pointDistance(written, stored, false), pointDistance(written, stored, true) + REVERSED_STROKE);

/** How far the written strokes are from a character's, in order: an alignment that may skip a stroke on either side. */
const distance = (written: readonly (readonly Point[])[], stored: readonly (readonly Point[])[]): number => {
  const n = written.length;
  const m = stored.length;
  let previous = Array.from({ length: m + 1 }, (_, j) => j * SKIPPED_STROKE);
  for (let i = 1; i <= n; i++) {
    const current = [i * SKIPPED_STROKE];
    for (let j = 1; j <= m; j++) {
      current.push(
        Math.min(
          (previous[j - 1] as number) + strokeCost(written[i - 1] as Point[], stored[j - 1] as Point[]),
          (previous[j] as number) + SKIPPED_STROKE,
          (current[j - 1] as number) + SKIPPED_STROKE,
        ),
      );
    }
    previous = current;
  }
  return (previous[m] as number) / Math.max(n, m);
};

/**
 * The characters the strokes on the pad most look like, best first (in the spirit of HanziLookup: stroke count
 * first, then each stroke's shape and direction in order). Offline, from the stroke library alone.
 */
export const recogniseHandwriting = (library: StrokeLibrary, strokes: readonly Stroke[], count = 10): string[] => {
  const written = strokeShapes(strokes);
  if (written.length === 0) return [];
  const scored: Array<{ index: number; score: number }> = [];
  for (let index = 0; index < library.characters.length; index++) {
    const stored = library.shapes[index] as readonly (readonly Point[])[];
    if (Math.abs(stored.length - written.length) > STROKE_COUNT_SLACK) continue;
    scored.push({ index, score: distance(written, stored) + (library.tiers[index] as number) * TIER_COST });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, count).map(({ index }) => library.characters[index] as string);
};
