/**
 * An ID number as a screen or a receipt may show it: the first and last four characters, the rest starred
 * (310104198512120016 → 3101**********0016). Short numbers keep less, so at least half is always hidden.
 */
export const maskIdNumber = (idNumber: string): string => {
  const keep = Math.min(4, Math.floor(idNumber.length / 4));
  if (keep === 0) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, keep)}${'*'.repeat(idNumber.length - keep * 2)}${idNumber.slice(-keep)}`;
};

/** A name and number as a receipt prints them for the applicant: 张某某 → 张** 3101**********0016. */
export const maskApplicant = (citizen: { name: string; maskedIdNumber: string }): string => {
  const characters = [...citizen.name];
  return `${characters[0] ?? ''}${'*'.repeat(Math.max(1, characters.length - 1))} ${citizen.maskedIdNumber}`;
};
