/** §1 (generic 8A/80): BCC = XOR of every byte before it. */
export const xorBcc = (frame: Uint8Array, length = frame.length - 1): number => {
  let bcc = 0;
  for (let i = 0; i < length; i++) bcc ^= frame[i] ?? 0;
  return bcc;
};

/** §2 (Kerong CU48) and §3 (CU16): SUM = low byte of the sum of every byte before it, STX and ETX included. */
export const sum8 = (frame: Uint8Array, length = frame.length - 1): number => {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += frame[i] ?? 0;
  return sum & 0xff;
};
