import { describe, expect, it } from 'vitest';
import { doorStateFromBit, doorStateFromStatusByte } from '../../../drivers/locker/door-sensor.ts';
import { decodeGeneric8aCommand, encodeGeneric8aCommand, generic8aCommandShape, type Generic8aCommand } from '../../../drivers/locker/generic-8a-commands.ts';
import { decodeGeneric8aReply, encodeGeneric8aReply, generic8aReplyShape, generic8aStatusByteCount } from '../../../drivers/locker/generic-8a-replies.ts';
import { LockerDeframer, type LockerDeframerEvent } from '../../../drivers/locker/locker-deframer.ts';
import { BadChecksum, MalformedFrame, UnexpectedReply } from '../../../drivers/locker/locker-protocol-error.ts';
import { channelBit } from '../../../drivers/locker/status-bitmap.ts';
import { bytes, hex } from '../../support/hex.ts';

const frames = (events: LockerDeframerEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [hex(e.raw)] : []));

describe('generic 8A/80: host → board (locker-boards.md §1.1)', () => {
  it.each<[string, Generic8aCommand, string]>([
    ['open lock 1 of board 1', { kind: 'open', board: 1, channel: 1 }, '8A 01 01 11 9B'],
    ['open lock 5 of board 2', { kind: 'open', board: 2, channel: 5 }, '8A 02 05 11 9C'],
    ['open lock 6 of board 1 ([L16])', { kind: 'open', board: 1, channel: 6 }, '8A 01 06 11 9C'],
    ['open all locks of board 1', { kind: 'open-all', board: 1 }, '8A 01 00 11 9A'],
    ['read lock 1 of board 1', { kind: 'read-one', board: 1, channel: 1 }, '80 01 01 33 B3'],
    ['read the whole of board 1', { kind: 'read-board', board: 1 }, '80 01 00 33 B2'],
    ['open locks 2, 10 and 18 at once', { kind: 'multi-open', board: 1, channels: [2, 10, 18] }, '90 01 02 02 02 93'],
    ['keep channel 1 powered', { kind: 'power-on', board: 1, channel: 1 }, '9A 01 01 11 8B'],
    ['switch channel 1 off', { kind: 'power-off', board: 1, channel: 1 }, '9B 01 01 11 8A'],
    // Single-source (UNCERTAIN): the 1–9 s hold carries SS before the BCC.
    ['hold lock 3 open 5 s', { kind: 'open-hold', board: 1, channel: 3, seconds: 5 }, '8A 01 03 11 05 9C'],
  ])('%s is %s', (_name, command, frame) => {
    expect(hex(encodeGeneric8aCommand(command))).toBe(frame);
    // The simulated board reads back what the host meant.
    expect(decodeGeneric8aCommand(bytes(frame))).toEqual(command);
  });

  it('refuses values a frame cannot carry with a RangeError (a caller bug, not bus noise)', () => {
    expect(() => encodeGeneric8aCommand({ kind: 'open', board: 1, channel: 0 })).toThrow(RangeError);
    expect(() => encodeGeneric8aCommand({ kind: 'open', board: 256, channel: 1 })).toThrow(RangeError);
    expect(() => encodeGeneric8aCommand({ kind: 'open-hold', board: 1, channel: 1, seconds: 10 })).toThrow(RangeError);
    expect(() => encodeGeneric8aCommand({ kind: 'multi-open', board: 1, channels: [25] })).toThrow(RangeError);
  });

  it('deframes commands for a simulated board; a 5-byte open waits for silence, as a 6-byte hold may follow', () => {
    const deframer = new LockerDeframer(generic8aCommandShape);
    expect(frames(deframer.push(bytes('8A 01 01 11 9B')))).toEqual([]);
    expect(frames(deframer.flush())).toEqual(['8A 01 01 11 9B']);
    expect(frames(deframer.push(bytes('8A 01 03 11 05 9C 80 01 00 33 B2')))).toEqual(['8A 01 03 11 05 9C', '80 01 00 33 B2']);
  });
});

