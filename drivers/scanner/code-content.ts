import iconv from 'iconv-lite';

/** How a scanner's bytes become text: as configured, or detected (scanners.md §1.2: UTF-8 with a GB18030 fallback). */
export type CodeEncoding = 'auto' | 'utf-8' | 'gb18030';

export interface DecodedContent {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a scanned code. With 'auto', bytes that are valid UTF-8 are UTF-8 (phones make UTF-8 codes; plain
 * ASCII is both), anything else is read as GB18030 (legacy systems). Never throws.
 */
export const decodeCodeContent = (bytes: Uint8Array, encoding: CodeEncoding = 'auto'): DecodedContent => {
  if (encoding === 'gb18030') return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
};
