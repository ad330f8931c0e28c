import type { StrokeLibrary } from './handwriting-matcher.ts';
import type { Point } from './stroke-shape.ts';

/**
 * The stroke library as the build writes it (scripts/handwriting-strokes.ts) and the page fetches it: one entry per
 * character, [character, tier, base64 of its strokes' points], each coordinate of the unit square as one byte.
 */
export interface StrokeLibraryFile {
  version: 1;
  points: number;
  entries: Array<[string, number, string]>;
}

export const encodeStrokes = (shapes: readonly (readonly Point[])[]): string => {
  const bytes = Uint8Array.from(shapes.flatMap((stroke) => stroke.flatMap(([x, y]) => [Math.round(x * 255), Math.round(y * 255)])));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

const decodeStrokes = (encoded: string, points: number): Point[][] => {
  const binary = atob(encoded);
  const strokes: Point[][] = [];
  for (let offset = 0; offset + points * 2 <= binary.length; offset += points * 2) {
    const stroke: Point[] = [];
    for (let k = 0; k < points; k++) stroke.push([binary.charCodeAt(offset + k * 2) / 255, binary.charCodeAt(offset + k * 2 + 1) / 255]);
    strokes.push(stroke);
  }
  return strokes;
};

/** The library from its file; a file of another version or shape is refused whole. */
export const strokeLibraryFrom = (file: unknown, points: number): StrokeLibrary => {
  const candidate = file as Partial<StrokeLibraryFile> | null;
  if (candidate?.version !== 1 || candidate.points !== points || !Array.isArray(candidate.entries)) throw new Error('not a stroke library this page can read');
  const characters: string[] = [];
  const shapes: Point[][][] = [];
  const tiers: number[] = [];
  for (const entry of candidate.entries) {
    const [character, tier, strokes] = entry;
    characters.push(character);
    tiers.push(tier);
    shapes.push(decodeStrokes(strokes, points));
  }
  return { characters, shapes, tiers };
};
