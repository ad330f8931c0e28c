import type { CaseSummary, PrintOutcome, TerminalCase } from '../api/index.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../drivers/printer/printer-errors.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CaseAcceptance } from '../platform/platform-deliveries.ts';
import type { Outbox, OutboxRecord } from './outbox.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { maskApplicant } from '../session/mask-id-number.ts';
import { caseProgressSlip } from './receipts/case-progress-slip.ts';
import type { ReceiptBranding } from './receipts/receipt-frame.ts';

/** No identified citizen (or no session at all): the screen sends them to identify first. */
export class NotIdentified extends ServiceRefused {
  constructor() {
    super('invalid-state', 'the citizen has not identified');
  }
}

/** A case number that is not among this citizen's cases: nobody prints someone else's case. */
export class NotYourCase extends ServiceRefused {
  constructor() {
    super('invalid-request', 'that case is not one of the identified citizen’s cases');
  }
}

export interface MyCasesOptions {
  platform: PlatformAdapter;
  /** What this terminal submitted for the citizen (its outbox), for cases not yet on the platform and for offline. */
  outbox: Pick<Outbox, 'recordsOfApplicant'>;
  session: CitizenSession;
  printer: ReceiptPrinter | null;
  branding: () => Promise<ReceiptBranding>;
  /** The receipt QR's address; the case number is appended. */
  trackingUrl: string;
  now?: () => Date;
}

/**
 * "My cases": the identified citizen's cases, fetched from the platform with the number on their card, kept for
 * this session only, and a progress slip for any of them (or for a case whose receipt the citizen scanned).
 */
export class MyCases {
  readonly #options: MyCasesOptions;
  #cases: CaseSummary[] = [];

  constructor(options: MyCasesOptions) {
    this.#options = options;
    options.session.onEnd(() => (this.#cases = []));
  }

  /**
   * The citizen's cases from the platform and what this terminal still holds for them; when the platform cannot
   * answer, only what this terminal knows, marked as such.
   */
  async list(): Promise<{ source: 'platform' | 'terminal'; cases: CaseSummary[]; onTerminal: TerminalCase[] }> {
    const identity = this.#options.session.identity;
    if (identity === null) throw new NotIdentified();
    const known = this.#options.outbox.recordsOfApplicant(identity.idNumber).map(terminalCaseOf);
    let cases;
    try {
      cases = await this.#options.platform.casesOfApplicant(identity.idNumber);
    } catch {
      this.#cases = [];
      this.#stillAsking(identity);
      return { source: 'terminal', cases: [], onTerminal: known };
    }
    this.#stillAsking(identity);
    this.#cases = cases.map(({ caseNumber, taskName, deptName, stage, stageNote, submittedAt, promiseDate, completedAt }) => ({
      caseNumber,
      taskName,
      deptName,
      stage,
      stageNote,
      submittedAt,
      promiseDate,
      completedAt,
    }));
    return { source: 'platform', cases: this.#cases, onTerminal: known.filter((item) => item.state !== 'accepted') };
  }

  /**
   * The answer belongs to the identification that asked for it: when the session ended meanwhile, or another citizen
   * identified, it is dropped, never kept for (and printed in) the next one's session.
   */
  #stillAsking(identity: object): void {
    if (this.#options.session.identity !== identity) throw new NotIdentified();
  }

  /** A case the citizen showed the receipt of (scanned): it may be printed too, without an applicant line. */
  admit(scanned: CaseSummary): void {
    if (!this.#cases.some((item) => item.caseNumber === scanned.caseNumber)) this.#cases.push(scanned);
  }

  async printProgress(caseNumber: string): Promise<PrintOutcome> {
    const { session, printer } = this.#options;
    if (session.state.phase === 'attract') throw new NotIdentified();
    const citizen = session.state.citizen;
    const found = this.#cases.find((item) => item.caseNumber === caseNumber);
    if (found === undefined) throw new NotYourCase();
    const trackingUrl = `${this.#options.trackingUrl}${encodeURIComponent(caseNumber)}`;
    if (printer === null) return { printed: false, reason: 'no-printer', trackingUrl };
    const slip = caseProgressSlip(await this.#options.branding(), {
      ...found,
      applicantMasked: citizen === null ? null : maskApplicant(citizen),
      printedAt: (this.#options.now ?? (() => new Date()))(),
      trackingUrl,
    });
    try {
      await printer.print(slip);
      return { printed: true };
    } catch (error) {
      if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) {
        // An interrupted slip is reprinted by the driver later; the citizen gets the QR now either way.
        return { printed: false, reason: error.problem, trackingUrl };
      }
      throw error;
    }
  }
}

const terminalCaseOf = (record: OutboxRecord): TerminalCase => ({
  localReference: record.localReference,
  itemNames: record.summary.itemNames,
  state: record.state === 'queued' || record.state === 'sending' ? 'waiting' : record.state,
  caseNumber: record.state === 'accepted' ? (record.decision as CaseAcceptance).caseNumber : null,
  savedAt: new Date(record.createdAt).toISOString(),
});
