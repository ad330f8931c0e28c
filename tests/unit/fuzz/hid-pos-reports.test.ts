import fc from 'fast-check';
import { describe, it } from 'vitest';
import { hidPosReportsTarget } from '../../support/fuzz/hid-pos-reports.ts';

describe('fuzz: HID-POS reports through the scanner', () => {
  it(hidPosReportsTarget.holds, async () => {
    await fc.assert(hidPosReportsTarget.property(), { numRuns: 1000 });
  });
});
