import { SAM_HEADER_LENGTH, SAM_MAX_LEN, SAM_MIN_LEN, SAM_PREAMBLE, xorChecksum } from './sam-frame.ts';

/** A whole frame whose checksum was right: `body` is everything between the length and the checksum. */
export interface SamFrame {
  body: Uint8Array;
  /** The frame as received, preamble to checksum. */
  raw: Uint8Array;
}

export type DeframerEvent =
  | { type: 'frame'; frame: SamFrame }
  /** A frame arrived whole but its XOR did not match: dropped (§2.3 rule 3). */
  | { type: 'checksum-error'; raw: Uint8Array }
  /** Bytes that were not part of any frame: power-on noise, vendor STX/ETX frames, a bad length (§2.3 rules 1, 4). */
  | { type: 'noise'; length: number };

const matchesPreambleAt = (buffer: Uint8Array, at: number): boolean =>
  SAM_PREAMBLE.every((byte, i) => buffer[at + i] === byte);

/**
 * Turns a byte stream that arrives in arbitrary chunks into SAM frames (idcard-sam-protocol.md §2.3):
 * search the preamble, read Len, wait for 7 + Len bytes, check the XOR; on an implausible length drop one byte
 * and search again. Works for both directions (the simulator reads commands with it). Never throws.
 */
export class SamDeframer {
  #buffer = new Uint8Array(0);

  /** Forgets any partial frame: before each command (§2.3 rule 6), the input is flushed. */
  reset(): void {
    this.#buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): DeframerEvent[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer, 0);
    joined.set(chunk, this.#buffer.length);
    let buffer = joined;
    const events: DeframerEvent[] = [];
    let noise = 0;
    const flushNoise = () => {
      if (noise > 0) events.push({ type: 'noise', length: noise });
      noise = 0;
    };

    for (;;) {
      // Find the preamble; keep a possible partial preamble at the end for the next chunk.
      let start = 0;
      while (start + SAM_PREAMBLE.length <= buffer.length && !matchesPreambleAt(buffer, start)) start++;
      if (start + SAM_PREAMBLE.length > buffer.length) {
        const keepFrom = Math.max(start, buffer.length - (SAM_PREAMBLE.length - 1));
        let partial = keepFrom;
        while (partial < buffer.length && !SAM_PREAMBLE.slice(0, buffer.length - partial).every((b, i) => buffer[partial + i] === b)) {
          partial++;
        }
        noise += partial;
        buffer = buffer.slice(partial);
        break;
      }
      noise += start;
      buffer = buffer.slice(start);
      if (buffer.length < SAM_HEADER_LENGTH) break;
      const len = ((buffer[5] ?? 0) << 8) | (buffer[6] ?? 0);
      if (len < SAM_MIN_LEN || len > SAM_MAX_LEN) {
        noise += 1;
        buffer = buffer.slice(1);
        continue;
      }
      const total = SAM_HEADER_LENGTH + len;
      if (buffer.length < total) break;
      const raw = buffer.slice(0, total);
      flushNoise();
      if (xorChecksum(raw, 5, total - 1) !== raw[total - 1]) {
        // A corrupt Len may have swallowed the start of the next frame: resynchronise from the next byte.
        events.push({ type: 'checksum-error', raw });
        buffer = buffer.slice(1);
        continue;
      }
      buffer = buffer.slice(total);
      events.push({ type: 'frame', frame: { body: raw.slice(SAM_HEADER_LENGTH, total - 1), raw } });
    }
    flushNoise();
    this.#buffer = buffer;
    return events;
  }
}
