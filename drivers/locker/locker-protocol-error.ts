/**
 * Why bytes on a lock-control bus are not the frame the codec can use. Decoders return these as values and
 * throw nothing: a noisy RS-485 line is normal (locker-boards.md §1.5), not exceptional.
 */
export type LockerProtocolErrorCode = 'bad-checksum' | 'malformed-frame' | 'unexpected-reply';

export class LockerProtocolError extends Error {
  readonly code: LockerProtocolErrorCode;
  /** The bytes that were judged, as received. */
  readonly raw: Uint8Array;
  constructor(code: LockerProtocolErrorCode, message: string, raw: Uint8Array) {
    super(message);
    this.name = 'LockerProtocolError';
    this.code = code;
    this.raw = raw;
  }
}

/** A frame of the right shape whose checksum (XOR BCC or additive SUM) does not match its bytes. */
export class BadChecksum extends LockerProtocolError {
  readonly expected: number;
  readonly actual: number;
  constructor(raw: Uint8Array, expected: number) {
    const actual = raw[raw.length - 1] ?? 0;
    super('bad-checksum', `checksum ${hexByte(actual)} should be ${hexByte(expected)}`, raw);
    this.name = 'BadChecksum';
    this.expected = expected;
    this.actual = actual;
  }
}

/** Not a frame of this protocol at all: wrong length, header, trailer or a field out of range. */
export class MalformedFrame extends LockerProtocolError {
  constructor(raw: Uint8Array, why: string) {
    super('malformed-frame', why, raw);
    this.name = 'MalformedFrame';
  }
}

/** A well-formed frame, but not one this side expects: a command heard as a reply, another board's answer, an
 * unsolicited report the driver does not use. */
export class UnexpectedReply extends LockerProtocolError {
  constructor(raw: Uint8Array, why: string) {
    super('unexpected-reply', why, raw);
    this.name = 'UnexpectedReply';
  }
}

export const hexByte = (byte: number): string => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
