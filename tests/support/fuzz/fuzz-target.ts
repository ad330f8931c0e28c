import fc from 'fast-check';

/** No single input may take longer than this (issue 21: a hang is > 1 s for one input). */
export const MAX_INPUT_MS = 1000;

/** Told of every input's check, for the fuzz run's figures (bench/fuzz.ts). */
export type CaseObserver = (ms: number) => void;

/**
 * One parser under fuzzing: its inputs and what must hold for every one of them. Shared by the property tests
 * (tests/unit/fuzz, 1,000 inputs each in `npm test`) and the fuzz run (`npm run fuzz`, 10⁵ each), so both check
 * the same thing. `check` throws (an assertion) when the property does not hold.
 */
export interface FuzzTarget<T> {
  name: string;
  /** What holds for every input, in a sentence (printed by the fuzz run). */
  holds: string;
  inputs: fc.Arbitrary<T>;
  check: (input: T) => void | Promise<void>;
}

/** A target with its input type closed over, so targets of different inputs go in one list. */
export interface AnyFuzzTarget {
  name: string;
  holds: string;
  /** The property, each input's check timed: over MAX_INPUT_MS fails it like a broken assertion. */
  property(observe?: CaseObserver): fc.IAsyncPropertyWithHooks<[unknown]>;
}

export class SlowInput extends Error {
  constructor(ms: number) {
    super(`one input took ${Math.round(ms)} ms (at most ${MAX_INPUT_MS} ms)`);
    this.name = 'SlowInput';
  }
}

export const fuzzTarget = <T>(target: FuzzTarget<T>): AnyFuzzTarget => ({
  name: target.name,
  holds: target.holds,
  property: (observe) =>
    fc.asyncProperty(target.inputs as fc.Arbitrary<unknown>, async (input) => {
      const started = performance.now();
      await target.check(input as T);
      const ms = performance.now() - started;
      observe?.(ms);
      if (ms > MAX_INPUT_MS) throw new SlowInput(ms);
    }),
});
