import { describe, expect, it } from 'vitest';
import { LOCKER_PROTOCOLS } from '../../../drivers/locker/board-protocols.ts';
import { LockerBus } from '../../../drivers/locker/locker-bus.ts';
import { createMemoryLine } from '../../support/memory-line.ts';

/** Board addresses and doors the protocol cannot carry are a caller's bug (kioskctl and the config check first). */
describe('locker bus arguments', () => {
  it.each([
    ['generic-8a', 0, 32, 50],
    ['kerong-cu48', -1, 10, 48],
    ['kerong-cu16', -1, 15, 16],
  ] as const)('%s refuses boards %i and %i, and doors beyond %i', async (protocol, below, above, maxDoors) => {
    const bus = new LockerBus({ transport: createMemoryLine().host, protocol });
    const { min } = LOCKER_PROTOCOLS[protocol].boardAddresses;
    await expect(bus.status(below)).rejects.toThrow(RangeError);
    await expect(bus.open(above, 1)).rejects.toThrow(RangeError);
    await expect(bus.open(min, 0)).rejects.toThrow(RangeError);
    await expect(bus.open(min, LOCKER_PROTOCOLS[protocol].defaultDoors + 1)).rejects.toThrow(/has doors 1–/);
    expect(() => new LockerBus({ transport: createMemoryLine().host, protocol, boards: [{ address: min, doors: maxDoors + 1 }] })).toThrow(RangeError);
  });
});
