import { describe, expect, it } from 'vitest';
import { doorStateFromBit } from '../../../drivers/locker/door-sensor.ts';
import { decodeKerongCu48Command, encodeKerongCu48Command, type KerongCu48Command } from '../../../drivers/locker/kerong-cu48-commands.ts';
import { decodeKerongCu48Reply, encodeKerongCu48Reply, kerongCu48ReplyShape } from '../../../drivers/locker/kerong-cu48-replies.ts';
import { LockerDeframer, type LockerDeframerEvent } from '../../../drivers/locker/locker-deframer.ts';
import { BadChecksum, MalformedFrame } from '../../../drivers/locker/locker-protocol-error.ts';
import { channelBit } from '../../../drivers/locker/status-bitmap.ts';
import { bytes, hex } from '../../support/hex.ts';

const frames = (events: LockerDeframerEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [hex(e.raw)] : []));

describe('Kerong CU48: host → board (locker-boards.md §2, Kerong document V2.1)', () => {
  it.each<[string, KerongCu48Command, string]>([
    ['get status, board 0', { kind: 'status', board: 0 }, '02 00 00 50 03 55'],
    ['get status, all boards', { kind: 'status', board: 'all' }, '02 0A 00 50 03 5F'],
    ['unlock lock 1, board 0', { kind: 'unlock', board: 0, lock: 1 }, '02 00 00 51 03 56'],
    ['unlock all of board 0', { kind: 'unlock', board: 0, lock: 'all' }, '02 00 30 51 03 86'],
    ['unlock all boards', { kind: 'unlock', board: 'all', lock: 'all' }, '02 0A 30 51 03 90'],
    ['unlock lock 5, board 1 (derived from the rule in §2)', { kind: 'unlock', board: 1, lock: 5 }, '02 01 04 51 03 5B'],
  ])('%s is %s', (_name, command, frame) => {
    expect(hex(encodeKerongCu48Command(command))).toBe(frame);
    expect(decodeKerongCu48Command(bytes(frame))).toEqual(command);
  });

  it('refuses boards above 9 (0x0A is the broadcast) and locks outside 1–48', () => {
    expect(() => encodeKerongCu48Command({ kind: 'status', board: 10 })).toThrow(RangeError);
    expect(() => encodeKerongCu48Command({ kind: 'unlock', board: 0, lock: 49 })).toThrow(RangeError);
    expect(() => encodeKerongCu48Command({ kind: 'unlock', board: 0, lock: 0 })).toThrow(RangeError);
  });

  it('gives typed errors for commands a board could not act on', () => {
    expect(decodeKerongCu48Command(bytes('02 00 00 51 03 57'))).toBeInstanceOf(BadChecksum);
    expect(decodeKerongCu48Command(bytes('02 0B 00 50 03 60'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu48Command(bytes('02 00 31 51 03 87'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu48Command(bytes('02 00 00 52 03 57'))).toBeInstanceOf(MalformedFrame);
  });
});

describe('Kerong CU48: board → host (§2)', () => {
  it('decodes the document\'s board 0 reply: locks 1, 2, 3, 47 and 48 locked, the other 43 not', () => {
    const reply = decodeKerongCu48Reply(bytes('02 00 00 65 07 00 00 00 00 C0 03 31'));
    expect(reply).toEqual({ kind: 'status', board: 0, hooks: [0x07, 0, 0, 0, 0, 0xc0] });
    if (!('hooks' in reply)) return;
    const locked = Array.from({ length: 48 }, (_, i) => i + 1).filter((lock) => channelBit(reply.hooks, 'low-first', lock));
    expect(locked).toEqual([1, 2, 3, 47, 48]);
    // Bit 1 = hook locked = door closed with the default (door-closing) wiring; "can be opposite" (NO/NC switch).
    expect(doorStateFromBit(channelBit(reply.hooks, 'low-first', 1), 'door-closing')).toBe('closed');
    expect(doorStateFromBit(channelBit(reply.hooks, 'low-first', 4), 'door-closing')).toBe('open');
    expect(doorStateFromBit(channelBit(reply.hooks, 'low-first', 4), 'door-opening')).toBe('closed');
  });

  it('decodes board 1\'s reply to the broadcast: lock 24 locked', () => {
    const reply = decodeKerongCu48Reply(bytes('02 01 00 65 00 00 80 00 00 00 03 EB'));
    expect(reply).toEqual({ kind: 'status', board: 1, hooks: [0, 0, 0x80, 0, 0, 0] });
  });

  it('encodes what the document shows, byte for byte', () => {
    expect(hex(encodeKerongCu48Reply({ kind: 'status', board: 0, hooks: [0x07, 0, 0, 0, 0, 0xc0] }))).toBe('02 00 00 65 07 00 00 00 00 C0 03 31');
    expect(hex(encodeKerongCu48Reply({ kind: 'status', board: 1, hooks: [0, 0, 0x80, 0, 0, 0] }))).toBe('02 01 00 65 00 00 80 00 00 00 03 EB');
  });

  it('deframes the two replies to a broadcast, back to back, in any chunking, and without waiting for silence', () => {
    const stream = bytes('02 00 00 65 07 00 00 00 00 C0 03 31 02 01 00 65 00 00 80 00 00 00 03 EB');
    for (const size of [1, 5, 12, 13, 24]) {
      const deframer = new LockerDeframer(kerongCu48ReplyShape);
      const got: string[] = [];
      for (let at = 0; at < stream.length; at += size) got.push(...frames(deframer.push(stream.subarray(at, at + size))));
      expect(got).toEqual(['02 00 00 65 07 00 00 00 00 C0 03 31', '02 01 00 65 00 00 80 00 00 00 03 EB']);
    }
  });

  it('gives typed errors: a wrong SUM, a reply without 65 or ETX, an address above 9', () => {
    expect(decodeKerongCu48Reply(bytes('02 00 00 65 07 00 00 00 00 C0 03 32'))).toBeInstanceOf(BadChecksum);
    expect(decodeKerongCu48Reply(bytes('02 00 00 66 07 00 00 00 00 C0 03 32'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu48Reply(bytes('02 00 00 65 07 00 00 00 00 C0 04 32'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu48Reply(bytes('02 0A 00 65 00 00 00 00 00 00 03 74'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu48Reply(bytes('02 00 00 50 03 55'))).toBeInstanceOf(MalformedFrame);
  });

  it('resynchronises after garbage and after a corrupted reply', () => {
    const deframer = new LockerDeframer(kerongCu48ReplyShape);
    const events = deframer.push(bytes('02 02 FF 02 00 00 65 07 00 00 00 00 C0 03 30 02 01 00 65 00 00 80 00 00 00 03 EB'));
    expect(frames(events)).toEqual(['02 01 00 65 00 00 80 00 00 00 03 EB']);
    expect(events.filter((e) => e.type === 'bad-checksum')).toHaveLength(1);
  });
});
