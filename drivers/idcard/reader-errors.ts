/**
 * Why a read did not give a card, as a code a screen, kioskctl and a technician can each act on.
 */
export type IdCardReadErrorCode =
  | 'no-card' // nothing placed before the timeout
  | 'card-left' // the card read last stayed on the reader until the timeout: it must be lifted and placed again
  | 'not-an-id-card' // SW3 40: a bank card, a transit card …
  | 'read-failed' // 41/31/32/33 twice in a row: the card moved, or is damaged
  | 'reader-not-responding' // the line is there but the SAM does not answer
  | 'reader-disconnected' // the port is gone (unplugged) and did not come back in time
  | 'frame-errors' // answers kept arriving corrupt (checksum or length)
  | 'reader-fault' // the SAM reports a fault of its own (self-test, not authorised, command errors)
  | 'bad-card-data' // the card's data does not decode
  | 'cancelled';

export class IdCardReadError extends Error {
  readonly code: IdCardReadErrorCode;
  constructor(code: IdCardReadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdCardReadError';
    this.code = code;
  }
}
