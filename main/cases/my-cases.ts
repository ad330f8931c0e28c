import type { CaseSummary, PrintOutcome } from '../api/index.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../drivers/printer/printer-errors.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { maskApplicant } from '../session/mask-id-number.ts';
import { caseProgressSlip } from './receipts/case-progress-slip.ts';
import type { ReceiptBranding } from './receipts/receipt-frame.ts';

/** No identified citizen (or no session at all): the screen sends them to identify first. */
export class NotIdentified extends Error {
  constructor() {
    super('the citizen has not identified');
    this.name = 'NotIdentified';
  }
}

/** A case number that is not among this citizen's cases: nobody prints someone else's case. */
export class NotYourCase extends Error {
  constructor() {
    super('that case is not one of the identified citizen’s cases');
    this.name = 'NotYourCase';
  }
}

export interface MyCasesOptions {
  platform: PlatformAdapter;
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

  async list(): Promise<CaseSummary[]> {
    const identity = this.#options.session.identity;
    if (identity === null) throw new NotIdentified();
    const cases = await this.#options.platform.casesOfApplicant(identity.idNumber);
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
    return this.#cases;
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
