import { BadChecksum } from './locker-protocol-error.ts';

/**
 * What a protocol's frames look like in one direction, for the deframer: which first bytes start a frame,
 * the lengths such a frame may have, the fixed bytes it must carry, and its checksum rule.
 */
export interface FrameShape {
  /** The lengths a frame starting with this byte may have, shortest first; none when no frame starts with it. */
  lengthsFor(first: number): readonly number[];
  /** The candidate has every fixed byte (trailer, command, ETX) where a frame of its length needs it. */
  fits(candidate: Uint8Array): boolean;
  /** The checksum the candidate's last byte should hold. */
  checksumOf(candidate: Uint8Array): number;
}

export type LockerDeframerEvent =
  | { type: 'frame'; raw: Uint8Array }
  /** Frame-shaped bytes whose checksum is wrong: dropped, and the search goes on from the next byte. */
  | { type: 'bad-checksum'; error: BadChecksum }
  /** Bytes that belong to no frame: power-on noise, garbage before a reply (§1.5), partial frames cut by silence. */
  | { type: 'noise'; length: number };

/**
 * Turns the bytes of one direction of a lock-control bus into frames, however they were chunked
 * (locker-boards.md §1.5): find a byte that can start a frame, try the lengths it allows, check the fixed
 * bytes and the checksum; on failure drop one byte and search again (resynchronisation on garbage).
 *
 * Where a frame's length is not fixed (the generic board's read-one and read-all replies share the header
 * 0x80), a valid short frame is only taken once a longer one can no longer complete: when enough bytes have
 * arrived, or when the line went quiet (`flush`). That is §1.5's framing by inter-byte silence. The buffer
 * never holds more than the longest frame; nothing here throws.
 */
export class LockerDeframer {
  readonly #shape: FrameShape;
  #buffer = new Uint8Array(0);

  constructor(shape: FrameShape) {
    this.#shape = shape;
  }

  /** Bytes waiting for the rest of a frame. */
  get pending(): number {
    return this.#buffer.length;
  }

  /** Forgets everything received: before each command the receive buffer is cleared (§1.5). */
  reset(): void {
    this.#buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): LockerDeframerEvent[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer, 0);
    joined.set(chunk, this.#buffer.length);
    this.#buffer = joined;
    return this.#take(false);
  }

  /** The line went quiet: no frame can grow any more; what is left over is noise. */
  flush(): LockerDeframerEvent[] {
    return this.#take(true);
  }

  #take(quiet: boolean): LockerDeframerEvent[] {
    const events: LockerDeframerEvent[] = [];
    let buffer = this.#buffer;
    let noise = 0;
    const flushNoise = () => {
      if (noise > 0) events.push({ type: 'noise', length: noise });
      noise = 0;
    };
    while (buffer.length > 0) {
      const lengths = this.#shape.lengthsFor(buffer[0] ?? 0);
      let valid = 0;
      let wrongSum: Uint8Array | null = null;
      let mayGrow = false;
      for (const length of lengths) {
        if (length > buffer.length) {
          mayGrow = true;
          continue;
        }
        const candidate = buffer.subarray(0, length);
        if (!this.#shape.fits(candidate)) continue;
        if (this.#shape.checksumOf(candidate) === candidate[length - 1]) valid = length;
        else wrongSum = candidate;
      }
      if (mayGrow && !quiet) break;
      if (valid > 0) {
        flushNoise();
        events.push({ type: 'frame', raw: buffer.slice(0, valid) });
        buffer = buffer.subarray(valid);
        continue;
      }
      if (wrongSum !== null) {
        flushNoise();
        events.push({ type: 'bad-checksum', error: new BadChecksum(wrongSum.slice(), this.#shape.checksumOf(wrongSum)) });
      } else noise++;
      buffer = buffer.subarray(1);
    }
    flushNoise();
    this.#buffer = buffer.slice();
    return events;
  }
}
