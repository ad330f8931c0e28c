import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { a4Pixels } from '../../../main/documents/page-straightening.ts';
import { decodeImage } from '../../../main/documents/page-image.ts';
import { PageProcessor } from '../../../main/documents/page-processor.ts';
import type { RgbaImage } from '../../../main/documents/page-image.ts';
import { measurePage, skewedDocumentFrame, SKEWED_CORNERS } from '../../support/skewed-document.ts';

/** Page processing on its worker thread (OpenCV in WebAssembly): corners found, page straightened, colour decided. */
const processor = new PageProcessor();
afterAll(() => processor.close());
const png = (image: RgbaImage) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).png().toBuffer();
const process = async (frame: RgbaImage, colour: 'color' | 'gray' | 'auto' = 'auto', maxPageBytes = 2_000_000) =>
  processor.run({ kind: 'process', image: await png(frame), dpi: 200, colour, maxPageBytes, requirePage: true });

describe('page processing', () => {
  it('finds the corners of a skewed page on a desk, within 2 % of the frame', async () => {
    const frame = skewedDocumentFrame();
    const result = await processor.run({ kind: 'detect', image: await png(frame) });
    if (result.kind !== 'detected' || result.quad === null) throw new Error(`no page found: ${result.kind}`);
    result.quad.forEach(([x, y], i) => {
      const [ex, ey] = SKEWED_CORNERS[i] ?? [0, 0];
      expect(Math.abs(x - ex)).toBeLessThan(frame.width * 0.02);
      expect(Math.abs(y - ey)).toBeLessThan(frame.height * 0.02);
    });
  });

  it('finds no page on an empty desk or a sheet cut off by the frame', async () => {
    const desk = { width: 640, height: 480, data: new Uint8Array(640 * 480 * 4).fill(60) };
    expect(await process(desk)).toMatchObject({ kind: 'no-page' });
    expect(await process(skewedDocumentFrame({ corners: [[-300, -200], [700, 100], [600, 900], [-400, 800]] }))).toMatchObject({ kind: 'no-page' });
  });

  it('warps the page upright to A4 at the dpi: its lines level, no desk in the corners; a red seal keeps the colour', async () => {
    const frame = skewedDocumentFrame({ seal: true });
    const [[x1, y1], [x2, y2]] = SKEWED_CORNERS;
    expect((Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI).toBeGreaterThan(5);
    const result = await process(frame);
    if (result.kind !== 'page') throw new Error(result.kind);
    expect({ width: result.width, height: result.height }).toEqual(a4Pixels(200, false));
    expect(result).toMatchObject({ colour: true, straightened: true });
    const page = measurePage(await decodeImage(result.jpeg));
    expect(Math.abs(page.skewDegrees)).toBeLessThan(0.6);
    expect(page.darkestCorner).toBeGreaterThan(180);
    expect(page.lineTopLeft).toBeCloseTo(120 / 877, 1);
  });

  it('cleans a plain page to black and white (grey JPEG), and refuses a page that cannot fit its size limit', async () => {
    const result = await process(skewedDocumentFrame({ seal: false }));
    if (result.kind !== 'page') throw new Error(result.kind);
    expect(result.colour).toBe(false);
    expect((await sharp(result.jpeg).metadata()).channels).toBe(1);
    expect(await process(skewedDocumentFrame({ seal: true }), 'color', 2_000)).toMatchObject({ kind: 'oversized' });
  });

  it('says a file that is not an image is not one', async () => {
    expect(await processor.run({ kind: 'detect', image: new Uint8Array([1, 2, 3, 4]) })).toMatchObject({ kind: 'failed' });
  });
});
