/**
 * JSON with every object's keys in sorted order (undefined members left out), so that the same value always gives
 * the same text: what a fingerprint (the config's, the fleet's overlay's) is taken over.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map((each) => (each === undefined ? 'null' : canonicalJson(each))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, each]) => each !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};
