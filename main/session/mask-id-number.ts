/**
 * An ID number as a screen or a receipt may show it: the first and last four characters, the rest starred
 * (110101199001011237 → 1101**********1237). Short numbers keep less, so at least half is always hidden.
 */
export const maskIdNumber = (idNumber: string): string => {
  const keep = Math.min(4, Math.floor(idNumber.length / 4));
  if (keep === 0) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, keep)}${'*'.repeat(idNumber.length - keep * 2)}${idNumber.slice(-keep)}`;
};
