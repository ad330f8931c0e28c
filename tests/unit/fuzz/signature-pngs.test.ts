import fc from 'fast-check';
import { describe, it } from 'vitest';
import { signaturePngsTarget } from '../../support/fuzz/signature-pngs.ts';

describe('fuzz: signature PNGs', () => {
  it(signaturePngsTarget.holds, async () => {
    await fc.assert(signaturePngsTarget.property(), { numRuns: 1000 });
  });
});
