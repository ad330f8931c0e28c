import { describe, expect, it } from 'vitest';
import { doorStateFromBit } from '../../../drivers/locker/door-sensor.ts';
import { decodeKerongCu16Command, encodeKerongCu16Command, type KerongCu16Command } from '../../../drivers/locker/kerong-cu16-commands.ts';
import { decodeKerongCu16Reply, encodeKerongCu16Reply, kerongCu16ReplyShape } from '../../../drivers/locker/kerong-cu16-replies.ts';
import { LockerDeframer, type LockerDeframerEvent } from '../../../drivers/locker/locker-deframer.ts';
import { BadChecksum, MalformedFrame } from '../../../drivers/locker/locker-protocol-error.ts';
import { channelBit } from '../../../drivers/locker/status-bitmap.ts';
import { bytes, hex } from '../../support/hex.ts';

const frames = (events: LockerDeframerEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [hex(e.raw)] : []));

describe('Kerong CU16: host → board (locker-boards.md §3)', () => {
  it.each<[string, KerongCu16Command, string]>([
    ['status of board 0', { kind: 'status', board: 0 }, '02 00 30 03 35'],
    ['unlock lock 1, board 0', { kind: 'unlock', board: 0, lock: 1 }, '02 00 31 03 36'],
    ['unlock lock 16, board 0', { kind: 'unlock', board: 0, lock: 16 }, '02 0F 31 03 45'],
    ['unlock lock 1, board 1 (derived from the rule)', { kind: 'unlock', board: 1, lock: 1 }, '02 10 31 03 46'],
    ['status of all boards (derived from the rule)', { kind: 'status-all' }, '02 F0 32 03 27'],
    // UNCERTAIN: the reference names 0x33 but shows no frame; ADDR = board << 4 is our reading.
    ['unlock all of board 2', { kind: 'unlock-all', board: 2 }, '02 20 33 03 58'],
  ])('%s is %s', (_name, command, frame) => {
    expect(hex(encodeKerongCu16Command(command))).toBe(frame);
    expect(decodeKerongCu16Command(bytes(frame))).toEqual(command);
  });

  it('packs board and lock into ADDR: board in the high nibble, lock − 1 in the low', () => {
    expect(hex(encodeKerongCu16Command({ kind: 'unlock', board: 3, lock: 7 })).split(' ')[1]).toBe('36');
    expect(hex(encodeKerongCu16Command({ kind: 'status', board: 14 })).split(' ')[1]).toBe('E0');
    expect(() => encodeKerongCu16Command({ kind: 'status', board: 15 })).toThrow(RangeError);
    expect(() => encodeKerongCu16Command({ kind: 'unlock', board: 0, lock: 17 })).toThrow(RangeError);
  });

  it('gives typed errors for commands it does not speak (0x37–0x40 are UNCERTAIN) and wrong sums', () => {
    expect(decodeKerongCu16Command(bytes('02 00 31 03 37'))).toBeInstanceOf(BadChecksum);
    expect(decodeKerongCu16Command(bytes('02 00 37 03 3C'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu16Command(bytes('02 F1 31 03 27'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu16Command(bytes('02 10 32 03 47'))).toBeInstanceOf(MalformedFrame);
  });
});

describe('Kerong CU16: board → host (§3)', () => {
  // §3 gives the layout `02 00 35 h1 h2 i1 i2 03 sum` without values: these frames are built by its rule.
  const board0 = '02 00 35 FE FF 01 00 03 38';

  it(`decodes ${board0}: lock 1 unlocked, 2–16 locked; something in compartment 1`, () => {
    const reply = decodeKerongCu16Reply(bytes(board0));
    expect(reply).toEqual({ kind: 'status', board: 0, hooks: [0xfe, 0xff], infrared: [0x01, 0x00] });
    if (!('hooks' in reply)) return;
    expect(doorStateFromBit(channelBit(reply.hooks, 'low-first', 1), 'door-closing')).toBe('open');
    expect(doorStateFromBit(channelBit(reply.hooks, 'low-first', 16), 'door-closing')).toBe('closed');
    expect([1, 2, 9].map((lock) => channelBit(reply.infrared, 'low-first', lock))).toEqual([true, false, false]);
  });

  it('round-trips a reply from board 1, whose ADDR carries the board in the high nibble (inferred)', () => {
    const frame = encodeKerongCu16Reply({ kind: 'status', board: 1, hooks: [0xff, 0x7f], infrared: [0, 0x80] });
    expect(hex(frame)).toBe('02 10 35 FF 7F 00 80 03 48');
    expect(decodeKerongCu16Reply(frame)).toEqual({ kind: 'status', board: 1, hooks: [0xff, 0x7f], infrared: [0, 0x80] });
    expect(hex(encodeKerongCu16Reply({ kind: 'status', board: 0, hooks: [0xfe, 0xff], infrared: [1, 0] }))).toBe(board0);
  });

  it('gives typed errors: a wrong SUM, a reply without 35 or ETX, a command heard as a reply', () => {
    expect(decodeKerongCu16Reply(bytes('02 00 35 FE FF 01 00 03 39'))).toBeInstanceOf(BadChecksum);
    expect(decodeKerongCu16Reply(bytes('02 00 36 FE FF 01 00 03 39'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu16Reply(bytes('02 00 35 FE FF 01 00 04 39'))).toBeInstanceOf(MalformedFrame);
    expect(decodeKerongCu16Reply(bytes('02 00 30 03 35'))).toBeInstanceOf(MalformedFrame);
  });

  it('deframes a reply after garbage, and skips a command echoed on the line', () => {
    const deframer = new LockerDeframer(kerongCu16ReplyShape);
    const events = deframer.push(bytes(`00 FF 02 00 30 03 35 ${board0}`));
    expect(frames(events)).toEqual([board0]);
    expect(events.filter((e) => e.type === 'bad-checksum')).toEqual([]);
  });
});
