import { ReceiptScan } from '../../cases/receipt-scan.ts';
import type { MyCases } from '../../cases/my-cases.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

const METHODS = ['scan.start', 'scan.cancel', 'scan.keyboardCode'] as const;

/**
 * "Scan a receipt": a receipt's QR read by any of the terminal's scanners (serial and HID-POS read by the host; a
 * keyboard wedge types into the page, which hands the code over) finds the case; the case may then be printed.
 */
export const receiptScanCapability = ({ config, events, session, platform, devices }: HostContext, myCases: MyCases) => {
  const { scanners, keyboardWedge } = devices;
  const scan = new ReceiptScan({
    scanners,
    platform,
    session,
    wedge: keyboardWedge,
    trackingUrl: config.receipt.trackingUrl,
    onFound: (found) => myCases.admit(found),
    onChange: (state) => events.emit('scan.state', state),
  });
  return {
    name: 'receipt-scan',
    available: scanners.length > 0,
    homeEntries: scanners.length === 0 ? [] : (['scan-receipt'] as const),
    state: () => scan.state,
    /** Whether a receipt's code is expected now (then a scanned code is the receipt's, not a pickup code). */
    waiting: () => scan.state.phase === 'waiting',
    health: () => (scanners.length === 0 ? unavailable('no QR scanner configured') : ready),
    handlers:
      scanners.length === 0
        ? unavailableMethods(METHODS, 'this terminal has no scanner')
        : {
            'scan.start': () => scan.start(),
            'scan.cancel': () => scan.cancel(),
            'scan.keyboardCode': ({ code }) => scan.keyboardCode(code),
          },
  } satisfies Capability<(typeof METHODS)[number]> & Record<string, unknown>;
};
