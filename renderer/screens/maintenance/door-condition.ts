import type { LockerDoor } from '../../../main/api/index.ts';

/** What matters most about a door at a glance, for staff: set aside, a problem, overdue, in use, or free. */
export type DoorCondition = 'jammed' | 'problem' | 'overdue' | 'occupied' | 'empty';

export const doorCondition = ({ jammed, item }: LockerDoor): DoorCondition =>
  jammed ? 'jammed' : item === null ? 'empty' : item.problem !== null ? 'problem' : item.overdue ? 'overdue' : 'occupied';

/** An item whose door is open for someone right now (a citizen collecting, a deposit or drop-off under way) stays put. */
export const canRetrieve = ({ item }: LockerDoor) =>
  item !== null && item.state !== 'collecting' && item.state !== 'depositing' && item.state !== 'dropping';
