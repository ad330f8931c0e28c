import type { Gender, IdCard } from '../idcard/id-card.ts';
import { ID_TEXT_LENGTH } from '../idcard/id-text.ts';
import { WLT_PHOTO_LENGTH } from '../idcard/read-response.ts';
import { wrapSamFrame } from '../idcard/sam-frame.ts';

/**
 * The card → bytes direction, for simulated readers and tests: the exact layouts the decoder reads
 * (idcard-sam-protocol.md §5–§7). Not used by the kiosk itself.
 */
const GENDER_CODES: Readonly<Record<Gender, string>> = { unknown: '0', male: '1', female: '2', unspecified: '9' };

const put = (text: Uint8Array, offset: number, bytes: number, value: string) => {
  const padded = value.padEnd(bytes / 2, ' ');
  if (padded.length > bytes / 2) throw new RangeError(`"${value}" does not fit in ${bytes} bytes`);
  for (let i = 0; i < padded.length; i++) {
    const code = padded.charCodeAt(i);
    text[offset + i * 2] = code & 0xff;
    text[offset + i * 2 + 1] = code >> 8;
  }
};

const ymd = (isoDate: string) => isoDate.replaceAll('-', '');
const until = (validTo: string) => (validTo === 'long-term' ? '长期' : ymd(validTo));

export const encodeIdText = (card: IdCard): Uint8Array => {
  const text = new Uint8Array(ID_TEXT_LENGTH);
  put(text, 0, ID_TEXT_LENGTH, '');
  switch (card.cardType) {
    case 'resident':
      put(text, 0, 30, card.name);
      put(text, 30, 2, GENDER_CODES[card.gender]);
      put(text, 32, 4, card.nation.code);
      put(text, 36, 16, ymd(card.birthDate));
      put(text, 52, 70, card.address);
      put(text, 122, 36, card.idNumber);
      put(text, 158, 30, card.issuer);
      put(text, 188, 16, ymd(card.validFrom));
      put(text, 204, 16, until(card.validTo));
      break;
    case 'hk-mo-tw-residence':
      put(text, 0, 30, card.name);
      put(text, 30, 2, GENDER_CODES[card.gender]);
      put(text, 36, 16, ymd(card.birthDate));
      put(text, 52, 70, card.address);
      put(text, 122, 36, card.idNumber);
      put(text, 158, 30, card.issuer);
      put(text, 188, 16, ymd(card.validFrom));
      put(text, 204, 16, until(card.validTo));
      put(text, 220, 18, card.passNumber);
      put(text, 238, 4, card.issueCount);
      put(text, 248, 2, 'J');
      break;
    case 'foreign-permanent':
      put(text, 0, 120, card.englishName);
      put(text, 120, 2, GENDER_CODES[card.gender]);
      put(text, 122, 30, card.idNumber);
      put(text, 152, 6, card.nationality);
      put(text, 158, 30, card.name ?? '');
      put(text, 188, 16, ymd(card.validFrom));
      put(text, 204, 16, until(card.validTo));
      put(text, 220, 16, ymd(card.birthDate));
      put(text, 236, 4, '01');
      put(text, 240, 8, '1100');
      put(text, 248, 2, 'I');
      break;
    case 'foreign-permanent-2023':
      put(text, 0, 30, card.name);
      put(text, 30, 2, GENDER_CODES[card.gender]);
      put(text, 32, 4, '00');
      put(text, 36, 16, ymd(card.birthDate));
      put(text, 52, 70, card.englishName.slice(0, 35));
      put(text, 122, 36, card.idNumber);
      put(text, 188, 16, ymd(card.validFrom));
      put(text, 204, 16, until(card.validTo));
      put(text, 220, 22, card.englishName.slice(35));
      put(text, 242, 6, card.nationality);
      put(text, 248, 2, 'Y');
      break;
  }
  return text;
};

/** A status frame: SW1 SW2 = 00 00, then SW3 and optional data (§2.2). */
export const encodeStatusFrame = (sw3: number, data: Uint8Array = new Uint8Array()): Uint8Array => {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return wrapSamFrame(body);
};

/** A successful 30 01 (or 30 10) reply for a card (§5.2, §5.3). */
export const encodeReadResponse = (card: IdCard, withFingerprint: boolean): Uint8Array => {
  if (card.photo.length !== WLT_PHOTO_LENGTH) throw new RangeError('a card photo is 1024 bytes');
  const fingerprint = withFingerprint ? (card.fingerprint ?? new Uint8Array()) : new Uint8Array();
  const lengths = withFingerprint ? [ID_TEXT_LENGTH, WLT_PHOTO_LENGTH, fingerprint.length] : [ID_TEXT_LENGTH, WLT_PHOTO_LENGTH];
  const data = new Uint8Array(lengths.length * 2 + ID_TEXT_LENGTH + WLT_PHOTO_LENGTH + fingerprint.length);
  lengths.forEach((length, i) => {
    data[i * 2] = length >> 8;
    data[i * 2 + 1] = length & 0xff;
  });
  let at = lengths.length * 2;
  data.set(encodeIdText(card), at);
  at += ID_TEXT_LENGTH;
  data.set(card.photo, at);
  at += WLT_PHOTO_LENGTH;
  data.set(fingerprint, at);
  return encodeStatusFrame(0x90, data);
};
