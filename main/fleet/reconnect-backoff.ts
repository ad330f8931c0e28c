/**
 * How long to wait before the next connection attempt: the window doubles with each failed attempt, from the first
 * delay up to the last, and the wait is drawn at random from its upper half. Ten thousand terminals that lost the
 * broker at the same moment so come back spread out, not in one wave.
 */
export interface BackoffSettings {
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
}

/** `attempt` counts the failed attempts since the last successful connect (0 for the first retry); `random` is in [0, 1). */
export const reconnectDelayMs = (attempt: number, settings: BackoffSettings, random: () => number): number => {
  const first = settings.firstDelaySeconds * 1000;
  const max = Math.max(first, settings.maxDelaySeconds * 1000);
  const ceiling = Math.min(max, first * 2 ** Math.min(attempt + 1, 40));
  const floor = Math.max(first, ceiling / 2);
  return Math.round(floor + random() * (ceiling - floor));
};
