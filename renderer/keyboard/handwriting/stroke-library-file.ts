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

/** A character's strokes back from the file, flat as the matcher keeps them (see StrokeLibrary). */
const decodeStrokes = (encoded: string): Float32Array => {
  const binary = atob(encoded);
  const shape = new Float32Array(binary.length);
  for (let i = 0; i < binary.length; i++) shape[i] = binary.charCodeAt(i) / 255;
  return shape;
};

/** The library from its file; a file of another version or shape is refused whole. */
export const strokeLibraryFrom = (file: unknown, points: number): StrokeLibrary => {
  const candidate = file as Partial<StrokeLibraryFile> | null;
  if (candidate?.version !== 1 || candidate.points !== points || !Array.isArray(candidate.entries)) throw new Error('not a stroke library this page can read');
  const strokeBytes = points * 2;
  const characters: string[] = [];
  const shapes: Float32Array[] = [];
  const tiers: number[] = [];
  for (const entry of candidate.entries) {
    const [character, tier, strokes] = entry;
    if (typeof character !== 'string' || typeof tier !== 'number' || typeof strokes !== 'string' || (strokes.length * 3) / 4 < strokeBytes) {
      throw new Error('not a stroke library this page can read');
    }
    characters.push(character);
    tiers.push(tier);
    shapes.push(decodeStrokes(strokes));
  }
  return { characters, shapes, tiers };
};
