const EMPTY = new Int32Array(0);

/**
 * For each key (a number), the ascending ids of the names that hold it, all in one Int32Array (offsets per key):
 * a few bytes per entry, however many keys there are.
 */
export class Postings {
  readonly #slotOf: Map<number, number>;
  readonly #offsets: Int32Array;
  readonly #ids: Int32Array;

  constructor(slotOf: Map<number, number>, offsets: Int32Array, ids: Int32Array) {
    this.#slotOf = slotOf;
    this.#offsets = offsets;
    this.#ids = ids;
  }

  /** The names holding the key, ascending (a view, not a copy). */
  of(key: number): Int32Array {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) return EMPTY;
    return this.#ids.subarray(this.#offsets[slot] ?? 0, this.#offsets[slot + 1] ?? 0);
  }

  get entries(): number {
    return this.#ids.length;
  }
}

/**
 * Builds Postings in two passes over the same keys, so nothing but the final arrays is ever allocated per entry:
 * first `count` every (key, id), then `add` them again in the same order; ids must come in ascending order. A key
 * met twice for one id counts once.
 */
export class PostingsBuilder {
  readonly #slotOf = new Map<number, number>();
  #counts: number[] = [];
  #lastId: number[] = [];
  #offsets: Int32Array | null = null;
  #fill: Int32Array | null = null;
  #ids: Int32Array | null = null;

  count(key: number, id: number): void {
    let slot = this.#slotOf.get(key);
    if (slot === undefined) {
      slot = this.#counts.length;
      this.#slotOf.set(key, slot);
      this.#counts.push(0);
      this.#lastId.push(-1);
    }
    if (this.#lastId[slot] === id) return;
    this.#lastId[slot] = id;
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
  }

  add(key: number, id: number): void {
    if (this.#ids === null) this.#allocate();
    const slot = this.#slotOf.get(key) ?? -1;
    const fill = this.#fill as Int32Array;
    const ids = this.#ids as Int32Array;
    const at = fill[slot] ?? 0;
    if (at > (this.#offsets?.[slot] ?? 0) && ids[at - 1] === id) return;
    ids[at] = id;
    fill[slot] = at + 1;
  }

  #allocate(): void {
    const offsets = new Int32Array(this.#counts.length + 1);
    for (let slot = 0; slot < this.#counts.length; slot++) offsets[slot + 1] = (offsets[slot] ?? 0) + (this.#counts[slot] ?? 0);
    this.#offsets = offsets;
    this.#fill = offsets.slice(0, this.#counts.length);
    this.#ids = new Int32Array(offsets[this.#counts.length] ?? 0);
    this.#counts = [];
    this.#lastId = [];
  }

  build(): Postings {
    if (this.#ids === null) this.#allocate();
    return new Postings(this.#slotOf, this.#offsets as Int32Array, this.#ids as Int32Array);
  }
}
