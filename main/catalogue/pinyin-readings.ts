import { polyphonic } from 'pinyin-pro';

/**
 * Every reading of every character of a name, toneless: a polyphonic character keeps all its readings (还 in
 * 提前还款 is hai and huan; 行 in 闵行 is xing and hang), ü is written both v and u (citizens type either), and
 * characters that are not Chinese stand for themselves, lower-cased.
 */
export const readingsOf = (name: string): string[][] => {
  const chars = [...name];
  const readings = polyphonic(name, { toneType: 'none', type: 'array', v: true }) as string[][];
  return chars.map((char, i) => {
    const found = readings[i] ?? [];
    const chinese = found.length > 0 && found[0] !== char;
    if (!chinese) return [char.toLowerCase()];
    const all = new Set<string>();
    for (const reading of found) {
      all.add(reading);
      if (reading.includes('v')) all.add(reading.replaceAll('v', 'u'));
    }
    return [...all];
  });
};

/** Whether the query (lower-case letters) is spelled by the readings starting at some character, the last one possibly in part. */
export const matchesPinyin = (readings: readonly string[][], query: string): number => {
  const from = (index: number, at: number): boolean => {
    if (at === query.length) return true;
    const options = readings[index];
    if (options === undefined) return false;
    const rest = query.slice(at);
    return options.some((reading) => (rest.startsWith(reading) ? from(index + 1, at + reading.length) : reading.startsWith(rest)));
  };
  for (let start = 0; start < readings.length; start++) if (from(start, 0)) return start;
  return -1;
};

/** Whether the query is the initials of consecutive characters (sbk → 社保卡's s b k); returns where, or -1. */
export const matchesInitials = (readings: readonly string[][], query: string): number => {
  for (let start = 0; start + query.length <= readings.length; start++) {
    let ok = true;
    for (let k = 0; k < query.length && ok; k++) ok = (readings[start + k] ?? []).some((reading) => reading[0] === query[k]);
    if (ok) return start;
  }
  return -1;
};
