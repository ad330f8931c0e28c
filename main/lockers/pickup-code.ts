/**
 * A pickup code (取件码) as the citizen gives it: typed on the keypad, or scanned from the QR of the SMS's link.
 * The platform mints 6-digit codes; 6 to 8 digits are accepted so a platform may lengthen them.
 */
export const PICKUP_CODE = /^[0-9]{6,8}$/;

/** The parameters a pickup link may carry the code in (…?pickupCode=123456, …?code=123456). */
const LINK_PARAMETERS = ['pickupCode', 'code'];

/** The code in what a scanner read: the digits alone, or a link with the code as a parameter; null when neither. */
export const pickupCodeFromScan = (text: string): string | null => {
  const trimmed = text.trim();
  if (PICKUP_CODE.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  for (const name of LINK_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value !== null && PICKUP_CODE.test(value)) return value;
  }
  return null;
};
