import { PNG } from 'pngjs';
import type { RasterImage } from './escpos-encoder.ts';

export class LogoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogoError';
  }
}

/**
 * A PNG (a hall's logo) as the printer's 1-bit raster: dark, opaque pixels print; the width is padded to a
 * whole byte. Not scaled: a logo wider than the paper is refused with a clear error.
 */
export const rasterFromPng = (png: Uint8Array, maxWidthDots: number): RasterImage => {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png));
  } catch (error) {
    throw new LogoError(`the logo is not a readable PNG (${(error as Error).message})`);
  }
  if (image.width > maxWidthDots) throw new LogoError(`the logo is ${image.width} dots wide; the paper takes at most ${maxWidthDots}`);
  if (image.height > 400) throw new LogoError(`the logo is ${image.height} dots high; keep it under 400`);
  const widthDots = Math.ceil(image.width / 8) * 8;
  const bytesPerRow = widthDots / 8;
  const bits = new Uint8Array(bytesPerRow * image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4;
      const [r = 255, g = 255, b = 255, a = 255] = image.data.subarray(at, at + 4);
      const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
      if (a >= 128 && luminance < 128) bits[y * bytesPerRow + (x >> 3)] = (bits[y * bytesPerRow + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { widthDots, heightDots: image.height, bits };
};
