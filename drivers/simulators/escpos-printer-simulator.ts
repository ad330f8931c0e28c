import { EventEmitter } from 'node:events';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';

/** What the simulated printer reports (escpos-printing.md §3). */
export type SimulatedPrinterState = 'ok' | 'near-end' | 'out' | 'cover-open' | 'cutter-error' | 'silent';

export interface EscPosPrinterSimulatorOptions {
  path: string;
  baudRate?: number;
}

/**
 * A receipt printer on a serial line: it keeps every byte it prints (not the status requests), answers
 * DLE EOT 1-4 as its state says, and can run out of paper in the middle of a job, after which it prints
 * nothing until the paper is back.
 */
export class EscPosPrinterSimulator extends EventEmitter<{ cut: [job: Uint8Array] }> {
  readonly #transport: Transport;
  /** Where the current job (since the last cut) starts in `printed`. */
  #jobStart = 0;
  #state: SimulatedPrinterState = 'ok';
  #printed: number[] = [];
  #received: number[] = [];
  #pending: number[] = [];
  #paperLeftBytes: number | null = null;
  #replyDelayMs = 0;

  private constructor(transport: Transport) {
    super();
    this.#transport = transport;
    transport.on('data', (chunk) => this.#receive(chunk));
  }

  static async start(options: EscPosPrinterSimulatorOptions): Promise<EscPosPrinterSimulator> {
    const transport = new SerialTransport({ path: options.path, baudRate: options.baudRate ?? 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 });
    const simulator = new EscPosPrinterSimulator(transport);
    await transport.open();
    return simulator;
  }

  get state(): SimulatedPrinterState {
    return this.#state;
  }

  setState(state: SimulatedPrinterState): void {
    this.#state = state;
    if (state === 'ok' || state === 'near-end') this.#paperLeftBytes = null;
  }

  /** Answer status requests this late (a busy printer). */
  setReplyDelay(ms: number): void {
    this.#replyDelayMs = ms;
  }

  /** The paper runs out after this many more printed bytes. */
  runOutOfPaperAfter(bytes: number): void {
    this.#paperLeftBytes = bytes;
  }

  /** Everything printed so far (status requests excluded). */
  get printed(): Uint8Array {
    return Uint8Array.from(this.#printed);
  }

  /** Every byte the printer was sent, status requests included, in order (what a probe may send it, tested). */
  get received(): Uint8Array {
    return Uint8Array.from(this.#received);
  }

  clearPrinted(): void {
    this.#printed = [];
    this.#received = [];
    this.#jobStart = 0;
  }

  async stop(): Promise<void> {
    await this.#transport.close();
  }

  #receive(chunk: Uint8Array): void {
    this.#received.push(...chunk);
    this.#pending.push(...chunk);
    while (this.#pending.length > 0) {
      const at = this.#pending.indexOf(0x10);
      if (at < 0) {
        this.#print(this.#pending.splice(0));
        break;
      }
      this.#print(this.#pending.splice(0, at));
      if (this.#pending.length < 3) break; // wait for the rest of a DLE sequence
      const [, command, n] = this.#pending.splice(0, 3);
      if (command === 0x04 && n !== undefined) this.#answerStatus(n);
    }
  }

  #print(bytes: number[]): void {
    for (const byte of bytes) {
      if (this.#paperLeftBytes !== null) {
        if (this.#paperLeftBytes <= 0) {
          this.#state = 'out';
          this.#paperLeftBytes = null;
        } else this.#paperLeftBytes--;
      }
      if (this.#state === 'out' || this.#state === 'cover-open' || this.#state === 'silent') continue;
      this.#printed.push(byte);
      // GS V m [n]: the cut ends a job (the feed-and-cut forms carry one more byte).
      const n = this.#printed.length;
      const m = this.#printed[n - 2];
      const isCut =
        (this.#printed[n - 3] === 0x1d && this.#printed[n - 2] === 0x56 && [0x00, 0x01, 0x30, 0x31].includes(byte)) ||
        (this.#printed[n - 4] === 0x1d && this.#printed[n - 3] === 0x56 && (m === 0x41 || m === 0x42));
      if (isCut) {
        this.emit('cut', Uint8Array.from(this.#printed.slice(this.#jobStart)));
        this.#jobStart = n;
      }
    }
  }

  #answerStatus(n: number): void {
    const state = this.#state;
    if (state === 'silent') return;
    const offline = state === 'out' || state === 'cover-open' || state === 'cutter-error';
    const reply =
      n === 1 ? 0x16 | (offline ? 0x08 : 0)
      : n === 2 ? 0x12 | (state === 'cover-open' ? 0x04 : 0) | (state === 'out' ? 0x20 : 0) | (state === 'cutter-error' ? 0x40 : 0)
      : n === 3 ? 0x12 | (state === 'cutter-error' ? 0x08 : 0)
      : n === 4 ? 0x12 | (state === 'near-end' ? 0x0c : 0) | (state === 'out' ? 0x6c : 0)
      : null;
    if (reply === null) return;
    const send = () => void this.#transport.write(Uint8Array.of(reply)).catch(() => undefined);
    if (this.#replyDelayMs > 0) setTimeout(send, this.#replyDelayMs);
    else send();
  }
}
