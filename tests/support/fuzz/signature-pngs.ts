import fc from 'fast-check';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { ApplicationRefused } from '../../../main/cases/application-refused.ts';
import { checkedSignature } from '../../../main/cases/signature-png.ts';
import { drawnSignature } from '../drawn-signature.ts';
import { fuzzTarget } from './fuzz-target.ts';
import { mutatedBytes } from './mutations.ts';

/**
 * Signature PNGs (main/cases/signature-png.ts, what application.provide checks before a commitment is signed): PNGs
 * the signature pad would make, mutated ones, ones whose header claims a huge size, interlaced ones whose image data
 * inflates to hundreds of megabytes, any bytes behind the PNG magic, any text.
 */

const PREFIX = 'data:image/png;base64,';
const MAGIC = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const chunk = (type: string, data: Uint8Array): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
};

const ihdr = (width: number, height: number, interlace: number): Buffer => {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 6; // RGBA
  data[12] = interlace;
  return chunk('IHDR', data);
};

/** A PNG of a header and one IDAT (zlib data as it is), with the CRCs right so that a decoder goes on. */
export const pngOf = (width: number, height: number, interlace: number, zlibData: Uint8Array): Buffer =>
  Buffer.concat([MAGIC, ihdr(width, height, interlace), chunk('IDAT', zlibData), chunk('IEND', new Uint8Array())]);

let bomb: Buffer | null = null;
/**
 * zlib data that inflates to 360 MiB of zeros in under 400 KB: one MiB of zeros deflated and flushed to a byte
 * boundary, repeated (each copy refers only to zeros before it), a final empty block and the Adler-32 of it all.
 */
export const inflationBomb = (): Buffer => {
  if (bomb !== null) return bomb;
  const copies = 360;
  const segment = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((copies << 20) % 65521) << 16) + 1);
  bomb = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: copies }, () => segment), Buffer.from([0x03, 0x00]), adler]);
  return bomb;
};

const drawn = [
  [50, 20],
  [120, 40],
  [200, 80],
  [400, 150],
].map(([width, height]) => new Uint8Array(Buffer.from(drawnSignature(width, height).slice(PREFIX.length), 'base64')));

const hugeSize = fc.tuple(fc.constantFrom(...drawn), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(([png, width, height]) => {
  const copy = Buffer.from(png);
  copy.set(ihdr(width, height, 0), 8);
  return new Uint8Array(copy);
});

const bombs = fc.tuple(fc.integer({ min: 50, max: 2000 }), fc.integer({ min: 20, max: 1000 })).map(([width, height]) => new Uint8Array(pngOf(width, height, 1, inflationBomb())));

const asDataUrl = (bytes: Uint8Array) => PREFIX + Buffer.from(bytes).toString('base64');

const signature: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...drawn).map(asDataUrl) },
  { weight: 6, arbitrary: mutatedBytes(fc.constantFrom(...drawn), 3).map(asDataUrl) },
  { weight: 2, arbitrary: hugeSize.map(asDataUrl) },
  { weight: 1, arbitrary: bombs.map(asDataUrl) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 300 }).map((bytes) => asDataUrl(Uint8Array.from([...MAGIC, ...bytes]))) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }).map((text) => PREFIX + text), fc.constant(undefined)) },
);

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail)}`);
};

export const checkSignaturePng = (input: string | undefined): void => {
  let accepted: string;
  try {
    accepted = checkedSignature(input);
  } catch (error) {
    if (!(error instanceof ApplicationRefused) || error.kind !== 'invalid-request') fail('only ApplicationRefused (invalid-request) is thrown', String(error));
    return;
  }
  // What is taken is a PNG of a signature pad's size, as its header says and as it decodes.
  const bytes = Buffer.from(accepted, 'base64');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const image = PNG.sync.read(bytes);
  if (width < 50 || height < 20 || width > 2000 || height > 1000 || image.width !== width || image.height !== height) fail('a signature taken is 50×20 to 2000×1000', { width, height });
  if (bytes.length > 400_000 || `${PREFIX}${accepted}` !== `${PREFIX}${Buffer.from(accepted, 'base64').toString('base64')}`) fail('a signature taken is at most 400 KB of canonical base64', bytes.length);
};

export const signaturePngsTarget = fuzzTarget({
  name: 'signature PNGs',
  holds: 'a signature is taken only as a PNG of 50×20 to 2000×1000 that decodes; anything else is refused with ApplicationRefused (invalid-request), within a second',
  inputs: signature,
  check: checkSignaturePng,
});
