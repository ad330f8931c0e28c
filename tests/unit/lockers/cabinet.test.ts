import { describe, expect, it } from 'vitest';
import { CabinetModel, compartmentName } from '../../../main/lockers/cabinet.ts';

/** The cabinet model: doors numbered across a cabinet's boards, sizes, the snuggest fitting door first. */
const cabinets = new CabinetModel([
  { id: 'lockers-a', label: 'A柜', boards: [{ address: 1, doors: 4, doorSizes: ['small', 'small', 'medium', 'large'] }, { address: 2, doors: 2, doorSizes: ['medium', 'small'] }] },
  { id: 'lockers-b', boards: [{ address: 0, doors: 2, doorSizes: ['large', 'large'] }] },
]);

describe('cabinet model', () => {
  it('numbers doors from 1 across a cabinet’s boards, in the order the config lists them', () => {
    expect(cabinets.compartments.map((c) => `${c.label}:${c.board}/${c.door}=${c.number}`)).toEqual([
      'A柜:1/1=1',
      'A柜:1/2=2',
      'A柜:1/3=3',
      'A柜:1/4=4',
      'A柜:2/1=5',
      'A柜:2/2=6',
      'lockers-b:0/1=1',
      'lockers-b:0/2=2',
    ]);
    expect(compartmentName(cabinets.at({ cabinet: 'lockers-a', board: 2, door: 2 }) ?? { label: '', number: 0 })).toBe('A柜 6号门');
    expect(cabinets.at({ cabinet: 'lockers-a', board: 3, door: 1 })).toBeUndefined();
  });

  it('offers doors big enough, the snuggest first', () => {
    expect(cabinets.fitting('medium').map((c) => `${c.label}${c.number}`)).toEqual(['A柜3', 'A柜5', 'A柜4', 'lockers-b1', 'lockers-b2']);
    expect(cabinets.fitting('large').map((c) => c.size)).toEqual(['large', 'large', 'large']);
    expect(cabinets.fitting('small')).toHaveLength(8);
  });

  it('refuses two cabinets people could not tell apart', () => {
    expect(() => new CabinetModel([{ id: 'a', label: 'A柜', boards: [] }, { id: 'b', label: 'A柜', boards: [] }])).toThrow(/labelled/);
    expect(() => new CabinetModel([{ id: 'a', boards: [] }, { id: 'a', boards: [] }])).toThrow(/two cabinets/);
  });
});
