/**
 * GA 467 SAM frames (idcard-sam-protocol.md §2): `AA AA AA 96 69`, a big-endian length counting everything
 * after it (body + checksum), the body, and an XOR checksum over the length bytes and the body.
 */
export const SAM_PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
export const SAM_HEADER_LENGTH = 7;
/** The largest reply (30 10 with a 1024-byte fingerprint) is 2321 bytes: Len 2314 (§2.3 rule 4). */
export const SAM_MAX_LEN = 2321 - SAM_HEADER_LENGTH;
/** A status-only reply has Len 4 (SW1 SW2 SW3 CHK); a command without data has Len 3 (CMD Para CHK). */
export const SAM_MIN_LEN = 3;

/** XOR of bytes [from, to) — §2.1: the checksum covers Len1, Len2 and the body. */
export const xorChecksum = (bytes: Uint8Array, from: number, to: number): number => {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= bytes[i] ?? 0;
  return sum;
};

/** Wraps a body (CMD Para Data, or SW1 SW2 SW3 Data) into a complete frame with length and checksum. */
export const wrapSamFrame = (body: Uint8Array): Uint8Array => {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`SAM frame body too long (${body.length} bytes)`);
  const frame = new Uint8Array(SAM_HEADER_LENGTH + len);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = (len >> 8) & 0xff;
  frame[6] = len & 0xff;
  frame.set(body, SAM_HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
};

/** A host → reader command (§2.1). */
export const buildSamCommand = (cmd: number, para: number, data: Uint8Array = new Uint8Array()): Uint8Array => {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return wrapSamFrame(body);
};

/** The commands of §4. */
export const samCommands = {
  reset: () => buildSamCommand(0x10, 0xff),
  samStatus: () => buildSamCommand(0x11, 0xff),
  samId: () => buildSamCommand(0x12, 0xff),
  findCard: () => buildSamCommand(0x20, 0x01),
  selectCard: () => buildSamCommand(0x20, 0x02),
  /** 30 01: text + photo. */
  readText: () => buildSamCommand(0x30, 0x01),
  /** 30 10: text + photo + fingerprint. */
  readTextWithFingerprint: () => buildSamCommand(0x30, 0x10),
  /** 30 03: the added address (追加住址). */
  readAddedAddress: () => buildSamCommand(0x30, 0x03),
  /** 60 xx: UART rate; the codes are single-source (§4 notes): keep readers at 115200. */
  setBaudRate: (rate: 115200 | 57600 | 38400 | 19200 | 9600) =>
    buildSamCommand(0x60, ({ 115200: 0, 57600: 1, 38400: 2, 19200: 3, 9600: 4 } as const)[rate]),
} as const;
