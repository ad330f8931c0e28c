import type { PrintOutcome } from '../api/index.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../drivers/printer/printer-errors.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';

/**
 * Prints a locker receipt (取件凭证, 材料接收凭证) when the citizen asks for it. A printer that is missing or in
 * trouble is an outcome, not an error: the screen then shows the receipt's QR for the citizen's phone.
 */
export const printOnRequest = async (printer: Pick<ReceiptPrinter, 'print'> | null, layOut: () => Promise<Uint8Array>, trackingUrl: string): Promise<PrintOutcome> => {
  if (printer === null) return { printed: false, reason: 'no-printer', trackingUrl };
  try {
    await printer.print(await layOut());
    return { printed: true };
  } catch (error) {
    if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) return { printed: false, reason: error.problem, trackingUrl };
    throw error;
  }
};
