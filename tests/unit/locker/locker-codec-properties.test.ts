import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGeneric8aCommand, encodeGeneric8aCommand, generic8aCommandShape, type Generic8aCommand } from '../../../drivers/locker/generic-8a-commands.ts';
import { decodeGeneric8aReply, encodeGeneric8aReply, generic8aReplyShape, type Generic8aReply } from '../../../drivers/locker/generic-8a-replies.ts';
import { decodeKerongCu16Command, encodeKerongCu16Command, kerongCu16CommandShape, type KerongCu16Command } from '../../../drivers/locker/kerong-cu16-commands.ts';
import { decodeKerongCu16Reply, encodeKerongCu16Reply, kerongCu16ReplyShape, type KerongCu16StatusReply } from '../../../drivers/locker/kerong-cu16-replies.ts';
import { decodeKerongCu48Command, encodeKerongCu48Command, kerongCu48CommandShape, type KerongCu48Command } from '../../../drivers/locker/kerong-cu48-commands.ts';
import { decodeKerongCu48Reply, encodeKerongCu48Reply, kerongCu48ReplyShape, type KerongCu48StatusReply } from '../../../drivers/locker/kerong-cu48-replies.ts';
import { LockerDeframer, type FrameShape, type LockerDeframerEvent } from '../../../drivers/locker/locker-deframer.ts';
import { LockerProtocolError } from '../../../drivers/locker/locker-protocol-error.ts';

/**
 * Properties of every deframer and decoder (conventions.md: random and mutated frames give typed errors only,
 * never an exception, never a hang; any chunking decodes the same).
 */
interface Codec<T> {
  name: string;
  shape: FrameShape;
  decode: (raw: Uint8Array) => T | LockerProtocolError;
  values: fc.Arbitrary<T>;
  encode: (value: T) => Uint8Array;
  /** The longest frame this direction has: the deframer never holds more. */
  longest: number;
}

const byte = fc.integer({ min: 0, max: 255 });
const board8a = byte;
const channel8a = fc.integer({ min: 1, max: 255 });

const generic8aCommands: fc.Arbitrary<Generic8aCommand> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), board: board8a, channel: channel8a }),
  fc.record({ kind: fc.constant('open-hold' as const), board: board8a, channel: channel8a, seconds: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('open-all' as const), board: board8a }),
  fc.record({ kind: fc.constant('read-one' as const), board: board8a, channel: channel8a }),
  fc.record({ kind: fc.constant('read-board' as const), board: board8a }),
  fc.record({
    kind: fc.constant('multi-open' as const),
    board: board8a,
    channels: fc.uniqueArray(fc.integer({ min: 1, max: 24 }), { maxLength: 24 }).map((channels) => channels.sort((a, b) => a - b)),
  }),
  fc.record({ kind: fc.constantFrom('power-on' as const, 'power-off' as const), board: board8a, channel: channel8a }),
);

const generic8aReplies: fc.Arbitrary<Generic8aReply> = fc.oneof(
  fc.record({ kind: fc.constant('open-acknowledged' as const), board: byte, channel: byte, status: byte }),
  fc.record({ kind: fc.constant('lock-status' as const), board: byte, channel: channel8a, status: byte }),
  fc.record({ kind: fc.constant('board-status' as const), board: byte, statusBytes: fc.array(byte, { minLength: 3, maxLength: 7 }) }),
);

const cu48Board = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('all' as const));
const cu48Commands: fc.Arbitrary<KerongCu48Command> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), board: cu48Board }),
  fc.record({ kind: fc.constant('unlock' as const), board: cu48Board, lock: fc.oneof(fc.integer({ min: 1, max: 48 }), fc.constant('all' as const)) }),
);
const cu48Replies: fc.Arbitrary<KerongCu48StatusReply> = fc.record({
  kind: fc.constant('status' as const),
  board: fc.integer({ min: 0, max: 9 }),
  hooks: fc.array(byte, { minLength: 6, maxLength: 6 }),
});

const cu16Board = fc.integer({ min: 0, max: 14 });
const cu16Commands: fc.Arbitrary<KerongCu16Command> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), board: cu16Board }),
  fc.record({ kind: fc.constant('unlock' as const), board: cu16Board, lock: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('status-all' as const) }),
  fc.record({ kind: fc.constant('unlock-all' as const), board: cu16Board }),
);
const cu16Replies: fc.Arbitrary<KerongCu16StatusReply> = fc.record({
  kind: fc.constant('status' as const),
  board: cu16Board,
  hooks: fc.tuple(byte, byte),
  infrared: fc.tuple(byte, byte),
});

/** Each codec checked with its own value type; the table forgets it. */
const codec = <T,>(c: Codec<T>) => c as unknown as Codec<unknown>;

