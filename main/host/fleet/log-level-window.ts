import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../common/clock.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The operator turns the host's log up (or down) for a while (the setLogLevel RPC): after so many minutes it goes back
 * to the level the host started with, by itself — a terminal is never left logging at `trace` because someone forgot.
 */
export const logLevelWindow = (log: Logger, clock: Clock) => {
  const configured = log.level;
  let timer: TimerHandle | null = null;
  return {
    set(level: LogLevel, minutes: number): { level: LogLevel; until: string } {
      if (timer !== null) clock.clearTimeout(timer);
      log.level = level;
      const until = clock.now() + minutes * 60_000;
      timer = clock.setTimeout(() => {
        timer = null;
        log.level = configured;
        log.info({ level: configured }, 'log level back to the configured one');
      }, minutes * 60_000);
      log.warn({ level, minutes }, 'log level set by the fleet operator');
      return { level, until: new Date(until).toISOString() };
    },
    stop(): void {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      log.level = configured;
    },
  };
};
