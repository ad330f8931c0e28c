/**
 * Tells a keyboard-wedge scanner from a person typing: a scanner "types" a whole code at about 10 ms a
 * character and ends it with Enter (scanners.md §1.1). Keys closer together than `maxGapMs`, at least
 * `minLength` of them, ended by Enter, are a code; anything slower is a person and is left alone.
 */
export interface KeyboardWedgeOptions {
  maxGapMs?: number;
  minLength?: number;
}

export class KeyboardWedgeDetector {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  #buffer = '';
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.#maxGapMs = options.maxGapMs ?? 50;
    this.#minLength = options.minLength ?? 4;
  }

  /** One keydown (its `key` and `timeStamp`); returns the code when this key completed one, else null. */
  key(key: string, timeStamp: number): string | null {
    const gap = timeStamp - this.#lastAt;
    this.#lastAt = timeStamp;
    if (gap > this.#maxGapMs) this.#buffer = '';
    if (key === 'Enter') {
      const code = this.#buffer;
      this.#buffer = '';
      return gap <= this.#maxGapMs && code.length >= this.#minLength ? code : null;
    }
    if (key.length === 1) this.#buffer += key;
    else if (key !== 'Shift') this.#buffer = '';
    return null;
  }
}
