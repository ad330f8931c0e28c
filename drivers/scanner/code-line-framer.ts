/**
 * Codes from a serial scanner: each ends with CR, LF or CR LF (scanners.md §1.2), and may arrive split over any
 * number of reads. Spaces inside a code are kept; empty lines are not codes. A code longer than the limit is
 * dropped (reported as such) rather than growing without end. Pure, never throws.
 */
export type FramerEvent = { type: 'code'; bytes: Uint8Array } | { type: 'too-long'; length: number };

export const MAX_CODE_BYTES = 8192;

export class CodeLineFramer {
  #buffer: number[] = [];
  #dropping = 0;
  #afterCr = false;

  push(chunk: Uint8Array): FramerEvent[] {
    const events: FramerEvent[] = [];
    for (const byte of chunk) {
      const lineFeedAfterCr = byte === 0x0a && this.#afterCr;
      this.#afterCr = byte === 0x0d;
      if (lineFeedAfterCr) continue; // the LF of a CR LF: the code already ended at the CR
      if (byte === 0x0d || byte === 0x0a) {
        if (this.#dropping > 0) events.push({ type: 'too-long', length: this.#dropping });
        else if (this.#buffer.length > 0) events.push({ type: 'code', bytes: Uint8Array.from(this.#buffer) });
        this.#buffer = [];
        this.#dropping = 0;
        continue;
      }
      if (this.#dropping > 0) {
        this.#dropping++;
      } else if (this.#buffer.length >= MAX_CODE_BYTES) {
        this.#dropping = this.#buffer.length + 1;
        this.#buffer = [];
      } else this.#buffer.push(byte);
    }
    return events;
  }
}
