/**
 * What a second-generation card says, for every card type the SAM reads (idcard-sam-protocol.md §6, §7).
 * Dates are YYYY-MM-DD; a validity end of 长期 is "long-term". The photo stays the raw 1024-byte WLT:
 * only a licensed vendor decoder can turn it into an image (§8).
 */
export type Gender = 'male' | 'female' | 'unknown' | 'unspecified';
export type ValidTo = string | 'long-term';

interface CardBase {
  gender: Gender;
  birthDate: string;
  idNumber: string;
  validFrom: string;
  validTo: ValidTo;
  /** WLT, compressed and encrypted: never decoded here. */
  photo: Uint8Array;
  /** 30 10 only: fingerprint minutiae for a certified matcher. */
  fingerprint?: Uint8Array;
}

export interface ResidentCard extends CardBase {
  cardType: 'resident';
  name: string;
  nation: { code: string; name: string };
  address: string;
  issuer: string;
}

/** 港澳台居民居住证, type mark J (§7.1). */
export interface HkMoTwResidenceCard extends CardBase {
  cardType: 'hk-mo-tw-residence';
  name: string;
  address: string;
  issuer: string;
  passNumber: string;
  issueCount: string;
}

/** 外国人永久居留身份证, 2017 edition, type mark I (§7.2). */
export interface ForeignPermanentCard extends CardBase {
  cardType: 'foreign-permanent';
  englishName: string;
  /** The Chinese name, when the card has one. */
  name?: string;
  /** GB/T 2659 alpha-3, e.g. USA. */
  nationality: string;
}

/**
 * 外国人永久居留身份证, 2023 edition. UNCERTAIN: the field sizes and the type mark 'Y' are inferred (§7.3);
 * verify against a real card before relying on anything beyond name, number and dates.
 */
export interface ForeignPermanent2023Card extends CardBase {
  cardType: 'foreign-permanent-2023';
  name: string;
  englishName: string;
  nationality: string;
}

export type IdCard = ResidentCard | HkMoTwResidenceCard | ForeignPermanentCard | ForeignPermanent2023Card;
export type CardType = IdCard['cardType'];