const codecs = [
  codec({ name: 'generic 8A/80 replies', shape: generic8aReplyShape, decode: decodeGeneric8aReply, values: generic8aReplies, encode: encodeGeneric8aReply, longest: 11 }),
  codec({ name: 'generic 8A/80 commands', shape: generic8aCommandShape, decode: decodeGeneric8aCommand, values: generic8aCommands, encode: encodeGeneric8aCommand, longest: 6 }),
  codec({ name: 'Kerong CU48 replies', shape: kerongCu48ReplyShape, decode: decodeKerongCu48Reply, values: cu48Replies, encode: (r) => encodeKerongCu48Reply(r), longest: 12 }),
  codec({ name: 'Kerong CU48 commands', shape: kerongCu48CommandShape, decode: decodeKerongCu48Command, values: cu48Commands, encode: encodeKerongCu48Command, longest: 6 }),
  codec({ name: 'Kerong CU16 replies', shape: kerongCu16ReplyShape, decode: decodeKerongCu16Reply, values: cu16Replies, encode: encodeKerongCu16Reply, longest: 9 }),
  codec({ name: 'Kerong CU16 commands', shape: kerongCu16CommandShape, decode: decodeKerongCu16Command, values: cu16Commands, encode: encodeKerongCu16Command, longest: 5 }),
];

/** Bytes that start no frame of any protocol here: garbage that cannot be mistaken for the start of one. */
const inertGarbage = fc.uint8Array({ maxLength: 12 }).map((garbage) => garbage.map((b) => ([0x02, 0x80, 0x82, 0x8a, 0x90, 0x9a, 0x9b].includes(b) ? 0x55 : b)));

describe.each(codecs)('$name', (codec) => {
  /** Runs bytes through a deframer, with the line going quiet after each burst, and decodes every frame. */
  const decodeBursts = (bursts: Uint8Array[], chunking: number[] = []) => {
    const deframer = new LockerDeframer(codec.shape);
    const events: LockerDeframerEvent[] = [];
    for (const burst of bursts) {
      for (let at = 0, i = 0; at < burst.length; i++) {
        const size = chunking.length > 0 ? (chunking[i % chunking.length] ?? 1) : burst.length;
        events.push(...deframer.push(burst.subarray(at, at + size)));
        expect(deframer.pending).toBeLessThanOrEqual(codec.longest);
        at += size;
      }
      events.push(...deframer.flush());
      expect(deframer.pending).toBe(0);
    }
    for (const event of events) {
      expect(['frame', 'bad-checksum', 'noise']).toContain(event.type);
      if (event.type === 'bad-checksum') expect(event.error).toBeInstanceOf(LockerProtocolError);
    }
    return events;
  };

  const decodeOrError = (raw: Uint8Array) => {
    const decoded = codec.decode(raw);
    // A decoder answers with a value or a typed error; a throw would fail the property right here.
    if (decoded instanceof Error) expect(decoded).toBeInstanceOf(LockerProtocolError);
    return decoded;
  };

  it('every value encodes to a frame that deframes whole and decodes back to the same value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(inertGarbage, codec.values), { minLength: 1, maxLength: 5 }), (pairs) => {
        const bursts = pairs.map(([garbage, value]) => Uint8Array.from([...garbage, ...codec.encode(value)]));
        const frames = decodeBursts(bursts).flatMap((e) => (e.type === 'frame' ? [e.raw] : []));
        expect(frames.map((raw) => decodeOrError(raw))).toEqual(pairs.map(([, value]) => value));
      }),
      { numRuns: 300 },
    );
  });

  /** Noise is counted per push: adjacent noise events are one run of noise, however the bytes came. */
  const joinNoise = (events: LockerDeframerEvent[]) =>
    events.reduce<LockerDeframerEvent[]>((joined, event) => {
      const last = joined.at(-1);
      if (event.type === 'noise' && last?.type === 'noise') joined[joined.length - 1] = { type: 'noise', length: last.length + event.length };
      else joined.push(event);
      return joined;
    }, []);

  it('any chunking of the same bursts gives the same events', () => {
    const burst = fc.oneof(fc.uint8Array({ maxLength: 30 }), codec.values.map((v) => codec.encode(v)));
    fc.assert(
      fc.property(fc.array(burst, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 8 }), (bursts, cuts) => {
        expect(joinNoise(decodeBursts(bursts, cuts))).toEqual(joinNoise(decodeBursts(bursts)));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes give frames, typed errors and noise only, and every frame decodes or gives a typed error', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 4 }), (bursts) => {
        for (const event of decodeBursts(bursts)) if (event.type === 'frame') decodeOrError(event.raw);
      }),
      { numRuns: 500 },
    );
  });

  it('the decoder given any bytes at all answers with a value or a typed error', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 16 }), (raw) => void decodeOrError(raw)), { numRuns: 1000 });
  });

  it('mutated frames give typed errors or values, with and without their checksum fixed up', () => {
    fc.assert(
      fc.property(codec.values, fc.array(fc.tuple(fc.nat(), byte), { minLength: 1, maxLength: 4 }), (value, mutations) => {
        const frame = codec.encode(value);
        for (const [at, b] of mutations) frame[at % frame.length] = b;
        const fixed = frame.slice();
        fixed[fixed.length - 1] = codec.shape.checksumOf(fixed);
        for (const raw of [frame, fixed]) {
          decodeOrError(raw);
          for (const event of decodeBursts([raw])) if (event.type === 'frame') decodeOrError(event.raw);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not hang or grow on a long run of frame starts', () => {
    const deframer = new LockerDeframer(codec.shape);
    const started = Date.now();
    for (const first of [0x02, 0x80, 0x8a]) {
      deframer.push(new Uint8Array(50_000).fill(first));
      expect(deframer.pending).toBeLessThanOrEqual(codec.longest);
    }
    deframer.flush();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
