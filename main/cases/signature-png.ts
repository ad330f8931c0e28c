import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { ApplicationRefused } from './application-refused.ts';

const PREFIX = 'data:image/png;base64,';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A signature pad's size, in pixels: at least 50×20, at most 2000×1000. */
const signatureSizeFits = (width: number, height: number) => width >= 50 && height >= 20 && width <= 2000 && height <= 1000;

/** Channels per pixel of each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const CHANNELS = new Map([
  [0, 1],
  [2, 3],
  [3, 1],
  [4, 2],
  [6, 4],
]);

/**
 * Whether the image data (every IDAT, joined) inflates to exactly what the header's size needs, inflating no more.
 * pngjs cannot be asked: its sync inflate reads zlib's output state the wrong way round and hands on its whole output
 * buffer, so short image data is padded with whatever memory that buffer held, and a PNG with 3 of its 150 rows
 * decoded, or not, by chance (found by tests/unit/fuzz/signature-pngs.test.ts).
 */
const imageDataFits = (bytes: Buffer, width: number, height: number): boolean => {
  const depth = bytes[24] ?? 0;
  const channels = CHANNELS.get(bytes[25] ?? -1);
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth)) return false;
  const expected = (Math.ceil((width * channels * depth) / 8) + 1) * height;
  const parts: Buffer[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return false;
    if (type === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  try {
    return inflateSync(Buffer.concat(parts), { maxOutputLength: expected }).length === expected;
  } catch {
    return false; // not zlib, cut short, or more than the header allows
  }
};

/**
 * A drawn signature as delivered: a real PNG, not too large; its base64 without the data-URL prefix. Anything else is
 * refused with ApplicationRefused (invalid-request), and nothing is decoded that its header does not allow.
 */
export const checkedSignature = (signature: string | undefined): string => {
  if (signature === undefined || !signature.startsWith(PREFIX)) throw new ApplicationRefused('invalid-request', 'a commitment needs the signature drawn on the screen (a PNG)');
  const bytes = Buffer.from(signature.slice(PREFIX.length), 'base64');
  if (bytes.length < 100 || bytes.length > 400_000 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new ApplicationRefused('invalid-request', 'the signature is not a usable PNG');
  // The size from the header (the first chunk, IHDR) before anything is decoded: a few KB of compressed zeros can
  // claim 16000×16000 pixels, which decoding would hold the host's event loop for seconds to expand.
  // Nor interlaced (a canvas never makes one): pngjs inflates interlaced image data without the bound the header
  // gives, so 360 KB could claim 50×22 pixels and inflate to 360 MB (found by tests/unit/fuzz/signature-pngs.test.ts).
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const interlaced = bytes[28] !== 0;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR' || !signatureSizeFits(width, height) || interlaced) throw new ApplicationRefused('invalid-request', 'the signature is not a usable PNG');
  if (!imageDataFits(bytes, width, height)) throw new ApplicationRefused('invalid-request', 'the signature is not a usable PNG');
  try {
    const image = PNG.sync.read(bytes);
    if (!signatureSizeFits(image.width, image.height)) throw new Error('size');
  } catch {
    throw new ApplicationRefused('invalid-request', 'the signature is not a usable PNG');
  }
  return bytes.toString('base64');
};
