import { CHARS } from './char-readings.ts';

/**
 * Every reading of every character of a name, toneless (CharReadings: polyphonic characters keep all their
 * readings, ü is written both v and u, other characters stand for themselves, lower-cased).
 */
export const readingsOf = (name: string): string[][] => [...name.toLowerCase()].map((char) => [...(CHARS.readings[CHARS.idOf(char.codePointAt(0) ?? 0)] ?? [])]);
