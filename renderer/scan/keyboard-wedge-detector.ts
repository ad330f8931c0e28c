/**
 * Tells a keyboard-wedge scanner from a person typing: a scanner "types" a whole code at about 10 ms a
 * character and ends it with Enter (scanners.md §1.1; onscan.js judges by the average time per character too).
 * A run of keys ended by Enter is a code when it has at least `minLength` characters and came at no more than
 * `averageGapMs` a character on average — so one hiccup in the middle (a USB or a busy page pausing 100 ms) does
 * not cut a real scan in two, while a person (well over 100 ms a key) is left alone. A pause longer than
 * `pauseMs` starts a new run.
 */
export interface KeyboardWedgeOptions {
  averageGapMs?: number;
  pauseMs?: number;
  minLength?: number;
}

export class KeyboardWedgeDetector {
  readonly #averageGapMs: number;
  readonly #pauseMs: number;
  readonly #minLength: number;
  #buffer = '';
  #startedAt = 0;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.#averageGapMs = options.averageGapMs ?? 35;
    this.#pauseMs = options.pauseMs ?? 400;
    this.#minLength = options.minLength ?? 4;
  }

  /** One keydown (its `key` and `timeStamp`); returns the code when this key completed one, else null. */
  key(key: string, timeStamp: number): string | null {
    if (timeStamp - this.#lastAt > this.#pauseMs) {
      this.#buffer = '';
      this.#startedAt = timeStamp;
    }
    this.#lastAt = timeStamp;
    if (key === 'Enter') {
      const code = this.#buffer;
      this.#buffer = '';
      const average = (timeStamp - this.#startedAt) / Math.max(1, code.length);
      this.#startedAt = timeStamp;
      return code.length >= this.#minLength && average <= this.#averageGapMs ? code : null;
    }
    if (key.length === 1) {
      if (this.#buffer === '') this.#startedAt = timeStamp;
      this.#buffer += key;
    } else if (key !== 'Shift') this.#buffer = '';
    return null;
  }
}
