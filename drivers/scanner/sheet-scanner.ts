/**
 * An A4 sheet scanner (flatbed or feeder), as the material scanning sees it: one scan gives the pages in order, or
 * fails with a problem a citizen and a technician can act on. SANE's scanimage is the one kind so far
 * (sane-sheet-scanner.ts); the device manager builds it from the terminal's `document-scanner` device.
 */
export interface SheetScanner {
  /** Names the scanner for technicians and logs: "sane fujitsu:fi-7160:12345 (feeder)". */
  readonly description: string;
  scan(request: SheetScanRequest): SheetScan;
  /** Opens the scanner and asks for its options, scanning nothing: whether it is there to scan with now. */
  checkPresence(): Promise<SheetScannerPresence>;
}

/** The scanner answered, or why it could not be opened (the backend's own words). */
export type SheetScannerPresence = { present: true } | { present: false; reason: string };

export interface SheetScanRequest {
  dpi: number;
  mode: 'color' | 'gray';
  /** How long one whole scan may take. */
  timeoutMs: number;
  /** The most pages one feeder run takes. */
  maxPages: number;
}

export interface SheetScan {
  /** The pages, PNG, in scan order; rejects with SheetScanFailed and nothing else. */
  readonly pages: Promise<Buffer[]>;
  /** Stops the scan; `pages` then rejects with problem "cancelled". */
  cancel(): void;
}

export type SheetScanProblem = 'missing-device' | 'jammed' | 'no-paper' | 'cover-open' | 'busy' | 'cancelled' | 'timed-out' | 'failed';

export class SheetScanFailed extends Error {
  readonly problem: SheetScanProblem;

  constructor(problem: SheetScanProblem, detail: string) {
    super(`sheet scan failed (${problem}): ${detail}`);
    this.name = 'SheetScanFailed';
    this.problem = problem;
  }
}
