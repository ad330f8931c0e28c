import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The worked example of idcard-sam-protocol.md §10, byte for byte. */
export const referenceReadResponse = (): Uint8Array =>
  Uint8Array.from(
    Buffer.from(
      readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'idcard', 'reference-30-01-response.hex'), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('')
        .replaceAll(' ', ''),
      'hex',
    ),
  );

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
export const bytes = (spaced: string) => Uint8Array.from(Buffer.from(spaced.replaceAll(' ', ''), 'hex'));
