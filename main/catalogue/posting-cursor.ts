/** Ascending ids, one per call, -1 at the end: how the search walks postings without collecting them. */
export type Cursor = () => number;

export const END: Cursor = () => -1;

export const cursorOf = (list: Int32Array): Cursor => {
  let at = 0;
  return () => (at < list.length ? (list[at++] ?? -1) : -1);
};

/** The first index at or after `from` whose id is ≥ `id` (galloping, then binary search). */
const seek = (list: Int32Array, from: number, id: number): number => {
  let step = 1;
  let high = from;
  while (high < list.length && (list[high] ?? 0) < id) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, list.length);
  while (from < high) {
    const middle = (from + high) >> 1;
    if ((list[middle] ?? 0) < id) from = middle + 1;
    else high = middle;
  }
  return from;
};

/** Ids in every list: walks the shortest, seeks in the others. */
export const intersection = (lists: readonly Int32Array[]): Cursor => {
  if (lists.length === 0) return END;
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [shortest, ...others] = sorted as [Int32Array, ...Int32Array[]];
  if (others.length === 0) return cursorOf(shortest);
  const positions = new Int32Array(others.length);
  let at = 0;
  return () => {
    candidates: while (at < shortest.length) {
      const id = shortest[at++] ?? -1;
      for (let i = 0; i < others.length; i++) {
        const list = others[i] as Int32Array;
        const position = seek(list, positions[i] ?? 0, id);
        positions[i] = position;
        if (position >= list.length) {
          at = shortest.length;
          return -1;
        }
        if (list[position] !== id) continue candidates;
      }
      return id;
    }
    return -1;
  };
};

/** Ids in any list, each once: a k-way merge over a heap of the lists' heads. */
export const union = (lists: readonly Int32Array[]): Cursor => {
  const live = lists.filter((list) => list.length > 0);
  if (live.length === 0) return END;
  if (live.length === 1) return cursorOf(live[0] as Int32Array);
  const heads = new Int32Array(live.length);
  const heap = live.map((_list, i) => i);
  const headOf = (i: number) => live[heap[i] ?? 0]?.[heads[heap[i] ?? 0] ?? 0] ?? Infinity;
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && headOf(left) < headOf(least)) least = left;
      if (right < heap.length && headOf(right) < headOf(least)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least] as number, heap[i] as number];
      i = least;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let last = -1;
  return () => {
    while (heap.length > 0) {
      const list = heap[0] as number;
      const id = live[list]?.[heads[list] ?? 0] ?? -1;
      heads[list] = (heads[list] ?? 0) + 1;
      if ((heads[list] ?? 0) >= (live[list]?.length ?? 0)) {
        heap[0] = heap[heap.length - 1] as number;
        heap.pop();
      }
      down(0);
      if (id !== last) {
        last = id;
        return id;
      }
    }
    return -1;
  };
};

export const filtered = (cursor: Cursor, keep: (id: number) => boolean): Cursor => () => {
  for (let id = cursor(); id >= 0; id = cursor()) if (keep(id)) return id;
  return -1;
};

/** Ids from any of a few cursors, each once, ascending. */
export const either = (cursors: readonly Cursor[]): Cursor => {
  if (cursors.length === 1) return cursors[0] as Cursor;
  const heads = cursors.map((cursor) => cursor());
  return () => {
    let least = -1;
    for (const head of heads) if (head >= 0 && (least < 0 || head < least)) least = head;
    if (least < 0) return -1;
    heads.forEach((head, i) => {
      if (head === least) heads[i] = (cursors[i] as Cursor)();
    });
    return least;
  };
};
