/**
 * Every way a reply can fail to be an ID card, as a value with a code: the codec throws nothing else.
 * The driver adds its own (no card, reader not responding) in reader-errors.ts.
 */
export type IdCardDecodeErrorCode = 'bad-read-response' | 'bad-text-block' | 'unknown-card-type';

export class IdCardDecodeError extends Error {
  readonly code: IdCardDecodeErrorCode;
  constructor(code: IdCardDecodeErrorCode, message: string) {
    super(message);
    this.name = 'IdCardDecodeError';
    this.code = code;
  }
}
