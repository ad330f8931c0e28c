import type { GuideEntry } from './catalogue-store.ts';

/** The ranking within one kind of match: the more popular first, then the shorter name, then the task code. */
export const compareGuides = (a: GuideEntry, b: GuideEntry): number =>
  b.popularity - a.popularity || a.taskName.length - b.taskName.length || (a.taskCode < b.taskCode ? -1 : a.taskCode > b.taskCode ? 1 : 0);

/**
 * Every guide's place in the ranking: the slots of the guides (their places in the index's guide array) in order,
 * and each slot's rank, so that comparing two guides during a search is comparing two integers. Kept across a
 * change by sorting only the changed guides and merging them in.
 */
export class GuideOrder {
  /** Live slots, best first. */
  readonly slots: Int32Array;
  /** Per slot: its position in `slots`, -1 for an empty slot. */
  readonly rankOf: Int32Array;

  constructor(slots: Int32Array, slotCount: number) {
    this.slots = slots;
    this.rankOf = new Int32Array(slotCount).fill(-1);
    slots.forEach((slot, rank) => (this.rankOf[slot] = rank));
  }

  static of(guides: ReadonlyArray<GuideEntry | undefined>): GuideOrder {
    const slots: number[] = [];
    guides.forEach((guide, slot) => {
      if (guide !== undefined) slots.push(slot);
    });
    slots.sort((a, b) => compareGuides(guides[a] as GuideEntry, guides[b] as GuideEntry));
    return new GuideOrder(Int32Array.from(slots), guides.length);
  }

  /** The order after the guides in `moved` changed place (or left: undefined in `guides`). */
  changed(guides: ReadonlyArray<GuideEntry | undefined>, moved: ReadonlySet<number>): GuideOrder {
    const incoming = [...moved].filter((slot) => guides[slot] !== undefined);
    incoming.sort((a, b) => compareGuides(guides[a] as GuideEntry, guides[b] as GuideEntry));
    const slots = new Int32Array(this.slots.length + incoming.length);
    let length = 0;
    let next = 0;
    for (const slot of this.slots) {
      if (moved.has(slot)) continue;
      const guide = guides[slot] as GuideEntry;
      while (next < incoming.length && compareGuides(guides[incoming[next] ?? 0] as GuideEntry, guide) < 0) slots[length++] = incoming[next++] ?? 0;
      slots[length++] = slot;
    }
    while (next < incoming.length) slots[length++] = incoming[next++] ?? 0;
    return new GuideOrder(slots.slice(0, length), guides.length);
  }
}
