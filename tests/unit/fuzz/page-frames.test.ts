import fc from 'fast-check';
import { describe, it } from 'vitest';
import { pageFramesTarget } from '../../support/fuzz/page-frames.ts';

describe('fuzz: loopback WebSocket frames and the API dispatcher', () => {
  it(pageFramesTarget.holds, async () => {
    await fc.assert(pageFramesTarget.property(), { numRuns: 1000 });
  });
});
