/** Option values as parseArgs hands them over (strings), checked before a command uses them. */

export const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

/** A whole number written in digits only ("12"; not "1e1", "0x0c" or " 12"), else null. */
export const wholeNumber = (value: unknown): number | null => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null);