describe('generic 8A/80: board → host (locker-boards.md §1.2)', () => {
  it('decodes the open acknowledgement 8A 01 01 00 8A ([L10]): an acknowledgement with the feedback byte, not an open door', () => {
    expect(decodeGeneric8aReply(bytes('8A 01 01 00 8A'))).toEqual({ kind: 'open-acknowledged', board: 1, channel: 1, status: 0x00 });
  });

  it('decodes the captured read-all of an 8-channel board, which still carries 3 status bytes ([L8])', () => {
    expect(decodeGeneric8aReply(bytes('80 01 00 00 00 33 B2'))).toEqual({ kind: 'board-status', board: 1, statusBytes: [0, 0, 0] });
  });

  it('reads 80 01 00 00 02 33 B0 as lock 2 with the highest group first (§1.3, [L16])', () => {
    const reply = decodeGeneric8aReply(bytes('80 01 00 00 02 33 B0'));
    if (!('kind' in reply) || reply.kind !== 'board-status') throw new Error('not a board status');
    const bitOf = (channel: number) => channelBit(reply.statusBytes, 'high-first', channel);
    expect([1, 2, 3, 9, 17, 24].map(bitOf)).toEqual([false, true, false, false, false, false]);
    expect(channelBit(reply.statusBytes, 'high-first', 25)).toBeUndefined();
    // [L16] reads bit 1 as open: door-opening wiring. With door-closing wiring the same bit is a closed door.
    expect(doorStateFromBit(bitOf(2), 'door-opening')).toBe('open');
    expect(doorStateFromBit(bitOf(2), 'door-closing')).toBe('closed');
    // A firmware that sends channels 1–8 first ([L11]) puts the same bit on channel 18.
    expect(channelBit(reply.statusBytes, 'low-first', 18)).toBe(true);
  });

  it('decodes read-one replies with the §1.4 polarity: 11 is closed with door-closing feedback, open with door-opening', () => {
    expect(decodeGeneric8aReply(bytes('80 01 01 11 91'))).toEqual({ kind: 'lock-status', board: 1, channel: 1, status: 0x11 });
    expect(decodeGeneric8aReply(bytes('80 01 01 00 80'))).toEqual({ kind: 'lock-status', board: 1, channel: 1, status: 0x00 });
    expect([doorStateFromStatusByte(0x11, 'door-closing'), doorStateFromStatusByte(0x00, 'door-closing')]).toEqual(['closed', 'open']);
    expect([doorStateFromStatusByte(0x11, 'door-opening'), doorStateFromStatusByte(0x00, 'door-opening')]).toEqual(['open', 'closed']);
    expect(doorStateFromStatusByte(0x42, 'door-closing')).toBe('unknown');
  });

  it('decodes the 4- and 7-byte read-all variants of 32- and 50-channel boards ([L2][L11])', () => {
    const four = encodeGeneric8aReply({ kind: 'board-status', board: 3, statusBytes: [0x80, 0, 0, 0x01] });
    expect(hex(four)).toBe('80 03 80 00 00 01 33 31');
    expect(decodeGeneric8aReply(four)).toEqual({ kind: 'board-status', board: 3, statusBytes: [0x80, 0, 0, 0x01] });
    const seven = encodeGeneric8aReply({ kind: 'board-status', board: 1, statusBytes: [0x02, 0, 0, 0, 0, 0, 0] });
    expect(seven.length).toBe(11);
    expect(decodeGeneric8aReply(seven)).toMatchObject({ kind: 'board-status', statusBytes: [2, 0, 0, 0, 0, 0, 0] });
    expect([8, 24, 32, 36, 48, 50].map(generic8aStatusByteCount)).toEqual([3, 3, 4, 5, 6, 7]);
  });

  it('gives typed errors: a wrong BCC, a wrong length, an unknown header, the read-board command echoed, an 82 report', () => {
    const wrong = decodeGeneric8aReply(bytes('8A 01 01 00 8B'));
    expect(wrong).toBeInstanceOf(BadChecksum);
    expect(wrong).toMatchObject({ expected: 0x8a, actual: 0x8b });
    expect(decodeGeneric8aReply(bytes('8A 01 01 00'))).toBeInstanceOf(MalformedFrame);
    expect(decodeGeneric8aReply(bytes('80 01 00 00 00 34 B5'))).toBeInstanceOf(MalformedFrame);
    expect(decodeGeneric8aReply(bytes('55 01 01 00 55'))).toBeInstanceOf(MalformedFrame);
    expect(decodeGeneric8aReply(bytes('80 01 00 33 B2'))).toBeInstanceOf(UnexpectedReply);
    expect(decodeGeneric8aReply(bytes('82 01 02 00 81'))).toBeInstanceOf(UnexpectedReply);
    expect(decodeGeneric8aReply(new Uint8Array())).toBeInstanceOf(MalformedFrame);
  });
});

describe('generic 8A/80 reply deframer (§1.5)', () => {
  it('finds a read-all reply after garbage bytes ([L11]) and reports the garbage as noise', () => {
    const deframer = new LockerDeframer(generic8aReplyShape);
    const events = [...deframer.push(bytes('FF 00 13 80 01 00 00 02 33 B0')), ...deframer.flush()];
    expect(frames(events)).toEqual(['80 01 00 00 02 33 B0']);
    expect(events.find((e) => e.type === 'noise')).toEqual({ type: 'noise', length: 3 });
  });

  it('takes a 5-byte read-one reply only when the line goes quiet: a longer read-all could share its start', () => {
    const deframer = new LockerDeframer(generic8aReplyShape);
    expect(frames(deframer.push(bytes('80 01 02 11 92')))).toEqual([]);
    expect(deframer.pending).toBe(5);
    expect(frames(deframer.flush())).toEqual(['80 01 02 11 92']);
    expect(deframer.pending).toBe(0);
  });

  it('takes a frame without waiting once the longest possible frame has arrived', () => {
    const deframer = new LockerDeframer(generic8aReplyShape);
    expect(frames(deframer.push(bytes('8A 01 01 00 8A')))).toEqual(['8A 01 01 00 8A']);
    expect(frames(deframer.push(encodeGeneric8aReply({ kind: 'board-status', board: 2, statusBytes: [1, 2, 3, 4, 5, 6, 7] })))).toHaveLength(1);
  });

  it('reports a frame-shaped run with a wrong BCC, and resynchronises on the next byte', () => {
    const deframer = new LockerDeframer(generic8aReplyShape);
    const events = [...deframer.push(bytes('8A 01 01 00 8B 8A 01 02 00 89')), ...deframer.flush()];
    expect(events.filter((e) => e.type === 'bad-checksum')).toHaveLength(1);
    expect(frames(events)).toEqual(['8A 01 02 00 89']);
  });

  it('does not take the read-board command (an echo) for a reply', () => {
    const deframer = new LockerDeframer(generic8aReplyShape);
    expect(frames([...deframer.push(bytes('80 01 00 33 B2')), ...deframer.flush()])).toEqual([]);
  });
});
