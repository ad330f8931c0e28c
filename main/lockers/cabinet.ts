/**
 * The terminal's certificate lockers as people see them: cabinets (one RS-485 line of lock-control boards each,
 * a `locker-bus` device in the terminal config) with numbered doors of three sizes. A door is driven by its board
 * address and its channel on that board, but people read one number per cabinet: doors are numbered from 1 across
 * the cabinet's boards in the order the config lists them (board 1's 24 doors are 1–24, board 2's next ones 25–…).
 * That numbering is our choice for cabinets whose boards each start at 1; print the same numbers on the doors.
 */
export type DoorSize = 'small' | 'medium' | 'large';
export const DOOR_SIZES: readonly DoorSize[] = ['small', 'medium', 'large'];

/** One cabinet as configured: the shape of a `locker-bus` device of kiosk-config (which services do not import). */
export interface CabinetSettings {
  /** The device id of its bus. */
  id: string;
  /** Its label as printed on it ("A柜"); the device id when not given. */
  label?: string | undefined;
  boards: ReadonlyArray<{ address: number; doors: number; doorSizes: readonly DoorSize[] }>;
}

/** A door's place on the hardware: which bus (cabinet), which board, which channel. */
export interface DoorAddress {
  cabinet: string;
  board: number;
  door: number;
}

/** A door as the services use it: where it is wired, what people call it, how big it is. */
export interface Compartment extends DoorAddress {
  /** The cabinet's label, as printed on it and on receipts. */
  label: string;
  /** The door's number on the cabinet. */
  number: number;
  size: DoorSize;
}

export const doorKey = (address: DoorAddress): string => `${address.cabinet}/${address.board}/${address.door}`;

/** How a receipt or a screen names a door: "A柜 12号门". */
export const compartmentName = (compartment: Pick<Compartment, 'label' | 'number'>): string => `${compartment.label} ${compartment.number}号门`;

export class CabinetModel {
  readonly #compartments: Compartment[] = [];
  readonly #byKey = new Map<string, Compartment>();

  constructor(cabinets: readonly CabinetSettings[]) {
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const cabinet of cabinets) {
      const label = cabinet.label ?? cabinet.id;
      if (ids.has(cabinet.id)) throw new Error(`two cabinets are called ${cabinet.id}`);
      if (labels.has(label)) throw new Error(`two cabinets are labelled ${label}: people could not tell their doors apart`);
      ids.add(cabinet.id);
      labels.add(label);
      let number = 0;
      for (const board of cabinet.boards) {
        for (let door = 1; door <= board.doors; door += 1) {
          number += 1;
          const compartment: Compartment = { cabinet: cabinet.id, label, board: board.address, door, number, size: board.doorSizes[door - 1] ?? 'medium' };
          this.#compartments.push(compartment);
          this.#byKey.set(doorKey(compartment), compartment);
        }
      }
    }
  }

  /** Every door of every cabinet, cabinet by cabinet, in door-number order. */
  get compartments(): readonly Compartment[] {
    return this.#compartments;
  }

  /** The door at a hardware address, or undefined for one that is not configured. */
  at(address: DoorAddress): Compartment | undefined {
    return this.#byKey.get(doorKey(address));
  }

  /** Doors big enough for something of this size, the snuggest first (a licence does not take a box's door). */
  fitting(size: DoorSize): Compartment[] {
    const least = DOOR_SIZES.indexOf(size);
    return this.#compartments
      .filter((compartment) => DOOR_SIZES.indexOf(compartment.size) >= least)
      .sort((a, b) => DOOR_SIZES.indexOf(a.size) - DOOR_SIZES.indexOf(b.size));
  }
}
