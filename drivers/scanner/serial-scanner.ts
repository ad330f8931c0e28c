import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { decodeCodeContent, type CodeEncoding } from './code-content.ts';
import { CodeLineFramer } from './code-line-framer.ts';
import type { Scanner, ScannerEvents } from './scanner.ts';

/** A scanner that sends each code as bytes ending in CR, LF or CR LF: serial or USB CDC-ACM (scanners.md §1.2). */
export class SerialScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly #transport: Transport;
  readonly #encoding: CodeEncoding;
  readonly #framer = new CodeLineFramer();

  constructor(transport: Transport, options: { encoding?: CodeEncoding } = {}) {
    super();
    this.#transport = transport;
    this.#encoding = options.encoding ?? 'auto';
    transport.on('data', (chunk) => {
      for (const event of this.#framer.push(chunk)) {
        if (event.type === 'too-long') this.emit('rejected', `a code of ${event.length} bytes is too long`);
        else this.emit('code', { ...decodeCodeContent(event.bytes, this.#encoding), bytes: event.bytes, source: transport.description });
      }
    });
    transport.on('state', (state) => this.emit('state', state === 'open'));
  }

  get description(): string {
    return this.#transport.description;
  }

  get connected(): boolean {
    return this.#transport.state === 'open';
  }

  start(): Promise<void> {
    return this.#transport.open();
  }

  stop(): Promise<void> {
    return this.#transport.close();
  }
}
