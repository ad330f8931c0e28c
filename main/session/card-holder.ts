import type { IdCard } from '../../drivers/idcard/id-card.ts';

/** The holder's name as forms and receipts use it: the Chinese name, else (a foreign card without one) the English. */
export const holderName = (card: IdCard): string => (card.cardType === 'foreign-permanent' ? (card.name ?? card.englishName) : card.name);

/** The address on the card; foreign permanent residence cards carry none. */
export const holderAddress = (card: IdCard): string | null => ('address' in card ? card.address : null);
