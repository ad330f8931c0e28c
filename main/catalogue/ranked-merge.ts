import type { Cursor } from './posting-cursor.ts';

/** Where a cursor's names come from: their guides, best first, and each guide's rank. */
export interface RankedNames {
  cursor: Cursor;
  leadOf(name: number): number;
  guidesOf(name: number): Int32Array;
  /** Told of each name taken from the cursor. */
  taken(name: number): void;
}

interface Pending {
  rank: number;
  slots: Int32Array;
  at: number;
}

/**
 * Guides of ranked names, best first, lazily: the names come in the order of their best guide, so a guide can be
 * given once no name still to come could hold a better one. Reads as many names as the guides taken need.
 * `take` is given each guide's slot in order and answers whether to go on.
 */
export const mergeRanked = (sources: readonly RankedNames[], rankOf: Int32Array, take: (slot: number) => boolean): void => {
  const heads = sources.map((source) => source.cursor());
  const heap: Pending[] = [];
  const up = (from: number) => {
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Pending).rank <= (heap[i] as Pending).rank) return;
      [heap[parent], heap[i]] = [heap[i] as Pending, heap[parent] as Pending];
      i = parent;
    }
  };
  const down = () => {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let least = i;
      if (left < heap.length && (heap[left] as Pending).rank < (heap[least] as Pending).rank) least = left;
      if (left + 1 < heap.length && (heap[left + 1] as Pending).rank < (heap[least] as Pending).rank) least = left + 1;
      if (least === i) return;
      [heap[least], heap[i]] = [heap[i] as Pending, heap[least] as Pending];
      i = least;
    }
  };
  for (;;) {
    let source = -1;
    let headRank = Infinity;
    heads.forEach((head, i) => {
      if (head < 0) return;
      const rank = rankOf[(sources[i] as RankedNames).leadOf(head)] ?? Infinity;
      if (rank < headRank) {
        headRank = rank;
        source = i;
      }
    });
    const top = heap[0];
    if (top !== undefined && top.rank < headRank) {
      if (!take(top.slots[top.at] ?? -1)) return;
      top.at++;
      if (top.at < top.slots.length) top.rank = rankOf[top.slots[top.at] ?? 0] ?? Infinity;
      else heap[0] = heap[heap.length - 1] as Pending;
      if (top.at >= top.slots.length) heap.pop();
      down();
    } else if (source >= 0) {
      const from = sources[source] as RankedNames;
      const name = heads[source] ?? -1;
      from.taken(name);
      heap.push({ rank: headRank, slots: from.guidesOf(name), at: 0 });
      up(heap.length - 1);
      heads[source] = from.cursor();
    } else return;
  }
};
