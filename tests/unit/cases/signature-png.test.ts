import zlib, { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationRefused } from '../../../main/cases/application-refused.ts';
import { checkedSignature } from '../../../main/cases/signature-png.ts';
import { drawnSignature } from '../../support/drawn-signature.ts';
import { inflationBomb, pngOf } from '../../support/fuzz/signature-pngs.ts';

const dataUrl = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

afterEach(() => vi.restoreAllMocks());

describe('signature PNG', () => {
  it('takes a signature the pad draws', () => {
    const signature = drawnSignature(400, 150);
    expect(checkedSignature(signature)).toBe(signature.slice('data:image/png;base64,'.length));
  });

  // The fuzz property's counterexample (seed 471107960, path 750): a 360 KB interlaced PNG whose header says 50×22,
  // whose image data inflates to 360 MiB; pngjs inflates interlaced data without a bound (1.07 s and ~900 MB here).
  it('refuses an interlaced PNG from its header, without inflating its image data', () => {
    const inflate = vi.spyOn(zlib, 'inflateSync');
    const bomb = dataUrl(pngOf(50, 22, 1, inflationBomb()));
    expect(bomb.length).toBeLessThan(600_000); // what the contract lets through to the service
    expect(() => checkedSignature(bomb)).toThrow(ApplicationRefused);
    expect(inflate).not.toHaveBeenCalled();
  });

  it('refuses the same image data without interlacing: inflated no further than the header allows, then refused', () => {
    expect(() => checkedSignature(dataUrl(pngOf(50, 22, 0, inflationBomb())))).toThrow(ApplicationRefused);
  });

  // The fuzz run's counterexample (npm run fuzz, seed 948291598, input 95960): image data cut short, which pngjs pads
  // with whatever memory its buffer held, so it decoded or not by chance (accepted 19 times of 20 before the fix for
  // the PNG below: 3 of its 150 rows).
  it('refuses image data shorter than the header needs, every time', () => {
    const fuzzed =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADIAAAAUCAYAAADPym6aAAAARTlEQVR4Ad3BwQnAMAzAQFlk/5XdjtBHoKC72RcBEiEREiEREiEREiEREiEREiERh8tmhi92l5skQiIkQiIOl+0uf5CIB6+mCiW9aXSTAAAAAElFTkSuQmCC';
    const rows = Buffer.alloc(1601 * 3, 0x5a);
    for (let row = 0; row < 3; row += 1) rows[row * 1601] = 0; // each row unfiltered
    const threeRows = dataUrl(pngOf(400, 150, 0, deflateSync(rows)));
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(() => checkedSignature(fuzzed)).toThrow(ApplicationRefused);
      expect(() => checkedSignature(threeRows)).toThrow(ApplicationRefused);
    }
  });
});
