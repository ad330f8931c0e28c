import { beforeAll, describe, expect, it } from 'vitest';
import { recogniseHandwriting, type StrokeLibrary } from '../../../renderer/keyboard/handwriting/handwriting-matcher.ts';
import { strokeLibraryFrom } from '../../../renderer/keyboard/handwriting/stroke-library-file.ts';
import { STROKE_POINTS, type Point } from '../../../renderer/keyboard/handwriting/stroke-shape.ts';
import { mediansOf, strokeLibraryFile } from '../../../scripts/handwriting-strokes.ts';

/** A small seeded generator, so a failing draw can be drawn again. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const gaussian = (next: () => number) => Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next());

/**
 * A character as a finger would write it on a 300-pixel pad: its medians (the standard strokes), turned a few
 * degrees, squeezed or stretched a little, placed anywhere, traced every few pixels, every point off by some noise.
 */
const handWritten = (character: string, seed: number): Point[][] => {
  const next = random(seed);
  const angle = ((next() - 0.5) * 10 * Math.PI) / 180;
  const scaleX = (0.26 + next() * 0.06) * (0.9 + next() * 0.2);
  const scaleY = 0.26 + next() * 0.06;
  const [dx, dy] = [20 + next() * 40, 20 + next() * 40];
  const noise = 300 * 0.015;
  return mediansOf(character).map((stroke) => {
    const traced: Point[] = [];
    for (let i = 0; i < stroke.length; i++) {
      const [x0, y0] = stroke[i] as Point;
      const [x1, y1] = (stroke[i + 1] ?? stroke[i]) as Point;
      const steps = i + 1 < stroke.length ? Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / 20)) : 1;
      for (let s = 0; s < steps; s++) traced.push([x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps]);
    }
    return traced.map(([x, y]) => {
      const rx = x * Math.cos(angle) - y * Math.sin(angle);
      const ry = x * Math.sin(angle) + y * Math.cos(angle);
      return [rx * scaleX + dx + gaussian(next) * noise, ry * scaleY + dy + gaussian(next) * noise] as const;
    });
  });
};

let library: StrokeLibrary;
beforeAll(() => {
  // The library as the build writes it and the page reads it back (JSON, one byte per coordinate).
  library = strokeLibraryFrom(JSON.parse(JSON.stringify(strokeLibraryFile())), STROKE_POINTS);
});

describe('handwriting (手写输入), offline from stroke data', () => {
  it('holds the commonest characters first: all of GB 2312 level 1 in its first tier', () => {
    expect(library.characters.length).toBeGreaterThan(9000);
    const firstTier = library.tiers.filter((tier) => tier === 0).length;
    expect(firstTier).toBeGreaterThan(3700);
    expect(library.characters.slice(0, firstTier)).toEqual(expect.arrayContaining(['社', '保', '证', '卡', '会']));
  });

  it.each(['社', '保', '证'])('finds %s, drawn from its strokes with noise, in the first five candidates, every time', (character) => {
    for (let seed = 1; seed <= 12; seed++) {
      const candidates = recogniseHandwriting(library, handWritten(character, seed * 7919), 5);
      expect(candidates, `seed ${seed * 7919}`).toContain(character);
    }
  });

  it('finds the characters of 社会保障卡 one by one, as a search typed by hand would', () => {
    const written = [...'社会保障卡'].map((character, i) => recogniseHandwriting(library, handWritten(character, 100 + i), 5));
    written.forEach((candidates, i) => expect(candidates).toContain([...'社会保障卡'][i]));
  });

  it('gives nothing for an empty pad, and candidates of about the stroke count written for a scribble', () => {
    expect(recogniseHandwriting(library, [])).toEqual([]);
    const scribble: Point[][] = [[[10, 10], [200, 190]], [[200, 10], [10, 190]]];
    const candidates = recogniseHandwriting(library, scribble, 5);
    expect(candidates).toHaveLength(5);
    for (const candidate of candidates) expect(mediansOf(candidate).length).toBeLessThanOrEqual(4);
  });
});
