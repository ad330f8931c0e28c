import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import { PrinterUnavailable, PrintInterrupted, type PrinterProblem } from '../../drivers/printer/printer-errors.ts';
import type { ReceiptBranding } from './receipts/receipt-frame.ts';
import { testPage, type TestPageContent } from './receipts/test-page.ts';

export type TestPrintOutcome = { status: 'printed' } | { status: 'not-printed'; problem: PrinterProblem };

/**
 * The printer test page, for staff in maintenance mode: printed, or why not. A page cut off mid-way comes out whole
 * once the printer has recovered (the driver's reprint), which is what staff checking the printer want to see.
 */
export const printTestPage = async (printer: Pick<ReceiptPrinter, 'print'>, branding: ReceiptBranding, content: TestPageContent): Promise<TestPrintOutcome> => {
  try {
    await printer.print(testPage(branding, content));
    return { status: 'printed' };
  } catch (error) {
    if (error instanceof PrintInterrupted) error.reprinted.catch(() => undefined);
    if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) return { status: 'not-printed', problem: error.problem };
    throw error;
  }
};
