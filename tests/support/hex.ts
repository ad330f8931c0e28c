/** Bytes as the protocol references print them: upper-case hex pairs separated by spaces. */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');

export const bytes = (spaced: string): Uint8Array => Uint8Array.from(Buffer.from(spaced.replaceAll(' ', ''), 'hex'));
