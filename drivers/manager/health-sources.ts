import type { IdCardReader } from '../idcard/id-card-reader.ts';
import type { LockerBus } from '../locker/locker-bus.ts';
import type { ReceiptPrinter } from '../printer/receipt-printer.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { SheetScanFailed, type SheetScan, type SheetScanner, type SheetScanProblem, type SheetScanRequest } from '../scanner/sheet-scanner.ts';
import type { Transport } from '../transport/transport.ts';
import { ready, type HealthReading } from './device-health.ts';
import type { HealthSource } from './device-watch.ts';

/** How each kind of driver's own reports read as health (with its connection open; device-watch.ts does the rest). */

export const idCardReaderHealth = (reader: IdCardReader): HealthSource => ({
  listen: (changed) => reader.on('state', changed),
  read: () => {
    if (reader.state === 'ready') return ready;
    if (reader.state === 'not-responding') return { state: 'error', reason: `the reader's SAM does not answer on ${reader.description}` };
    return { state: 'offline', reason: "connected; waiting for the SAM's first answer" };
  },
});

export const receiptPrinterHealth = (printer: ReceiptPrinter, transport: Transport): HealthSource => {
  // Until the printer has answered (or failed to) on this connection, its last status is the old connection's.
  let answeredSinceOpen = false;
  return {
    listen: (changed) => {
      transport.on('state', (state) => {
        if (state === 'open') answeredSinceOpen = false;
      });
      printer.on('status', () => {
        // The printer forgets its status when its connection goes (a null then says nothing of the printer).
        answeredSinceOpen = transport.state === 'open';
        changed();
      });
    },
    read: (): HealthReading => {
      const status = printer.status;
      if (status === null) {
        return answeredSinceOpen ? { state: 'error', reason: 'the printer does not answer status requests (DLE EOT)' } : { state: 'offline', reason: 'connected; waiting for its status' };
      }
      if (status.coverOpen) return { state: 'error', reason: 'cover open' };
      if (status.paper === 'out') return { state: 'error', reason: 'paper out' };
      if (status.cutterError) return { state: 'error', reason: 'cutter error' };
      if (!status.online) return { state: 'error', reason: 'the printer says it is offline' };
      if (status.paper === 'near-end') return { state: 'degraded', reason: 'paper near its end' };
      return ready;
    },
  };
};

/** A serial or HID-POS scanner is ready while connected: it only speaks when it reads a code. */
export const connectedScannerHealth = (scanner: Scanner): HealthSource => ({
  listen: (changed) => scanner.on('state', changed),
  read: () => ready,
});

/** A device the host cannot observe (a keyboard wedge, the page's camera): ready once started. */
export const unobservedHealth: HealthSource = { listen: () => undefined, read: () => ready };

/**
 * A cabinet's boards: each one answering or not as the bus last found it. Every board silent: the cabinet is
 * offline; some: degraded.
 */
export const lockerBusHealth = (bus: LockerBus, boards: readonly number[]): HealthSource => {
  const answering = new Map<number, boolean>();
  return {
    listen: (changed) =>
      bus.on('board', ({ board, answering: now }) => {
        answering.set(board, now);
        changed();
      }),
    read: (): HealthReading => {
      if (answering.size === 0) return { state: 'offline', reason: 'connected; no board read yet' };
      const silent = boards.filter((board) => answering.get(board) === false);
      if (silent.length === 0) return ready;
      const list = silent.join(', ');
      if (silent.length === boards.length) return { state: 'offline', reason: `no board answers (board${silent.length > 1 ? 's' : ''} ${list})` };
      return { state: 'degraded', reason: `board${silent.length > 1 ? 's' : ''} ${list} ${silent.length > 1 ? 'do' : 'does'} not answer` };
    },
  };
};

const SHEET_PROBLEM_STATE: Record<Exclude<SheetScanProblem, 'cancelled'>, HealthReading['state']> = {
  'missing-device': 'offline',
  jammed: 'degraded',
  'no-paper': 'degraded',
  'cover-open': 'degraded',
  busy: 'degraded',
  'timed-out': 'error',
  failed: 'error',
};

/**
 * A sheet scanner is only heard from when it scans: each scan's outcome is its health (ready until one fails;
 * a cancelled scan says nothing about the scanner). Returns the scanner to hand out, which reports its scans.
 */
export const sheetScannerHealth = (scanner: SheetScanner, onSeen: () => void): { source: HealthSource; scanner: SheetScanner } => {
  let reading: HealthReading = ready;
  let changed: () => void = () => undefined;
  const outcome = (next: HealthReading) => {
    reading = next;
    changed();
  };
  return {
    source: {
      listen: (listener) => (changed = listener),
      read: () => reading,
    },
    scanner: {
      description: scanner.description,
      scan: (request: SheetScanRequest): SheetScan => {
        const scan = scanner.scan(request);
        scan.pages.then(
          () => {
            onSeen();
            outcome(ready);
          },
          (error: unknown) => {
            if (!(error instanceof SheetScanFailed)) return outcome({ state: 'error', reason: String(error) });
            if (error.problem === 'cancelled') return;
            if (error.problem !== 'missing-device') onSeen();
            outcome({ state: SHEET_PROBLEM_STATE[error.problem], reason: error.message });
          },
        );
        return scan;
      },
      checkPresence: async () => {
        const presence = await scanner.checkPresence();
        if (presence.present) {
          onSeen();
          outcome(ready);
        } else outcome({ state: 'offline', reason: presence.reason });
        return presence;
      },
    },
  };
};
