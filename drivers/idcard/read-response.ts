import type { IdCard } from './id-card.ts';
import { IdCardDecodeError } from './id-card-error.ts';
import { decodeIdText, ID_TEXT_LENGTH } from './id-text.ts';
import { decodeUcs2Field } from './ucs2-field.ts';

/** The WLT photo is always 1024 bytes (§8). */
export const WLT_PHOTO_LENGTH = 1024;

/**
 * The body of a successful 30 01 or 30 10 reply (§5.2, §5.3): SW1 SW2 SW3, the big-endian lengths, then the
 * text, the photo and (30 10) the fingerprint. Lengths are read from the fields, never assumed.
 */
export const decodeReadBody = (body: Uint8Array, withFingerprint: boolean): IdCard => {
  const lengthsAt = 3;
  const headerLength = lengthsAt + (withFingerprint ? 6 : 4);
  if (body.length < headerLength) throw new IdCardDecodeError('bad-read-response', `read reply of ${body.length} bytes is too short`);
  const u16 = (at: number) => ((body[at] ?? 0) << 8) | (body[at + 1] ?? 0);
  const textLength = u16(lengthsAt);
  const photoLength = u16(lengthsAt + 2);
  const fingerprintLength = withFingerprint ? u16(lengthsAt + 4) : 0;
  if (textLength !== ID_TEXT_LENGTH || photoLength !== WLT_PHOTO_LENGTH) {
    throw new IdCardDecodeError('bad-read-response', `text/photo lengths ${textLength}/${photoLength}, expected 256/1024`);
  }
  if (![0, 512, 1024].includes(fingerprintLength)) {
    throw new IdCardDecodeError('bad-read-response', `fingerprint length ${fingerprintLength} is not 0, 512 or 1024`);
  }
  const expected = headerLength + textLength + photoLength + fingerprintLength;
  if (body.length !== expected) {
    throw new IdCardDecodeError('bad-read-response', `read reply is ${body.length} bytes, its lengths say ${expected}`);
  }
  const textStart = headerLength;
  const photoStart = textStart + textLength;
  const fingerprintStart = photoStart + photoLength;
  const fields = decodeIdText(body.slice(textStart, photoStart));
  const photo = body.slice(photoStart, fingerprintStart);
  return {
    ...fields,
    photo,
    ...(fingerprintLength > 0 ? { fingerprint: body.slice(fingerprintStart, fingerprintStart + fingerprintLength) } : {}),
  } as IdCard;
};

/** The added address of a 30 03 reply (§5.4): 70 bytes UCS-2 LE after SW1 SW2 SW3. */
export const decodeAddedAddress = (body: Uint8Array): string => {
  if (body.length !== 73) throw new IdCardDecodeError('bad-read-response', `added-address reply is ${body.length} bytes, not 73`);
  return decodeUcs2Field(body.subarray(3));
};
