import sharp from 'sharp';

/** A page as pixels: RGBA, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export class ImageUnreadable extends Error {
  constructor(detail: string) {
    super(`not a usable image: ${detail}`);
    this.name = 'ImageUnreadable';
  }
}

/** The largest frame or page decoded (a 50-megapixel camera is more than any 高拍仪 gives). */
const MAX_PIXELS = 50_000_000;

/** Decodes a JPEG or PNG (from the camera or the scanner) to RGBA, refusing anything else or anything huge. */
export const decodeImage = async (bytes: Uint8Array): Promise<RgbaImage> => {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw new ImageUnreadable((error as Error).message);
  }
};

/** A JPEG of the page at a quality; gray pages are stored as gray (a third of the bytes). */
export const encodeJpeg = (image: RgbaImage, quality: number, gray: boolean): Promise<Buffer> => {
  const pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).removeAlpha();
  return (gray ? pipeline.grayscale().toColourspace('b-w') : pipeline).jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:2:0' }).toBuffer();
};

/** A small JPEG for the screen's preview (the page itself stays in the host). */
export const previewJpeg = (jpeg: Uint8Array, width: number): Promise<Buffer> => sharp(jpeg).resize({ width, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
