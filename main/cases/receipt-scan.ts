import type { CaseSummary, ScanState } from '../api/index.ts';
import type { Scanner, ScannedCode } from '../../drivers/scanner/scanner.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import { NoActiveSession, type CitizenSession } from '../session/citizen-session.ts';

export interface ReceiptScanOptions {
  scanners: readonly Scanner[];
  platform: PlatformAdapter;
  session: CitizenSession;
  /** The receipts' QR address; a code that starts with it carries the case number after it. */
  trackingUrl: string;
  /** A case found by scanning may be printed in this session. */
  onFound: (found: CaseSummary) => void;
  onChange: (state: ScanState) => void;
  /** The keyboard wedge, when the terminal has one: the page hands over the codes it recognises. */
  wedge: { feed(text: string): void } | null;
}

const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;

/** The case number a receipt's code holds: the tracking URL's tail, a `case` query parameter, or the bare number. */
export const caseNumberFromCode = (code: string, trackingUrl: string): string | null => {
  const text = code.trim();
  const candidate = text.startsWith(trackingUrl)
    ? decodeURIComponent(text.slice(trackingUrl.length))
    : URL.canParse(text)
      ? new URL(text).searchParams.get('case')
      : text;
  return candidate !== null && CASE_NUMBER.test(candidate) ? candidate : null;
};

/**
 * "Scan a receipt": while the step waits, the next code from any scanner (serial, HID-POS, keyboard wedge) is read
 * as a receipt, and its case looked up on the platform. Codes arriving at other times are ignored.
 */
export class ReceiptScan {
  readonly #options: ReceiptScanOptions;
  #state: ScanState = { phase: 'idle' };
  /** Which lookup is the current one: an answer to an earlier one (cancelled, its session over) is dropped. */
  #lookup = 0;

  constructor(options: ReceiptScanOptions) {
    this.#options = options;
    for (const scanner of options.scanners) scanner.on('code', (code) => void this.#code(code));
    options.session.onEnd(() => this.cancel());
  }

  get state(): ScanState {
    return this.#state;
  }

  start(): ScanState {
    if (this.#options.session.state.phase === 'attract') throw new NoActiveSession('scan');
    this.#set({ phase: 'waiting' });
    return this.#state;
  }

  /** A code the page recognised as a keyboard-wedge scan; only while a receipt is expected. */
  keyboardCode(code: string): ScanState {
    if (this.#options.wedge === null) throw new ServiceRefused('unavailable', 'this terminal has no keyboard-wedge scanner');
    if (this.#state.phase !== 'waiting') throw new ServiceRefused('invalid-state', 'no scan is expected now');
    this.#options.wedge.feed(code);
    return this.#state;
  }

  cancel(): ScanState {
    this.#lookup += 1;
    this.#set({ phase: 'idle' });
    return this.#state;
  }

  async #code(code: ScannedCode): Promise<void> {
    if (this.#state.phase !== 'waiting') return;
    const caseNumber = caseNumberFromCode(code.text, this.#options.trackingUrl);
    if (caseNumber === null) {
      this.#set({ phase: 'failed', reason: 'not-a-receipt' });
      return;
    }
    this.#set({ phase: 'looking-up' });
    const lookup = ++this.#lookup;
    const current = () => lookup === this.#lookup && this.#phase() === 'looking-up';
    try {
      const found = await this.#options.platform.caseByNumber(caseNumber);
      if (!current()) return; // cancelled meanwhile, or another lookup (another citizen's) took its place
      if (found === null) {
        this.#set({ phase: 'failed', reason: 'not-found' });
        return;
      }
      const { taskName, deptName, stage, stageNote, submittedAt, promiseDate, completedAt } = found;
      const summary: CaseSummary = { caseNumber: found.caseNumber, taskName, deptName, stage, stageNote, submittedAt, promiseDate, completedAt };
      this.#options.onFound(summary);
      this.#set({ phase: 'found', case: summary });
    } catch {
      if (current()) this.#set({ phase: 'failed', reason: 'unavailable' });
    }
  }

  /** The phase now (a lookup may have been cancelled while it waited for the platform). */
  #phase(): ScanState['phase'] {
    return this.#state.phase;
  }

  #set(state: ScanState): void {
    this.#state = state;
    this.#options.onChange(state);
  }
}
