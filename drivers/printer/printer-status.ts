/**
 * What a receipt printer says about itself (escpos-printing.md §3, §4): real-time status (DLE EOT 1-4, one
 * byte each, pattern 0xx1xx10) and Automatic Status Back (GS a: 4 bytes, the first with pattern 0xx1xx00).
 */
export type PaperState = 'ok' | 'near-end' | 'out';

export interface PrinterStatus {
  online: boolean;
  paper: PaperState;
  coverOpen: boolean;
  cutterError: boolean;
}

/** Tells a DLE EOT reply from ASB and GS r bytes (§3). */
export const isRealtimeStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;
/** The first byte of an ASB frame (§4). */
export const isAsbFirstByte = (byte: number): boolean => (byte & 0x93) === 0x10;

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** The four DLE EOT replies (n = 1, 2, 3, 4) as one status. Total: any four bytes give a status. */
export const decodeRealtimeStatus = (printer: number, offlineCause: number, errorCause: number, paper: number): PrinterStatus => {
  const paperOut = (paper & 0x60) === 0x60 || bit(offlineCause, 5);
  return {
    online: !bit(printer, 3),
    paper: paperOut ? 'out' : (paper & 0x0c) === 0x0c ? 'near-end' : 'ok',
    coverOpen: bit(offlineCause, 2),
    cutterError: bit(errorCause, 3),
  };
};

/** An ASB frame's four bytes (§4): printer, error, paper, reserved. Total over all inputs. */
export const decodeAutomaticStatusBack = (frame: readonly [number, number, number, number]): PrinterStatus => {
  const [printer, error, paper] = frame;
  return {
    online: !bit(printer, 3),
    paper: (paper & 0x0c) === 0x0c ? 'out' : (paper & 0x03) === 0x03 ? 'near-end' : 'ok',
    coverOpen: bit(printer, 5),
    cutterError: bit(error, 3),
  };
};

/** Whether a status lets a job print: online, paper present, cover closed, cutter working. */
export const canPrint = (status: PrinterStatus): boolean =>
  status.online && status.paper !== 'out' && !status.coverOpen && !status.cutterError;
