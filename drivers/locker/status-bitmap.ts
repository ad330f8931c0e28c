/**
 * Sensor bitmaps: the generic board's read-all reply (locker-boards.md §1.2), Kerong CU48's D1–D6 (§2) and
 * CU16's hook and infrared bytes (§3). In every one, bit i (least significant = 0) of channel group g reports
 * channel 8g + i + 1; what differs is the order of the groups on the wire.
 */

/**
 * §1.3 (UNCERTAIN in the reference): the common generic firmware sends the highest channel group first
 * (`80 AA S17-24 S9-16 S1-8 33 BCC`); at least one 50-channel firmware sends channels 1–8 first. Kerong's
 * bitmaps are documented lowest group first.
 */
export type StatusByteOrder = 'high-first' | 'low-first';

export const STATUS_BYTE_ORDERS: readonly StatusByteOrder[] = ['high-first', 'low-first'];

/** The sensor bit of channel n (from 1), or undefined when the bytes do not cover it. */
export const channelBit = (wireBytes: readonly number[], order: StatusByteOrder, channel: number): boolean | undefined => {
  const group = Math.floor((channel - 1) / 8);
  if (channel < 1 || group >= wireBytes.length) return undefined;
  const byte = wireBytes[order === 'low-first' ? group : wireBytes.length - 1 - group] ?? 0;
  return (byte & (1 << ((channel - 1) % 8))) !== 0;
};

/** The bytes a board sends for these bits (index 0 = channel 1), `groups` bytes long, in the given order. */
export const bitmapBytes = (bits: readonly boolean[], groups: number, order: StatusByteOrder): number[] => {
  const lowFirst = Array.from({ length: groups }, (_, group) => {
    let byte = 0;
    for (let i = 0; i < 8; i++) if (bits[group * 8 + i] === true) byte |= 1 << i;
    return byte;
  });
  return order === 'low-first' ? lowFirst : lowFirst.reverse();
};
