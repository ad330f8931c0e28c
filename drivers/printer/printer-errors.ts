/** Why a receipt cannot be printed now, so the screen can offer another way (the receipt's QR on screen). */
export type PrinterProblem = 'offline' | 'paper-out' | 'cover-open' | 'cutter-error';

/** The printer refused the job before printing anything. */
export class PrinterUnavailable extends Error {
  readonly problem: PrinterProblem;
  constructor(problem: PrinterProblem, description: string) {
    super(`${description}: ${problem}`);
    this.name = 'PrinterUnavailable';
    this.problem = problem;
  }
}

/**
 * The job started but the printer stopped in the middle (paper ran out, cover opened). The job is kept and
 * printed again, whole, when the printer has recovered: `reprinted` settles then (or rejects if the printer
 * is stopped first).
 */
export class PrintInterrupted extends Error {
  readonly problem: PrinterProblem;
  readonly reprinted: Promise<void>;
  constructor(problem: PrinterProblem, description: string, reprinted: Promise<void>) {
    super(`${description}: printing stopped (${problem}); the job will be printed again after recovery`);
    this.name = 'PrintInterrupted';
    this.problem = problem;
    this.reprinted = reprinted;
  }
}
