import { IntTable } from './int-table.ts';

const EMPTY = new Int32Array(0);

/**
 * For each key (a non-negative int32), the ascending ids of the names that hold it, all in one Int32Array (offsets
 * per key): four bytes per entry, however many keys there are. Keys below `dense` are their own slots; larger ones
 * (pairs of characters) go through an IntTable.
 */
export class Postings {
  readonly #table: IntTable | null;
  readonly #offsets: Int32Array;
  readonly #ids: Int32Array;

  constructor(table: IntTable | null, offsets: Int32Array, ids: Int32Array) {
    this.#table = table;
    this.#offsets = offsets;
    this.#ids = ids;
  }

  /** The names holding the key, ascending (a view, not a copy). */
  of(key: number): Int32Array {
    if (key < 0) return EMPTY;
    const slot = this.#table === null ? key : this.#table.get(key);
    if (slot < 0 || slot + 1 >= this.#offsets.length) return EMPTY;
    return this.#ids.subarray(this.#offsets[slot] ?? 0, this.#offsets[slot + 1] ?? 0);
  }

  get entries(): number {
    return this.#ids.length;
  }
}

/**
 * Builds Postings in two passes over the same keys, so nothing but the final arrays is allocated per entry: first
 * `count` every (key, id), then `add` them again in the same order; ids come in ascending order. A key met twice
 * for one id counts once. `denseKeys`: keys are below it (slots are keys); otherwise keys are hashed.
 */
export class PostingsBuilder {
  readonly #table: IntTable | null;
  #counts: Int32Array;
  #lastId: Int32Array;
  #offsets: Int32Array | null = null;
  #fill: Int32Array | null = null;
  #ids: Int32Array | null = null;

  constructor(denseKeys: number | null) {
    this.#table = denseKeys === null ? new IntTable(1 << 14) : null;
    this.#counts = new Int32Array(denseKeys ?? 1 << 14);
    this.#lastId = new Int32Array(denseKeys ?? 1 << 14).fill(-1);
  }

  count(key: number, id: number): void {
    const slot = this.#table === null ? key : this.#table.slotOf(key);
    if (slot >= this.#counts.length) {
      const counts = new Int32Array(this.#counts.length * 2);
      counts.set(this.#counts);
      const lastId = new Int32Array(this.#counts.length * 2).fill(-1);
      lastId.set(this.#lastId);
      this.#counts = counts;
      this.#lastId = lastId;
    }
    if (this.#lastId[slot] === id) return;
    this.#lastId[slot] = id;
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
  }

  add(key: number, id: number): void {
    if (this.#ids === null) this.#allocate();
    const slot = this.#table === null ? key : this.#table.get(key);
    const fill = this.#fill as Int32Array;
    const ids = this.#ids as Int32Array;
    const at = fill[slot] ?? 0;
    if (at > ((this.#offsets as Int32Array)[slot] ?? 0) && ids[at - 1] === id) return;
    ids[at] = id;
    fill[slot] = at + 1;
  }

  #allocate(): void {
    const slots = this.#table === null ? this.#counts.length : this.#table.size;
    const offsets = new Int32Array(slots + 1);
    for (let slot = 0; slot < slots; slot++) offsets[slot + 1] = (offsets[slot] ?? 0) + (this.#counts[slot] ?? 0);
    this.#offsets = offsets;
    this.#fill = offsets.slice(0, slots);
    this.#ids = new Int32Array(offsets[slots] ?? 0);
    this.#counts = new Int32Array(0);
    this.#lastId = new Int32Array(0);
  }

  build(): Postings {
    if (this.#ids === null) this.#allocate();
    return new Postings(this.#table, this.#offsets as Int32Array, this.#ids as Int32Array);
  }
}
