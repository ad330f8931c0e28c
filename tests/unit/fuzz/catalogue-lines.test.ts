import fc from 'fast-check';
import { describe, it } from 'vitest';
import { catalogueLinesTarget } from '../../support/fuzz/catalogue-lines.ts';

describe('fuzz: catalogue exchange lines', () => {
  it(catalogueLinesTarget.holds, async () => {
    await fc.assert(catalogueLinesTarget.property(), { numRuns: 1000 });
  });
});
