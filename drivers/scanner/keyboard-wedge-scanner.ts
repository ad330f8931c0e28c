import { EventEmitter } from 'node:events';
import type { Scanner, ScannerEvents } from './scanner.ts';
import { MAX_CODE_BYTES } from './code-line-framer.ts';

/**
 * A keyboard-wedge scanner, seen from the host: the page recognises a scan by its keystroke timing (only on
 * screens that expect one) and hands the text over; from here on it is a code like any other. Chinese content
 * does not survive a wedge (scanners.md §1.1): prefer serial or HID-POS where the hardware allows.
 */
export class KeyboardWedgeScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly description = 'keyboard wedge';
  readonly connected = true;

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** A code the page recognised. */
  feed(text: string): void {
    const bytes = new TextEncoder().encode(text);
    if (text === '' || bytes.length > MAX_CODE_BYTES) {
      this.emit('rejected', `a keyboard code of ${bytes.length} bytes is not a code`);
      return;
    }
    this.emit('code', { text, bytes, encoding: 'utf-8', source: this.description });
  }
}
