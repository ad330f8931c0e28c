/**
 * A map from non-negative int32 keys to dense slots (0, 1, 2 … in the order keys are first met), open addressing
 * in typed arrays: no boxing, no per-entry objects, for the millions of look-ups of an index build.
 */
export class IntTable {
  #keys: Int32Array;
  #slots: Int32Array;
  #size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.#keys = new Int32Array(capacity).fill(-1);
    this.#slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** The slot of a key, or -1. */
  get(key: number): number {
    const mask = this.#keys.length - 1;
    for (let at = Math.imul(key, 0x9e3779b1) & mask; ; at = (at + 1) & mask) {
      const held = this.#keys[at] ?? -1;
      if (held === key) return this.#slots[at] ?? -1;
      if (held === -1) return -1;
    }
  }

  /** The slot of a key, given the next one if the key is new. */
  slotOf(key: number): number {
    const mask = this.#keys.length - 1;
    for (let at = Math.imul(key, 0x9e3779b1) & mask; ; at = (at + 1) & mask) {
      const held = this.#keys[at] ?? -1;
      if (held === key) return this.#slots[at] ?? -1;
      if (held === -1) {
        this.#keys[at] = key;
        this.#slots[at] = this.#size++;
        if (this.#size * 2 > this.#keys.length) this.#grow();
        return this.#size - 1;
      }
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const slots = this.#slots;
    this.#keys = new Int32Array(keys.length * 2).fill(-1);
    this.#slots = new Int32Array(keys.length * 2);
    const mask = this.#keys.length - 1;
    keys.forEach((key, i) => {
      if (key === -1) return;
      let at = Math.imul(key, 0x9e3779b1) & mask;
      while (this.#keys[at] !== -1) at = (at + 1) & mask;
      this.#keys[at] = key;
      this.#slots[at] = slots[i] ?? 0;
    });
  }
}
