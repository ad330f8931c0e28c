import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeStrokes, type StrokeLibraryFile } from '../renderer/keyboard/handwriting/stroke-library-file.ts';
import { STROKE_POINTS, strokeShapes, type Point } from '../renderer/keyboard/handwriting/stroke-shape.ts';

/**
 * The handwriting keyboard's stroke library, made at build time from hanzi-writer-data (the stroke medians of
 * about 9,500 characters, Arphic Public License: ARPHICPL.TXT in that package): every character's medians, y turned
 * down as on the pad, normalised and resampled as the matcher compares them; ordered and tiered by GB 2312 level.
 */
export const HANZI_WRITER_DATA = path.resolve(import.meta.dirname, '..', 'node_modules', 'hanzi-writer-data');

/** The characters of GB 2312 level 1 (rows 16-55, by pinyin: the commonest) and level 2 (rows 56-87). */
const gb2312Levels = (): [Set<string>, Set<string>] => {
  const decoder = new TextDecoder('gbk');
  const level = (fromRow: number, toRow: number) => {
    const characters = new Set<string>();
    for (let row = fromRow; row <= toRow; row++) {
      for (let cell = 1; cell <= 94; cell++) {
        const character = decoder.decode(Uint8Array.of(0xa0 + row, 0xa0 + cell));
        if (character.length === 1 && character !== '\ufffd') characters.add(character);
      }
    }
    return characters;
  };
  return [level(16, 55), level(56, 87)];
};

/** A character's stroke medians as hanzi-writer-data has them: 1024 units, y up (the baseline at 900). */
export const mediansOf = (character: string, dataDir = HANZI_WRITER_DATA): Point[][] => {
  const data = JSON.parse(readFileSync(path.join(dataDir, `${character}.json`), 'utf8')) as { medians: Array<Array<[number, number]>> };
  return data.medians.map((stroke) => stroke.map(([x, y]) => [x, 900 - y] as const));
};

export const strokeLibraryFile = (dataDir = HANZI_WRITER_DATA): StrokeLibraryFile => {
  const [level1, level2] = gb2312Levels();
  const characters = readdirSync(dataDir)
    .filter((name) => name.endsWith('.json') && [...name.slice(0, -5)].length === 1 && name !== 'package.json')
    .map((name) => name.slice(0, -5))
    .filter((character) => /\p{Script=Han}/u.test(character));
  const tier = (character: string) => (level1.has(character) ? 0 : level2.has(character) ? 1 : 2);
  characters.sort((a, b) => tier(a) - tier(b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    version: 1,
    points: STROKE_POINTS,
    entries: characters.map((character) => [character, tier(character), encodeStrokes(strokeShapes(mediansOf(character, dataDir)))]),
  };
};

/**
 * Writes the library where the built page fetches it, dist/renderer/handwriting/strokes.json, with the licence of
 * the data it is made from beside it (the Arphic Public License asks that it go with every copy).
 */
export const writeStrokeLibrary = (outDir: string): number => {
  const file = strokeLibraryFile();
  mkdirSync(path.join(outDir, 'handwriting'), { recursive: true });
  writeFileSync(path.join(outDir, 'handwriting', 'strokes.json'), JSON.stringify(file));
  copyFileSync(path.join(HANZI_WRITER_DATA, 'ARPHICPL.TXT'), path.join(outDir, 'handwriting', 'ARPHICPL.TXT'));
  return file.entries.length;
};
