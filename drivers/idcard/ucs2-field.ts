const decoder = new TextDecoder('utf-16le', { fatal: false });

const isPadding = (char: string) => char === ' ' || char === '\u0000' || char === '\u3000';

/**
 * One text field of a card: UCS-2 little-endian, padded with spaces (and NULs on some readers); the padding
 * is trimmed from both ends (idcard-sam-protocol.md §6).
 */
export const decodeUcs2Field = (bytes: Uint8Array): string => {
  const text = decoder.decode(bytes);
  let start = 0;
  let end = text.length;
  while (start < end && isPadding(text.charAt(start))) start++;
  while (end > start && isPadding(text.charAt(end - 1))) end--;
  return text.slice(start, end);
};
