import { describe, expect, it } from 'vitest';
import { fitWithin, inkBounds, judgeInk, SIGNATURE_IMAGE_MAX, type InkStroke } from '../../../renderer/signature/signature-ink.ts';

/** A stroke from one point to another in `steps` moves, as pointer events deliver it. */
const line = (from: [number, number], to: [number, number], steps: number): InkStroke =>
  Array.from({ length: steps + 1 }, (_, step) => ({ x: from[0] + ((to[0] - from[0]) * step) / steps, y: from[1] + ((to[1] - from[1]) * step) / steps }));

describe('whether ink can stand as a signature', () => {
  it('refuses an empty pad, a tap and a short slip', () => {
    expect(judgeInk([])).toBe('empty');
    expect(judgeInk([[]])).toBe('empty');
    expect(judgeInk([[{ x: 10, y: 10 }]])).toBe('too-short');
    expect(judgeInk([line([10, 10], [40, 12], 12)])).toBe('too-short');
    expect(judgeInk([line([10, 10], [400, 10], 2)])).toBe('too-short');
  });

  it('takes a short name written in a few strokes', () => {
    // 王: three across and one down, about 50 px each.
    expect(judgeInk([line([10, 10], [60, 10], 5), line([15, 35], [55, 35], 5), line([35, 10], [35, 60], 5), line([5, 60], [65, 60], 5)])).toBe('signature');
  });
});

describe('cutting the signature image to the ink', () => {
  it('boxes the ink with a margin, and has no box without ink', () => {
    expect(inkBounds([line([100, 50], [300, 150], 4)], 4)).toEqual({ left: 96, top: 46, width: 208, height: 108 });
    expect(inkBounds([], 4)).toBeNull();
    expect(inkBounds([[{ x: 5, y: 5 }]], 2)).toEqual({ left: 3, top: 3, width: 4, height: 4 });
  });

  it('scales a large signature down to fit 800×300, keeping its proportions', () => {
    expect(fitWithin(1600, 300)).toEqual({ scale: 0.5, width: 800, height: 150 });
    expect(fitWithin(900, 600)).toEqual({ scale: 0.5, width: 450, height: 300 });
    const { width, height } = fitWithin(1234.5, 777.7);
    expect(width).toBeLessThanOrEqual(SIGNATURE_IMAGE_MAX.width);
    expect(height).toBeLessThanOrEqual(SIGNATURE_IMAGE_MAX.height);
  });

  it('never scales a small signature up', () => {
    expect(fitWithin(200.4, 80.6)).toEqual({ scale: 1, width: 200, height: 81 });
  });
});
